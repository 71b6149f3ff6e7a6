package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuParameter;
import org.neurite.engine.tensor.CpuTensor;

class NormalizationTest {

    @Test
    void layerNormMatchesTorch() {
        // torch 1.13: F.layer_norm(x, (2, 3), g, b, eps=1e-5) with x = sine(0.1, [2, 3, 2, 3]) * 2,
        // g = sine(0.7, [2, 3]) * 0.5, b = sine(1.3, [2, 3]); then y.backward(sine(0.2, y.shape))
        float[] expectedOut = {
            0.76472718f, 1.2240222f, 0.94899023f, -0.1175059f, -0.75974697f, -0.24643064f,
            0.62040055f, 0.35697648f, 0.17270824f, -0.20903668f, -1.00666f, -1.6170046f,
            1.5300517f, 1.3251727f, 0.32499444f, -0.41910306f, -0.63829499f, -0.83805352f,
            0.79195887f, 1.2460101f, 0.94617337f, -0.12501898f, -0.75056767f, -0.23534051f,
            0.61088467f, 0.35724202f, 0.18207274f, -0.20502007f, -1.0077678f, -1.6069862f,
            1.5340139f, 1.3136746f, 0.3090902f, -0.42276844f, -0.64084208f, -0.86212897f};
        float[] expectedDx = {
            -0.09413828f, 0.13912329f, 0.14262727f, -0.14027412f, -0.20565237f, 0.15831408f,
            -0.013875291f, -0.10999888f, 0.044922806f, 0.18025731f, 0.049353823f, -0.15065968f,
            0.050252922f, -0.035271212f, -0.20706613f, -0.10440674f, 0.15393199f, 0.14255917f,
            -0.095558949f, 0.1399724f, 0.13787521f, -0.14222036f, -0.19959395f, 0.15952565f,
            -0.017016321f, -0.107053f, 0.050712004f, 0.18028763f, 0.044363849f, -0.15129422f,
            0.048788816f, -0.041901823f, -0.2106168f, -0.097474262f, 0.16250303f, 0.13870105f};
        float[] expectedDgamma = {4.3714962f, 3.2896342f, 3.2145929f, 3.2108746f, 3.5023639f, 4.9982738f};
        float[] expectedDbeta = {
            -0.037262142f, -0.035808936f, -0.017514348f, 0.0090176463f, 0.031308353f, 0.038874418f};
        CpuTensor x = Fixtures.sine(0.1, 2.0, 2, 3, 2, 3).requireGrad();
        CpuTensor g = Fixtures.sine(0.7, 0.5, 2, 3).requireGrad();
        CpuTensor b = Fixtures.sine(1.3, 2, 3).requireGrad();
        CpuTensor y = Normalization.layerNorm(x, Shape.of(2, 3), g, b, 1e-5f);
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));
        y.backward(Fixtures.sine(0.2, 2, 3, 2, 3));
        assertThat(x.gradArray()).containsExactly(expectedDx, within(1e-5f));
        assertThat(g.gradArray()).containsExactly(expectedDgamma, within(1e-5f));
        assertThat(b.gradArray()).containsExactly(expectedDbeta, within(1e-5f));
    }

    @Test
    void layerNormWithoutAffineHasZeroMeanAndUnitVariance() {
        CpuTensor y = Normalization.layerNorm(Fixtures.sine(0.4, 3.0, 4, 5), Shape.of(5), null, null, 0f);
        float[] v = y.toArray();
        for (int r = 0; r < 4; r++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 5; i++) {
                mean += v[r * 5 + i] / 5.0;
                sq += v[r * 5 + i] * (double) v[r * 5 + i] / 5.0;
            }
            assertThat(mean).isCloseTo(0.0, within(1e-6));
            assertThat(sq).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void layerNormGradientsPassFiniteDifferences() {
        GradCheck.create().check(in -> Normalization.layerNorm(in.get(0), Shape.of(2, 3), in.get(1), in.get(2), 1e-5f),
                GradCheck.random(1, 3, 2, 3), GradCheck.random(2, 2, 3), GradCheck.random(3, 2, 3));
        GradCheck.create().check(in -> Normalization.layerNorm(in.get(0), Shape.of(4), null, null, 1e-5f),
                GradCheck.random(4, 2, 3, 4));
    }

    @Test
    void batchNormTrainingOnImagesMatchesTorchIncludingRunningStatistics() {
        // torch 1.13: F.batch_norm(x, rm, rv, g, b, training=True, momentum=0.1, eps=1e-5) with
        // x = sine(0.3, [3, 2, 2, 3]) * 1.5, g = sine(0.9, [2]), b = sine(1.1, [2]), rm = [0.5, -0.25],
        // rv = [2.0, 0.5]; then y.backward(sine(0.5, y.shape))
        float[] expectedOut = {
            1.2139188f, 1.8195553f, 1.986169f, 1.6353989f, 0.93221754f, 0.2073423f,
            -0.4034903f, -0.27029762f, 0.45116645f, 1.421586f, 2.1845577f, 2.3812439f,
            1.621539f, 0.91357511f, 0.19268507f, -0.20208524f, -0.085069269f, 0.48869869f,
            1.4441442f, 2.1969109f, 2.3775823f, 1.9011856f, 0.99177796f, 0.077067748f,
            -0.20555605f, -0.075917341f, 0.50616902f, 1.2669387f, 1.8485898f, 1.9775627f,
            1.8829709f, 0.96797186f, 0.058866631f, -0.41677836f, -0.23525979f, 0.51805133f};
        float[] expectedDx = {
            0.14017998f, 0.079628102f, -0.018569278f, -0.1082284f, -0.14718115f, -0.1171075f,
            -0.039102994f, 0.088191375f, 0.17377247f, 0.17739007f, 0.097342685f, -0.028721983f,
            -0.1098915f, -0.14727627f, -0.1155899f, -0.029734986f, 0.069909669f, 0.13647948f,
            0.17636748f, 0.094639078f, -0.031835061f, -0.14357217f, -0.18802071f, -0.14427574f,
            -0.027310107f, 0.072068796f, 0.1373574f, 0.13784949f, 0.073313676f, -0.025897909f,
            -0.14559016f, -0.18800339f, -0.14223123f, -0.029801061f, 0.096409455f, 0.17704158f};
        ImagesCase c = new ImagesCase();
        CpuTensor y = c.batchNorm(Mode.TRAINING);
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));
        assertThat(c.rm.data()).containsExactly(new float[] {0.45069179f, -0.22570518f}, within(1e-6f));
        assertThat(c.rv.data()).containsExactly(new float[] {1.9187876f, 0.56874728f}, within(1e-6f));
        y.backward(Fixtures.sine(0.5, 3, 2, 2, 3));
        assertThat(c.x.gradArray()).containsExactly(expectedDx, within(1e-5f));
        assertThat(c.g.gradArray()).containsExactly(new float[] {12.443521f, 12.467611f}, within(1e-4f));
        assertThat(c.b.gradArray()).containsExactly(new float[] {0.091373324f, -0.073468328f}, within(1e-5f));
    }

    @Test
    void batchNormTrainingOnFeaturesMatchesTorch() {
        // torch 1.13: F.batch_norm(x, zeros(3), ones(3), g, b, training=True, momentum=0.3, eps=1e-3) with
        // x = sine(0.4, [4, 3]), g = sine(0.2, [3]), b = sine(0.6, [3]); then y.backward(sine(0.9, y.shape))
        float[] expectedOut = {
            0.65491849f, 1.6840163f, 1.891535f, 0.72007352f, 0.65738803f, -0.34511048f,
            0.22384983f, -0.17929719f, 0.20455737f, 0.65972799f, 1.6921257f, 1.8862076f};
        float[] expectedDx = {
            0.096214414f, 0.12979147f, -0.070876613f, -0.16614515f, -0.55544817f, -0.47832027f,
            -0.024914796f, 0.30419698f, 0.63082349f, 0.094845571f, 0.12145962f, -0.081626616f};
        CpuTensor x = Fixtures.sine(0.4, 4, 3).requireGrad();
        CpuTensor g = Fixtures.sine(0.2, 3).requireGrad();
        CpuTensor b = Fixtures.sine(0.6, 3).requireGrad();
        Parameter rm = buffer(0f, 0f, 0f);
        Parameter rv = buffer(1f, 1f, 1f);
        CpuTensor y = Normalization.batchNorm(x, g, b, rm, rv, 0.3f, 1e-3f, Mode.TRAINING);
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));
        assertThat(rm.data()).containsExactly(new float[] {0.029928705f, 0.067445539f, 0.073241688f}, within(1e-6f));
        assertThat(rv.data()).containsExactly(new float[] {0.86213309f, 0.90958297f, 0.92017454f}, within(1e-6f));
        y.backward(Fixtures.sine(0.9, 4, 3));
        assertThat(x.gradArray()).containsExactly(expectedDx, within(1e-5f));
        assertThat(g.gradArray()).containsExactly(new float[] {2.4343326f, 2.733393f, 2.4930565f}, within(1e-5f));
        assertThat(b.gradArray()).containsExactly(new float[] {0.79230011f, 1.0040767f, 0.74362016f}, within(1e-5f));
    }

    @Test
    void batchNormInferenceUsesRunningStatisticsAndLeavesThemAlone() {
        // torch 1.13: as the training case on images, with training=False
        float[] expectedOut = {
            0.85979062f, 1.3133892f, 1.4381765f, 1.1754631f, 0.64880711f, 0.10590326f,
            -0.74550265f, -0.54602563f, 0.53448069f, 1.9878372f, 3.1305077f, 3.4250765f,
            1.1650826f, 0.63484466f, 0.094925553f, -0.20074232f, -0.11310183f, 0.31662843f,
            2.0216217f, 3.1490088f, 3.4195924f, 2.7061133f, 1.3441317f, -0.025791137f,
            -0.20334184f, -0.1062474f, 0.32971308f, 0.89950049f, 1.3351349f, 1.4317307f,
            2.678834f, 1.3084784f, -0.053050183f, -0.76540363f, -0.49355093f, 0.63465136f};
        float[] expectedDx = {
            0.26555112f, 0.51625121f, 0.52415031f, 0.28553334f, -0.087374456f, -0.41918868f,
            -1.4134879f, -1.0923772f, -0.25750428f, 0.69847691f, 1.3259534f, 1.3298134f,
            0.27751264f, -0.09655863f, -0.42521688f, -0.55388898f, -0.42205846f, -0.091727227f,
            0.719042f, 1.3340048f, 1.3215643f, 0.68757147f, -0.26979703f, -1.1002758f,
            -0.55376947f, -0.41596761f, -0.082529724f, 0.28972322f, 0.52571481f, 0.51445448f,
            0.66670722f, -0.29309005f, -1.1150424f, -1.412573f, -1.0457484f, -0.18709198f};
        ImagesCase c = new ImagesCase();
        CpuTensor y = c.batchNorm(Mode.INFERENCE);
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));
        assertThat(c.rm.data()).containsExactly(0.5f, -0.25f);
        assertThat(c.rv.data()).containsExactly(2.0f, 0.5f);
        y.backward(Fixtures.sine(0.5, 3, 2, 2, 3));
        assertThat(c.x.gradArray()).containsExactly(expectedDx, within(1e-5f));
        assertThat(c.g.gradArray()).containsExactly(new float[] {9.2878656f, 18.646976f}, within(1e-4f));
        assertThat(c.b.gradArray()).containsExactly(new float[] {0.091373324f, -0.073468328f}, within(1e-5f));
    }

    @Test
    void batchNormGradientsPassFiniteDifferences() {
        Parameter rm = buffer(0.1f, -0.2f, 0.3f);
        Parameter rv = buffer(0.5f, 1.5f, 2f);
        for (Mode mode : Mode.values()) {
            GradCheck.create().check(in -> Normalization.batchNorm(in.get(0), in.get(1), in.get(2), rm, rv, 0.1f,
                    1e-5f, mode), GradCheck.random(5, 2, 3, 2, 2), GradCheck.random(6, 3), GradCheck.random(7, 3));
            GradCheck.create().check(in -> Normalization.batchNorm(in.get(0), null, null, rm, rv, 0.1f, 1e-5f, mode),
                    GradCheck.random(8, 4, 3));
        }
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        CpuTensor x = CpuTensor.wrap(new float[24], Shape.of(2, 3, 4));
        assertThatThrownBy(() -> Normalization.layerNorm(x, Shape.of(3), null, null, 1e-5f))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("layerNorm: input [2, 3, 4] does not end with the normalised shape [3]");
        CpuTensor wrongGamma = CpuTensor.wrap(new float[3], Shape.of(3));
        assertThatThrownBy(() -> Normalization.layerNorm(x, Shape.of(4), wrongGamma, null, 1e-5f))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("layerNorm: gamma [3] must have shape [4] for input [2, 3, 4]");
        CpuTensor gamma4 = CpuTensor.wrap(new float[4], Shape.of(4));
        assertThatThrownBy(() -> Normalization.batchNorm(x, gamma4, null, null, null, 0.1f, 1e-5f, Mode.TRAINING))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("batchNorm: gamma [4] must have shape [3] for input [2, 3, 4]");
        CpuTensor one = CpuTensor.wrap(new float[3], Shape.of(1, 3));
        assertThatThrownBy(() -> Normalization.batchNorm(one, null, null, null, null, 0.1f, 1e-5f, Mode.TRAINING))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("batchNorm: input [1, 3] has only one value per channel");
        CpuTensor vector = CpuTensor.wrap(new float[3], Shape.of(3));
        assertThatThrownBy(() -> Normalization.batchNorm(vector, null, null, null, null, 0.1f, 1e-5f, Mode.TRAINING))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("input [3] must have rank 2 or more");
    }

    /**
     * The case on images of torch's figures: x = sine(0.3, [3, 2, 2, 3]) * 1.5, g = sine(0.9, [2]),
     * b = sine(1.1, [2]), running mean [0.5, -0.25] and variance [2.0, 0.5], momentum 0.1, eps 1e-5.
     */
    private static final class ImagesCase {
        final CpuTensor x = Fixtures.sine(0.3, 1.5, 3, 2, 2, 3).requireGrad();
        final CpuTensor g = Fixtures.sine(0.9, 2).requireGrad();
        final CpuTensor b = Fixtures.sine(1.1, 2).requireGrad();
        final Parameter rm = buffer(0.5f, -0.25f);
        final Parameter rv = buffer(2.0f, 0.5f);

        CpuTensor batchNorm(Mode mode) {
            return Normalization.batchNorm(x, g, b, rm, rv, 0.1f, 1e-5f, mode);
        }
    }

    private static Parameter buffer(float... values) {
        return new CpuParameter(Fixtures.vector(values), false);
    }
}
