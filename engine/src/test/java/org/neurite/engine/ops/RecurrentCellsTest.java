package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Reference values: torch 1.13 with batch 2, input size 3, hidden size 2, x = sine(0.1, [2, 3]),
 * h = sine(0.4, [2, 2]), c = sine(1.9, [2, 2]), w_ih = sine(0.7, [G*2, 3]) * 0.6,
 * w_hh = sine(1.0, [G*2, 2]) * 0.6, b_ih = sine(1.3, [G*2]) * 0.3, b_hh = sine(1.6, [G*2]) * 0.3,
 * through torch._VF.rnn_tanh_cell / rnn_relu_cell / lstm_cell / gru_cell, then backward of
 * sum(h' * sine(0.2, [2, 2])) (+ sum(c' * sine(0.5, [2, 2])) for the LSTM).
 */
class RecurrentCellsTest {

    private static final float TOL = 1e-5f;

    /** The inputs of one cell step with G gate blocks, as in the torch script. */
    private record Inputs(CpuTensor x, CpuTensor h, CpuTensor c, CpuTensor wIh, CpuTensor wHh, CpuTensor bIh,
                          CpuTensor bHh) {
        static Inputs of(int gates) {
            return new Inputs(Fixtures.sine(0.1, 2, 3).requireGrad(), Fixtures.sine(0.4, 2, 2).requireGrad(),
                    Fixtures.sine(1.9, 2, 2).requireGrad(), Fixtures.sine(0.7, 0.6, gates * 2, 3).requireGrad(),
                    Fixtures.sine(1.0, 0.6, gates * 2, 2).requireGrad(),
                    Fixtures.sine(1.3, 0.3, gates * 2).requireGrad(),
                    Fixtures.sine(1.6, 0.3, gates * 2).requireGrad());
        }

        void assertGrads(float[] dx, float[] dh, float[] dwIh, float[] dwHh, float[] dbIh, float[] dbHh) {
            assertThat(x.gradArray()).as("dx").containsExactly(dx, within(TOL));
            assertThat(h.gradArray()).as("dh").containsExactly(dh, within(TOL));
            assertThat(wIh.gradArray()).as("dwIh").containsExactly(dwIh, within(TOL));
            assertThat(wHh.gradArray()).as("dwHh").containsExactly(dwHh, within(TOL));
            assertThat(bIh.gradArray()).as("dbIh").containsExactly(dbIh, within(TOL));
            assertThat(bHh.gradArray()).as("dbHh").containsExactly(dbHh, within(TOL));
        }
    }

    @Test
    void tanhRnnMatchesTorch() {
        Inputs in = Inputs.of(1);
        CpuTensor h2 = RecurrentCells.rnn(in.x, in.h, in.wIh, in.wHh, in.bIh, in.bHh, false);
        assertThat(h2.toArray()).containsExactly(new float[] {0.97990572f, 0.024001518f, 0.930417f, 0.84819162f},
                within(TOL));
        h2.backward(Fixtures.sine(0.2, 2, 2));
        in.assertGrads(
                new float[] {0.16040759f, -0.16009837f, -0.40530759f, 0.093950666f, 0.035352785f, -0.039872061f},
                new float[] {0.32127282f, 0.024234373f, 0.15258259f, 0.085108459f},
                new float[] {0.10934342f, 0.037793264f, -0.051531646f, 0.2473134f, 0.61165714f, 0.68832898f},
                new float[] {0.1338335f, 0.087399125f, 0.5086177f, 0.82291883f},
                new float[] {0.14217094f, 0.99209893f},
                new float[] {0.14217094f, 0.99209893f});
    }

    @Test
    void reluRnnMatchesTorch() {
        Inputs in = Inputs.of(1);
        CpuTensor h2 = RecurrentCells.rnn(in.x, in.h, in.wIh, in.wHh, in.bIh, in.bHh, true);
        assertThat(h2.toArray()).containsExactly(new float[] {2.2951853f, 0.024006128f, 1.6614854f, 1.2496719f},
                within(TOL));
        h2.backward(Fixtures.sine(0.2, 2, 2));
        in.assertGrads(
                new float[] {0.23423493f, -0.047399577f, -0.30674133f, 0.53624725f, 0.43406922f, 0.12774163f},
                new float[] {0.41776979f, 0.13775077f, 0.80688512f, 0.61334932f},
                new float[] {0.82798553f, 0.38166398f, -0.24416009f, 0.68110216f, 0.7403338f, 0.45137489f},
                new float[] {1.0507978f, 0.77527249f, 1.0312451f, 1.1443905f},
                new float[] {1.1982429f, 1.5290321f},
                new float[] {1.1982429f, 1.5290321f});
    }

    @Test
    void lstmMatchesTorchThroughBothOutputsInOneGraph() {
        Inputs in = Inputs.of(4);
        List<Tensor> out = RecurrentCells.lstm(in.x, in.h, in.c, in.wIh, in.wHh, in.bIh, in.bHh);
        CpuTensor h2 = CpuTensor.of(out.get(0));
        CpuTensor c2 = CpuTensor.of(out.get(1));
        assertThat(h2.toArray()).containsExactly(new float[] {-0.13507006f, 0.032050986f, 0.082983039f, -0.17489098f},
                within(TOL));
        assertThat(c2.toArray()).containsExactly(new float[] {-0.24034238f, 0.15510222f, 0.19971107f, -0.50889206f},
                within(TOL));
        weightedSum(h2, Fixtures.sineValues(0.2, 1, 4), c2, Fixtures.sineValues(0.5, 1, 4)).backward();
        assertThat(in.c.gradArray()).as("dc")
                .containsExactly(new float[] {0.17999652f, 0.63601202f, 0.33491221f, 0.25078833f}, within(TOL));
        float[] db = {
            0.02297621f, -0.11908616f, 0.078358769f, 0.011989348f, 1.3949094f, 1.0171242f, 0.0365602f, -0.061916009f};
        in.assertGrads(
                new float[] {-0.2738522f, -0.24052253f, -0.094071321f, -0.10973866f, -0.39143154f, -0.48902798f},
                new float[] {0.19256669f, 0.25580966f, 0.6371569f, 0.84141529f},
                new float[] {
                    0.038772177f, -0.0081283897f, -0.051206049f, -0.040759835f, -0.06594903f, -0.060121365f,
                    -0.020333929f, 0.075207382f, 0.13537748f, -0.087246045f, 0.068269596f, 0.19167697f,
                    0.87881124f, 0.50169998f, -0.11136862f, 0.46328133f, 0.48558977f, 0.27951777f,
                    0.0376832f, 0.0032657895f, -0.032687571f, -0.064144805f, -0.0053101471f, 0.056021955f},
                new float[] {
                    0.039030816f, 0.0054080412f, -0.070184089f, -0.094204374f, 0.0072936681f, 0.081464931f,
                    -0.068269424f, 0.047219109f, 1.153107f, 0.93765831f, 0.69440985f, 0.75704134f,
                    0.042304207f, 0.018524224f, -0.071913324f, -0.031236377f},
                db, db);
    }

    @Test
    void gruMatchesTorch() {
        Inputs in = Inputs.of(3);
        CpuTensor h2 = RecurrentCells.gru(in.x, in.h, in.wIh, in.wHh, in.bIh, in.bHh);
        assertThat(h2.toArray()).containsExactly(new float[] {-0.29545999f, 0.34416899f, 0.43268847f, -0.074118227f},
                within(TOL));
        h2.backward(Fixtures.sine(0.2, 2, 2));
        in.assertGrads(
                new float[] {-0.062526762f, 0.0096724164f, 0.077322505f, -0.098035075f, -0.24931091f, -0.28333193f},
                new float[] {0.018402006f, 0.47275215f, 0.42830634f, 0.57626677f},
                new float[] {
                    0.015572004f, 0.0058319531f, -0.0066509559f, 0.032367971f, 0.023829266f, 0.0040832865f,
                    0.11259842f, 0.062022701f, -0.01772326f, 0.16379313f, 0.22023499f, 0.17309693f,
                    0.57730901f, 0.23164751f, -0.22296144f, 0.35191333f, 0.28928655f, 0.090603776f},
                new float[] {
                    0.019235702f, 0.012981169f, 0.044564709f, 0.040893693f, 0.14685915f, 0.11745511f,
                    0.26450992f, 0.32534808f, 0.60676497f, 0.42524385f, 0.35734478f, 0.30839685f},
                new float[] {0.020820139f, 0.058195595f, 0.1758464f, 0.42148033f, 0.79154742f, 0.67121446f},
                new float[] {0.020820139f, 0.058195595f, 0.1758464f, 0.42148033f, 0.67126155f, 0.44868267f});
    }

    @Test
    void rnnGradientsPassFiniteDifferences() {
        for (boolean relu : new boolean[] {false, true}) {
            GradCheck.create().check(in -> RecurrentCells.rnn(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
                    in.get(5), relu), GradCheck.random(1, 3, 4), GradCheck.random(2, 3, 5), GradCheck.random(3, 5, 4),
                    GradCheck.random(4, 5, 5), GradCheck.random(5, 5), GradCheck.random(6, 5));
        }
    }

    @Test
    void lstmGradientsPassFiniteDifferencesOverTwoChainedSteps() {
        CpuTensor[] inputs = {GradCheck.random(1, 3, 4), GradCheck.random(2, 3, 5), GradCheck.random(3, 3, 5),
            GradCheck.random(4, 20, 4), GradCheck.random(5, 20, 5), GradCheck.random(6, 20), GradCheck.random(7, 20)};
        for (int output = 0; output < 2; output++) {
            int which = output;
            GradCheck.create().check(in -> {
                List<Tensor> first = RecurrentCells.lstm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
                        in.get(5), in.get(6));
                List<Tensor> second = RecurrentCells.lstm(in.get(0), CpuTensor.of(first.get(0)),
                        CpuTensor.of(first.get(1)), in.get(3), in.get(4), in.get(5), in.get(6));
                return second.get(which);
            }, inputs);
        }
    }

    @Test
    void gruGradientsPassFiniteDifferences() {
        GradCheck.create().check(in -> RecurrentCells.gru(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
                in.get(5)), GradCheck.random(1, 3, 4), GradCheck.random(2, 3, 5), GradCheck.random(3, 15, 4),
                GradCheck.random(4, 15, 5), GradCheck.random(5, 15), GradCheck.random(6, 15));
    }

    @Test
    void missingBiasesActAsZeros() {
        Inputs in = Inputs.of(3);
        CpuTensor zeros = CpuTensor.wrap(new float[6], Shape.of(6));
        assertThat(RecurrentCells.gru(in.x, in.h, in.wIh, in.wHh, null, null).toArray())
                .containsExactly(RecurrentCells.gru(in.x, in.h, in.wIh, in.wHh, zeros, zeros).toArray());
        Inputs four = Inputs.of(4);
        GradCheck.create().check(t -> RecurrentCells.lstm(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), null,
                null).get(0), four.x, four.h, four.c, four.wIh, four.wHh);
        GradCheck.create().check(t -> RecurrentCells.rnn(t.get(0), t.get(1), t.get(2), t.get(3), null, null, false),
                GradCheck.random(1, 2, 3), GradCheck.random(2, 2, 2), GradCheck.random(3, 2, 3),
                GradCheck.random(4, 2, 2));
    }

    @Test
    void rejectsWeightsThatDoNotFitTheHiddenSize() {
        Inputs in = Inputs.of(4);
        CpuTensor wrong = CpuTensor.wrap(new float[12 * 3], Shape.of(12, 3));
        assertThatThrownBy(() -> RecurrentCells.lstm(in.x, in.h, in.c, wrong, in.wHh, in.bIh, in.bHh))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("lstmCell: weight_ih [12, 3] does not fit hidden size 2 and input size 3 (expected [8, 3]"
                        + " for input [2, 3] and hidden state [2, 2])");
        assertThatThrownBy(() -> RecurrentCells.gru(in.x, in.h, Inputs.of(3).wIh, in.wHh, null, null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("gruCell: weight_hh [8, 2] does not fit hidden size 2");
        assertThatThrownBy(() -> RecurrentCells.rnn(in.x, in.h, Inputs.of(1).wIh, Inputs.of(1).wHh, in.bIh, null,
                false))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("rnnCell: bias_ih [8] does not fit hidden size 2");
        CpuTensor otherBatch = CpuTensor.wrap(new float[6], Shape.of(3, 2));
        assertThatThrownBy(() -> RecurrentCells.rnn(in.x, otherBatch, Inputs.of(1).wIh, Inputs.of(1).wHh, null, null,
                false))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("rnnCell: input [2, 3] and hidden state [3, 2]");
        assertThatThrownBy(() -> RecurrentCells.lstm(in.x, in.h, otherBatch, in.wIh, in.wHh, null, null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("lstmCell: cell state [3, 2] must have the shape of hidden state [2, 2]");
    }

    /** {@code sum(a * wa) + sum(b * wb)} as one scalar node, so both outputs share one backward pass. */
    private static CpuTensor weightedSum(CpuTensor a, float[] wa, CpuTensor b, float[] wb) {
        float s = 0f;
        for (int i = 0; i < wa.length; i++) {
            s += a.data()[i] * wa[i] + b.data()[i] * wb[i];
        }
        return CpuTensor.result("weightedSum", new float[] {s}, Shape.scalar(), g -> {
            float[] ga = wa.clone();
            float[] gb = wb.clone();
            for (int i = 0; i < ga.length; i++) {
                ga[i] *= g[0];
                gb[i] *= g[0];
            }
            a.accumulateGrad(ga);
            b.accumulateGrad(gb);
        }, a, b);
    }
}
