package org.neurite.spark.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkFailuresTest {

    @Test
    void keepsTheExecutorsMessageAndTheTaskFromSparksReport() {
        String report = "Job aborted due to stage failure: Task 1 in stage 3.0 failed 4 times, most recent failure:"
                + " Lost task 1.3 in stage 3.0 (TID 17) (10.0.0.5 executor 2):"
                + " org.neurite.engine.io.FileFormatException: model.json: model: unknown layer type 'mish'\n"
                + "\tat org.neurite.engine.io.ModelFile.load(ModelFile.java:140)\n";
        assertThat(SparkFailures.describe(report))
                .isEqualTo("model.json: model: unknown layer type 'mish' (task 1.3 on 10.0.0.5 executor 2)");
    }

    @Test
    void otherwiseKeepsTheReportsFirstLine() {
        assertThat(SparkFailures.describe("Job 3 cancelled because SparkContext was shut down\nmore"))
                .isEqualTo("Job 3 cancelled because SparkContext was shut down");
    }
}
