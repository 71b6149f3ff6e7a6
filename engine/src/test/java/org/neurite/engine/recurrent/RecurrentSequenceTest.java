package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Backend;
import org.neurite.api.RecurrentCell;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The engine's fused {@code recurrentSequence} against the api's default composed from cell
 * steps (values and every gradient), its own finite-difference gradients, and its masking.
 */
class RecurrentSequenceTest {

    private static final int BATCH = 3;
    private static final int TIME = 4;
    private static final int INPUT = 5;
    private static final int HIDDEN = 4;
    /** Sequence lengths 4, 2 and 3: the second and third rows end in padding. */
    private static final float[] MASK = {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (RecurrentCell cell : RecurrentCell.values()) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (boolean masked : new boolean[] {false, true}) {
                    cases.add(Arguments.of(cell, reverse, masked));
                }
            }
        }
        return cases.stream();
    }

    /** The operands of one run, seeded; all but the mask require gradients. */
    private record Operands(RecurrentCell cell, CpuTensor x, List<CpuTensor> state, CpuTensor wIh, CpuTensor wHh,
                            CpuTensor bIh, CpuTensor bHh, CpuTensor mask) {

        static Operands of(RecurrentCell cell, boolean masked) {
            int g = cell.gates() * HIDDEN;
            List<CpuTensor> state = new ArrayList<>();
            for (int i = 0; i < cell.states(); i++) {
                state.add(GradCheck.random(20 + i, BATCH, HIDDEN).requireGrad());
            }
            return new Operands(cell, GradCheck.random(1, BATCH, TIME, INPUT).requireGrad(), state,
                    GradCheck.random(2, g, INPUT).requireGrad(), GradCheck.random(3, g, HIDDEN).requireGrad(),
                    GradCheck.random(4, g).requireGrad(), GradCheck.random(5, g).requireGrad(),
                    masked ? CpuTensor.wrap(MASK.clone(), org.neurite.api.Shape.of(BATCH, TIME)) : null);
        }

        List<CpuTensor> leaves() {
            List<CpuTensor> all = new ArrayList<>(List.of(x, wIh, wHh, bIh, bHh));
            all.addAll(state);
            return all;
        }

        /** Outputs and final states, flattened into one vector. */
        Tensor run(Backend backend, boolean reverse) {
            List<Tensor> result = backend.recurrentSequence(cell, x, List.copyOf(state),
                    new RecurrentCell.Weights(wIh, wHh, bIh, bHh), mask, reverse);
            List<Tensor> flat = result.stream().map(t -> t.reshape(-1)).toList();
            return backend.concat(flat, 0);
        }
    }

    @ParameterizedTest(name = "{0} reverse={1} masked={2}")
    @MethodSource("cases")
    void theFusedOpGivesTheComposedValuesAndGradients(RecurrentCell cell, boolean reverse, boolean masked) {
        Operands fused = Operands.of(cell, masked);
        Operands composed = Operands.of(cell, masked);
        Tensor weights = GradCheck.random(9, fused.run(CpuBackend.instance(), reverse).shape().dims());

        Tensor a = fused.run(CpuBackend.instance(), reverse);
        Tensor b = composed.run(ComposedBackend.create(), reverse);
        assertThat(a.toArray()).containsExactly(b.toArray(), within(1e-5f));
        a.mul(weights).sum().backward();
        b.mul(weights).sum().backward();
        for (int i = 0; i < fused.leaves().size(); i++) {
            assertThat(fused.leaves().get(i).grad().toArray()).as("gradient of operand %d", i)
                    .containsExactly(composed.leaves().get(i).grad().toArray(), within(1e-5f));
        }
    }

    /** The smooth cells: ReLU's kink makes central differences of step 1e-2 miss (PyTorch's fixtures check it). */
    static Stream<Arguments> smoothCases() {
        return cases().filter(a -> a.get()[0] != RecurrentCell.RNN_RELU);
    }

    @ParameterizedTest(name = "{0} reverse={1} masked={2}")
    @MethodSource("smoothCases")
    void theFusedOpsGradientsMatchFiniteDifferences(RecurrentCell cell, boolean reverse, boolean masked) {
        Operands op = Operands.of(cell, masked);
        GradCheck.create().step(1e-2).check(args -> new Operands(cell, args.get(0), args.subList(5, args.size()),
                args.get(1), args.get(2), args.get(3), args.get(4), op.mask()).run(CpuBackend.instance(), reverse),
                op.leaves().toArray(CpuTensor[]::new));
    }

    @Test
    void paddedStepsOutputZeroAndLeaveTheStateAsItWas() {
        Operands op = Operands.of(RecurrentCell.LSTM, true);
        List<Tensor> result = CpuBackend.instance().recurrentSequence(RecurrentCell.LSTM, op.x(), List.copyOf(op.state()),
                new RecurrentCell.Weights(op.wIh(), op.wHh(), op.bIh(), op.bHh()), op.mask(), false);
        Tensor out = result.get(0);
        // Row 1 has 2 real steps: its outputs at steps 2 and 3 are 0 and its final h is its output at step 1.
        for (int j = 0; j < HIDDEN; j++) {
            assertThat(out.get(1, 2, j)).isZero();
            assertThat(out.get(1, 3, j)).isZero();
            assertThat(result.get(1).get(1, j)).isEqualTo(out.get(1, 1, j));
        }
    }

    @Test
    void aMaskOfAnotherShapeIsRefusedNamingBoth() {
        Operands op = Operands.of(RecurrentCell.GRU, false);
        CpuTensor mask = CpuTensor.wrap(new float[BATCH * (TIME + 1)], org.neurite.api.Shape.of(BATCH, TIME + 1));

        assertThatThrownBy(() -> CpuBackend.instance().recurrentSequence(RecurrentCell.GRU, op.x(),
                List.copyOf(op.state()), new RecurrentCell.Weights(op.wIh(), op.wHh(), op.bIh(), op.bHh()), mask, false))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("mask [3, 5] must be [3, 4]");
    }
}
