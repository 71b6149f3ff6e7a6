package org.neurite.launcher.run.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Trainer;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SparkConfig;
import org.neurite.launcher.run.RunParts;

/**
 * A barrier run's recipe from a run config travels as text, bytes and small records of
 * {@code neurite-spark} (never a model or another engine object), survives Java serialization as
 * Spark sends it, and builds on the other side the model, data and trainer settings of the driver.
 */
class ConfigRecipeTest {

    private static final String CONFIG = """
            name: blobs
            seed: 3
            data: {train: {format: synthetic, name: blobs, samples: 40, classes: 3}, validation: {split: 0.25}}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: relu}
                - {type: dense, units: 3}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.01, schedule: {type: cosine}}
            training: {epochs: 3, batch_size: 8, checkpoint_every: 2}
            """;
    private static final Components COMPONENTS = Components.builtIns();

    @TempDir
    Path dir;

    @Test
    void itsFieldsAreTextBytesAndRecordsOfTheSparkModule() {
        List<String> bad = new ArrayList<>();
        for (Field f : ConfigRecipe.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                continue;
            }
            Class<?> type = f.getType();
            boolean travels = Set.of(String.class, long.class, int.class, boolean.class).contains(type)
                    || type.isRecord() && type.getPackageName().startsWith("org.neurite.spark");
            if (!travels) {
                bad.add(f.getName() + ": " + type.getName());
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void afterJavaSerializationItBuildsTheDriversModelDataAndSettings() throws Exception {
        Path file = dir.resolve("blobs.yaml");
        Files.writeString(file, CONFIG);
        RunConfig config = RunConfig.load(file, List.of(), COMPONENTS);
        RunParts parts = RunParts.prepare(config, COMPONENTS);
        SparkConfig localSgd = new SparkConfig(SparkConfig.Mode.LOCAL_SGD, 2, 2, 32, SparkConfig.DataFrom.DRIVER);
        ConfigRecipe sent = ConfigRecipe.of(config, parts, Map.of(),
                new SparkLaunch("local[2]", localSgd, Set.of(), List.of()), null);

        ConfigRecipe received = roundTrip(sent);
        try {
            Model model = received.model();
            assertThat(WeightsFile.bytes(model.parameters())).isEqualTo(WeightsFile.bytes(parts.model().parameters()));
            assertThat(received.trainingData().size()).isEqualTo(parts.data().train().size());
            assertThat(received.validationData().size()).isEqualTo(parts.data().validation().size());
            assertThat(received.seed()).isEqualTo(3);
            assertThat(received.checkpoints().every()).isEqualTo(2);
            assertThat(received.loss().name()).isEqualTo("cross_entropy");
            Trainer trainer = received.configure(Trainer.builder(model, received.loss(), received.optimizer(model)))
                    .build();
            assertThat(trainer.epochs()).isEqualTo(3);
        } finally {
            received.release();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
