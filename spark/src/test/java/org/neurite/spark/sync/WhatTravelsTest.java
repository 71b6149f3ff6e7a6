package org.neurite.spark.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.broadcast.Broadcast;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.spark.FashionMlp;
import org.neurite.spark.travel.TrainingParts;
import org.junit.jupiter.api.Test;

/**
 * What a task carries and sends back holds only JDK types, arrays of primitives, Spark's broadcast
 * handle and small records of this module: never a model, a tensor or another engine object. The
 * check walks the declared types of every record component, through generic type arguments.
 */
class WhatTravelsTest {

    private static final Set<Class<?>> JDK_VALUES = Set.of(String.class, Map.class, byte[].class, int[].class,
            float[].class, boolean[].class, int.class, long.class, double.class);

    @Test
    void taskClosureAndResultsHoldOnlyJdkTypesByteArraysAndRecordsOfThisModule() {
        List<String> bad = new ArrayList<>();
        for (Class<?> travelling : List.of(MicroBatchTask.class, MicroBatch.class, MicroGradient.class)) {
            check(travelling, travelling.getSimpleName(), bad);
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void theBroadcastPartsAreFilesBytesAndText() {
        List<String> bad = new ArrayList<>();
        check(TrainingParts.class, "TrainingParts", bad);
        assertThat(bad).isEmpty();
    }

    @Test
    void aTaskSurvivesJavaSerializationAsSparkSendsItAndCarriesTheWeightsAsSafetensorsBytes() throws Exception {
        Model model = FashionMlp.model();
        byte[] weights = WeightsFile.bytes(model.parameters());
        MicroBatchTask task = new MicroBatchTask("job", null, weights, 7, 3);
        MicroBatchTask back = roundTrip(task);
        assertThat(back.weights()).isEqualTo(weights);
        Model other = FashionMlp.model();
        other.parameters().values().forEach(p -> java.util.Arrays.fill(p.data(), 0f));
        WeightsFile.load(back.weights(), "weights", other.parameters());
        model.parameters().forEach((name, p) -> assertThat(other.parameters().get(name).data()).isEqualTo(p.data()));
    }

    private static void check(Type type, String where, List<String> bad) {
        if (type instanceof ParameterizedType p) {
            check(p.getRawType(), where, bad);
            for (Type argument : p.getActualTypeArguments()) {
                check(argument, where + "<>", bad);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            bad.add(where + ": " + type);
            return;
        }
        if (JDK_VALUES.contains(c) || c == Broadcast.class) {
            return;
        }
        if (c.isRecord() && c.getPackageName().startsWith("org.neurite.spark")) {
            for (RecordComponent component : c.getRecordComponents()) {
                check(component.getGenericType(), where + "." + component.getName(), bad);
            }
            return;
        }
        bad.add(where + ": " + c.getName());
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
