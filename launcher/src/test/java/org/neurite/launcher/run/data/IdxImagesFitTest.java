package org.neurite.launcher.run.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.EpochBits;
import org.neurite.engine.data.IdxReader;
import org.neurite.engine.data.IdxTestImages;
import org.neurite.engine.data.source.IdxSource;
import org.neurite.engine.inference.InputStatistics;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Sequential;

/**
 * {@code format: idx} images held as bytes meet a model as the floats that dividing the file's
 * values once gave: the same batches, shuffled and augmented, in a split, and normalised.
 */
class IdxImagesFitTest {

    private static final Sequential MODEL = Sequential.builder(Shape.of(1, 4, 4)).seed(0)
            .add("flatten", Map.of()).add("dense", Map.of("units", 10)).build();

    @TempDir
    Path dir;

    @Test
    void imagesHeldAsBytesGiveTheBatchesOfTheFloatsDividedOnce() throws IOException {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        IdxTestImages.write(images, labels);
        SampleSet bytes = new IdxSource(images, labels, null).read();
        float[] divided = IdxReader.read(images).values();
        for (int i = 0; i < divided.length; i++) {
            divided[i] /= 255f;
        }
        SampleSet floats = SampleSet.of(bytes.source(), Map.of(Dataset.INPUT, new SampleSet.Column(divided,
                Shape.of(4, 4))), bytes.targets(), 0, bytes.info());

        Dataset a = DataFit.fit(bytes, MODEL, "c.yaml:3", "data.train");
        Dataset b = DataFit.fit(floats, MODEL, "c.yaml:3", "data.train");

        assertThat(bytes.inputs().get(Dataset.INPUT).isUnsignedBytes()).isTrue();
        assertThat(a.featureShape()).isEqualTo(Shape.of(1, 4, 4));
        assertThat(EpochBits.of(a)).isEqualTo(EpochBits.of(b));
        Dataset.Split splitA = a.split(0.75, new SplittableRandom(3));
        Dataset.Split splitB = b.split(0.75, new SplittableRandom(3));
        assertThat(EpochBits.of(splitA.train())).isEqualTo(EpochBits.of(splitB.train()));
        assertThat(EpochBits.of(splitA.validation())).isEqualTo(EpochBits.of(splitB.validation()));
        Preprocessing normA = statistics(splitA.train());
        Preprocessing normB = statistics(splitB.train());
        assertThat(normA.toJson()).isEqualTo(normB.toJson());
        assertThat(EpochBits.of(RunData.normalized(splitA.validation(), normA)))
                .isEqualTo(EpochBits.of(RunData.normalized(splitB.validation(), normB)));
    }

    /** The global mean and deviation of the training images, as {@code data.normalize: global} computes them. */
    private static Preprocessing statistics(Dataset train) {
        InputStatistics statistics = new InputStatistics(train.featureShape(), Preprocessing.Normalization.GLOBAL);
        for (int i = 0; i < train.size(); i++) {
            statistics.add(train.features(i), 0);
        }
        return statistics.preprocessing(255);
    }
}
