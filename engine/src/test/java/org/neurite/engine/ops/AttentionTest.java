package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Reference values: torch 1.13 (which has no fused attention yet) computing
 * {@code softmax((q @ k^T / sqrt(d)).masked_fill(mask != 0 | causal, -inf), -1) @ v}.
 */
class AttentionTest {

    @Test
    void matchesTorchWithBroadcastMaskAndCausal() {
        // q = sine(0.1, [2, 3, 4]), k = sine(0.5, [2, 5, 4]), v = sine(0.9, [2, 5, 3]),
        // mask [3, 5] = [[0,0,0,0,1],[0,1,0,0,1],[0,0,0,0,1]], causal; y.backward(sine(0.3, y.shape))
        float[] expectedOut = {
            0.78332692f, 0.99957359f, 0.74570519f, 0.78332692f, 0.99957359f, 0.74570519f,
            -0.18820962f, 0.066779971f, 0.29036188f, -0.91932851f, -0.44964746f, 0.23150982f,
            -0.91932851f, -0.44964746f, 0.23150982f, -0.28757888f, -0.39381921f, -0.3148402f};
        float[] expectedDq = {
            0f, 0f, 0f, 0f, 0f, 0f,
            0f, 0f, -0.23548739f, -0.19940887f, -0.069545239f, 0.093026608f,
            0f, 0f, 0f, 0f, 0f, 0f,
            0f, 0f, 0.19345814f, 0.12241917f, -0.0061954586f, -0.13189626f};
        float[] expectedDk = {
            0.19671071f, -0.041632611f, -0.26039547f, -0.35669026f, -0.018919649f, 0.004004227f,
            0.025044853f, 0.034306493f, -0.17779106f, 0.037628382f, 0.23535062f, 0.32238379f,
            0f, 0f, 0f, 0f, 0f, 0f,
            0f, 0f, 0.10297868f, 0.081229255f, 0.021276442f, -0.04868301f,
            -0.099948682f, -0.078839205f, -0.020650415f, 0.047250587f, -0.003030011f, -0.0023900631f,
            -0.00062603108f, 0.001432433f, 0f, 0f, 0f, 0f,
            0f, 0f, 0f, 0f};
        float[] expectedDv = {
            0.61174589f, 0.55838645f, 0.24240911f, -0.100328f, -0.090672642f, -0.038372524f,
            -0.5179646f, -0.46811679f, -0.1981063f, 0f, 0f, 0f,
            0f, 0f, 0f, 0.54696417f, 0.49364147f, 0.20815143f,
            -0.073745668f, -0.065815493f, -0.026931269f, -0.47964418f, -0.4280661f, -0.17516184f,
            0f, 0f, 0f, 0f, 0f, 0f};
        CpuTensor q = Fixtures.sine(0.1, 2, 3, 4).requireGrad();
        CpuTensor k = Fixtures.sine(0.5, 2, 5, 4).requireGrad();
        CpuTensor v = Fixtures.sine(0.9, 2, 5, 3).requireGrad();
        CpuTensor mask = CpuTensor.wrap(new float[] {0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1}, Shape.of(3, 5));
        CpuTensor y = Attention.scaledDotProduct(q, k, v, mask, true);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 3));
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));
        y.backward(Fixtures.sine(0.3, 2, 3, 3));
        assertThat(q.gradArray()).containsExactly(expectedDq, within(1e-5f));
        assertThat(k.gradArray()).containsExactly(expectedDk, within(1e-5f));
        assertThat(v.gradArray()).containsExactly(expectedDv, within(1e-5f));
    }

    @Test
    void matchesTorchOnHeadsWithKeyPaddingMask() {
        // q = sine(0.2, [2, 2, 3, 4]) * 2, k = sine(0.6, [2, 2, 4, 4]) * 2, v = sine(1.0, [2, 2, 4, 2]),
        // mask [2, 1, 1, 4] = [0,0,0,1 | 0,0,1,1]; y.backward(sine(0.4, y.shape))
        float[] expectedOut = {
            0.12772194f, 0.024500281f, 0.67519385f, 0.041876998f, -0.34094119f, -0.61112702f,
            0.98641109f, 0.66016787f, 0.15315303f, 0.033360958f, 0.98604769f, 0.66230106f,
            -0.35759577f, 0.32781756f, 0.85893458f, 0.98664892f, -0.35800949f, 0.32759351f,
            0.33962101f, 0.86395139f, -0.86611021f, -0.34138897f, 0.34259051f, 0.86691993f};
        float[] expectedDq = {
            0.37566951f, 0.22333252f, -0.034041226f, -0.27540487f, 0.00027984288f, 5.6524557e-05f,
            -0.00019337813f, -0.00035233211f, -0.14072718f, -0.083057508f, 0.013675377f, 0.10397654f,
            -0.0097360034f, -0.0053247395f, 0.0015908325f, 0.0077582113f, 0.038228661f, 0.07856027f,
            0.081943758f, 0.046787813f, 0.0063728616f, 0.0029936391f, -0.001793539f, -0.0057371873f,
            0.00050485984f, 0.00067880942f, 0.0005335043f, 0.00013728382f, -0.00041237631f, -0.00055444241f,
            -0.00043574563f, -0.00011211084f, -0.00031084067f, -0.00041794172f, -0.00032847823f, -8.4526313e-05f,
            -0.0048507117f, 0.0016440183f, 0.0073655415f, 0.0096229352f, -0.0016656384f, 0.00056449149f,
            0.0025291322f, 0.0033042827f, 0.00057790009f, -0.00019585925f, -0.00087750296f, -0.0011464432f};
        float[] expectedDk = {
            0.21628772f, 0.40731061f, 0.40676892f, 0.21491747f, 0.00023653758f, -0.0001305047f,
            -0.00043616857f, -0.00053669559f, -0.21652424f, -0.40718007f, -0.4063327f, -0.21438071f,
            0f, 0f, 0f, 0f, -0.11847902f, -0.058415033f,
            0.029122461f, 0.10296321f, -0.00026134541f, 0.0019495611f, 0.0032435586f, 0.00301206f,
            0.11874045f, 0.056465518f, -0.032366037f, -0.10597534f, 0f, 0f,
            0f, 0f, 0.00043902904f, 0.00039018429f, 0.0001578298f, -0.00014875454f,
            -0.00043891772f, -0.00039004895f, -0.00015773407f, 0.00014876557f, 0f, 0f,
            0f, 0f, 0f, 0f, 0f, 0f,
            -0.0016489505f, -0.0028751323f, -0.0027490938f, -0.001330114f, 0.0016489427f, 0.0028749933f,
            0.0027488892f, 0.0013299398f, 0f, 0f, 0f, 0f,
            0f, 0f, 0f, 0f};
        float[] expectedDv = {
            0.18791091f, 0.32618469f, 0.97294092f, 0.59736657f, 0.14404003f, -0.12163794f,
            0f, 0f, -0.12249113f, 0.18292445f, -0.095802963f, 0.13633597f,
            -0.15610445f, 0.22321177f, 0f, 0f, -0.23819792f, -0.33848208f,
            -0.6995883f, -0.99533707f, 0f, 0f, 0f, 0f,
            0.96601385f, 0.57302022f, 0.32790419f, 0.19234616f, 0f, 0f,
            0f, 0f};
        CpuTensor q = Fixtures.sine(0.2, 2.0, 2, 2, 3, 4).requireGrad();
        CpuTensor k = Fixtures.sine(0.6, 2.0, 2, 2, 4, 4).requireGrad();
        CpuTensor v = Fixtures.sine(1.0, 2, 2, 4, 2).requireGrad();
        CpuTensor mask = CpuTensor.wrap(new float[] {0, 0, 0, 1, 0, 0, 1, 1}, Shape.of(2, 1, 1, 4));
        CpuTensor y = Attention.scaledDotProduct(q, k, v, mask, false);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2, 3, 2));
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));
        y.backward(Fixtures.sine(0.4, 2, 2, 3, 2));
        assertThat(q.gradArray()).containsExactly(expectedDq, within(1e-5f));
        assertThat(k.gradArray()).containsExactly(expectedDk, within(1e-5f));
        assertThat(v.gradArray()).containsExactly(expectedDv, within(1e-5f));
    }

    @Test
    void gradientsPassFiniteDifferences() {
        CpuTensor mask = CpuTensor.wrap(new float[] {0, 1, 0, 0, 0}, Shape.of(1, 5));
        for (boolean causal : new boolean[] {false, true}) {
            GradCheck.create().check(in -> Attention.scaledDotProduct(in.get(0), in.get(1), in.get(2), mask, causal),
                    GradCheck.random(1, 2, 4, 3), GradCheck.random(2, 2, 5, 3), GradCheck.random(3, 2, 5, 2));
        }
        GradCheck.create().check(in -> Attention.scaledDotProduct(in.get(0), in.get(1), in.get(2), null, false),
                GradCheck.random(4, 3, 2, 2), GradCheck.random(5, 3, 3, 2), GradCheck.random(6, 3, 3, 4));
    }

    @Test
    void largeScoresStayFiniteAndFullyMaskedRowsGiveZeros() {
        CpuTensor q = Fixtures.sine(0.1, 1000.0, 1, 2, 4);
        CpuTensor k = Fixtures.sine(0.5, 1000.0, 1, 3, 4);
        CpuTensor v = Fixtures.sine(0.9, 1, 3, 2);
        float[] y = Attention.scaledDotProduct(q, k, v, null, false).toArray();
        assertThat(y).doesNotContain(Float.NaN);
        CpuTensor rowMasked = CpuTensor.wrap(new float[] {1, 1, 1, 0, 0, 0}, Shape.of(2, 3));
        float[] masked = Attention.scaledDotProduct(q, k, v, rowMasked, false).toArray();
        assertThat(masked[0]).isZero();
        assertThat(masked[1]).isZero();
        assertThat(masked[2]).isEqualTo(y[2]);
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        CpuTensor q = CpuTensor.wrap(new float[2 * 3 * 4], Shape.of(2, 3, 4));
        CpuTensor k = CpuTensor.wrap(new float[2 * 5 * 4], Shape.of(2, 5, 4));
        CpuTensor v = CpuTensor.wrap(new float[2 * 5 * 3], Shape.of(2, 5, 3));
        CpuTensor narrowK = CpuTensor.wrap(new float[2 * 5 * 2], Shape.of(2, 5, 2));
        assertThatThrownBy(() -> Attention.scaledDotProduct(q, narrowK, v, null, false))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("scaledDotProductAttention: q [2, 3, 4], k [2, 5, 2], v [2, 5, 3] must be"
                        + " [..., lq, d], [..., lk, d], [..., lk, dv] with the same leading axes");
        CpuTensor badMask = CpuTensor.wrap(new float[4], Shape.of(4));
        assertThatThrownBy(() -> Attention.scaledDotProduct(q, k, v, badMask, false))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("scaledDotProductAttention: mask [4] does not broadcast to the scores [2, 3, 5]");
    }
}
