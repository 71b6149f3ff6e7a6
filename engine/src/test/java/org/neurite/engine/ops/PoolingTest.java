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

class PoolingTest {

    @Test
    void maxPoolMatchesTorchWithPaddingAndStride() {
        // torch 1.13: F.max_pool2d(x, (3, 2), stride=(2, 2), padding=(1, 1)) with x = sine(0.2, [2, 2, 5, 4]);
        // then y.backward(sine(0.4, y.shape))
        float[] expectedOut = {
            0.19866933f, 0.99957359f, 0.74570519f, 0.73439711f, 0.79366785f, 0.99894136f,
            0.73439711f, 0.23150982f, 0.80378443f, 0.99802667f, 0.72288138f, 0.24783421f,
            0.81367373f, 0.99682981f, 0.24783421f, 0.26408851f, 0.99535108f, 0.69924003f,
            0.074265443f, 0.8327595f, 0.99359101f, 0.68712115f, 0.8327595f, 0.99359101f,
            0.99154997f, 0.67480797f, 0.84195054f, 0.85090351f, 0.98922861f, 0.3123852f,
            0.85090351f, 0.98922861f, 0.64961284f, 0.3283135f, 0.98662758f, 0.64961284f};
        float[] expectedDx = {
            0.38941833f, 0f, 0.89120734f, 0.97384763f, 0f, 0f,
            0f, 0f, 0f, 0f, -0.058374144f, -0.68776613f,
            -0.39521891f, 0f, 0f, 0f, 0f, 0f,
            -0.83226746f, -0.27941549f, 0.40484992f, 0.89870811f, 0f, 0f,
            0f, 0f, 0f, 0.27001512f, 0.58491719f, -0.075151123f,
            0f, 0f, 0f, 0f, 0f, 0f,
            -0.99543625f, 0f, -0.82282859f, -0.26323178f, 0.42016703f, 0f,
            0f, 0f, 0f, 0f, 0.81404787f, 0.25387245f,
            0.57119685f, 0f, 0f, 0f, 0f, 0f,
            0f, -0.24697366f, -0.99690008f, -0.81315714f, 0f, 0f,
            0f, 0f, 0f, 0.96115273f, 0.99268043f, 0.80430865f,
            0f, 0f, 0f, 0f, 0f, 0f,
            -0.99808204f, 0f, -0.80325574f, -0.95414048f, 0f, 0f,
            0f, 0f};
        CpuTensor x = Fixtures.sine(0.2, 2, 2, 5, 4).requireGrad();
        CpuTensor y = Pooling.maxPool2d(x, new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1});
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2, 3, 3));
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-6f));
        y.backward(Fixtures.sine(0.4, 2, 2, 3, 3));
        assertThat(x.gradArray()).containsExactly(expectedDx, within(1e-6f));
    }

    @Test
    void paddedPositionsNeverWinTheMaximum() {
        // torch 1.13: F.max_pool2d(sine(0.0, [1, 1, 3, 3]) - 2, 2, stride=1, padding=1): every value is negative
        float[] expected = {
            -2f, -1.3557823f, -1.0145502f, -1.0145502f, -1.1367906f, -1.1367906f,
            -1.0145502f, -1.0145502f, -1.1367906f, -1.1367906f, -1.6650119f, -2.3507833f,
            -2.8715758f, -2.8715758f, -2.6312666f, -2.6312666f};
        float[] v = Fixtures.sineValues(0.0, 1.0, 9);
        for (int i = 0; i < v.length; i++) {
            v[i] -= 2f;
        }
        CpuTensor y = Pooling.maxPool2d(CpuTensor.wrap(v, Shape.of(1, 1, 3, 3)), new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1});
        assertThat(y.toArray()).containsExactly(expected, within(1e-6f));
    }

    @Test
    void maxPoolPropagatesNaNAsTorchDoes() {
        float[] v = {1f, Float.NaN, 3f, 4f, 5f, 6f, 7f, 8f};
        CpuTensor y = Pooling.maxPool2d(CpuTensor.wrap(v, Shape.of(1, 1, 2, 4)), new int[] {2, 2}, new int[] {2, 2},
                new int[] {0, 0});
        assertThat(y.toArray()[0]).isNaN();
        assertThat(y.toArray()[1]).isEqualTo(8f);
    }

    @Test
    void theTwoByTwoPoolGivesTheGradientToTheFirstMaximumOrTheLastNaN() {
        // windows (row-major per 2x2): all zeros (ties: the first wins), a tie of 5 between the second and
        // fourth, the maximum at the bottom right, a NaN first and a NaN at the bottom left, -0 and 0 tied
        float[] v = {
            0f, 0f, 1f, 5f, 1f, 2f, Float.NaN, 9f, 1f, 2f, -0f, 0f,
            0f, 0f, 3f, 5f, 3f, 4f, 9f, 9f, Float.NaN, 9f, 0f, -0f};
        CpuTensor x = CpuTensor.wrap(v, Shape.of(1, 1, 2, 12)).requireGrad();
        CpuTensor y = Pooling.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        float[] out = y.toArray();
        assertThat(out[0]).isEqualTo(0f);
        assertThat(out[1]).isEqualTo(5f);
        assertThat(out[2]).isEqualTo(4f);
        assertThat(out[3]).isNaN();
        assertThat(out[4]).isNaN();
        assertThat(out[5]).isZero();
        y.backward(CpuTensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(1, 1, 1, 6)));
        assertThat(x.gradArray()).containsExactly(
                1, 0, 0, 2, 0, 0, 4, 0, 0, 0, 6, 0,
                0, 0, 0, 0, 0, 3, 0, 0, 5, 0, 0, 0);
    }

    @Test
    void avgPoolMatchesTorchCountingPaddingAsZeros() {
        // torch 1.13: F.avg_pool2d(x, (3, 2), stride=(2, 1), padding=(1, 1)) (count_include_pad=True) with
        // x = sine(0.6, [2, 2, 5, 4]); then y.backward(sine(0.8, y.shape))
        float[] expectedOut = {
            0.051516894f, 0.075730406f, 0.0097356541f, -0.060837936f, -0.046360072f, 0.012247995f,
            -0.07301832f, -0.2279449f, -0.27566543f, -0.13298684f, -0.046901096f, -0.10324819f,
            -0.095639236f, -0.043049693f, -0.0037575166f, -0.016311368f, -0.063740224f, -0.10366869f,
            -0.094840139f, -0.038600314f, -0.14384322f, -0.27461684f, -0.1869728f, -0.011392519f,
            0.044806644f, -0.037897568f, -0.039752215f, 0.033205878f, 0.090546735f, 0.055486206f,
            -0.055977639f, -0.093161732f, -0.038086414f, 0.034901578f, 0.035803873f, -0.051585436f,
            -0.0020823597f, 0.1768126f, 0.27254984f, 0.14524032f, 0.036537092f, 0.092376985f,
            0.10472021f, 0.067811877f, 0.018931568f, 0.0010029176f, 0.038262885f, 0.093253039f,
            0.10438483f, 0.048391759f, 0.12973592f, 0.27404737f, 0.23532651f, 0.085927926f,
            -0.0050871321f, 0.047889527f, 0.065014958f, -0.0045675836f, -0.072001927f, -0.050308909f};
        float[] expectedDx = {
            0.2858085f, 0.30099857f, 0.17462429f, -0.03387852f, -0.026706547f, 0.049396925f,
            0.10226823f, 0.10704118f, -0.31251505f, -0.25160164f, -0.07235606f, 0.1409197f,
            -0.01300998f, -0.081372134f, -0.11146373f, -0.089132197f, 0.29950505f, 0.17022949f,
            -0.039107665f, -0.2300519f, -0.24843204f, -0.067223482f, 0.14560132f, 0.28994754f,
            -0.082645446f, -0.11154923f, -0.08798968f, -0.023047209f, 0.16578659f, -0.04432575f,
            -0.23359099f, -0.31299475f, 0.1037147f, 0.10591603f, 0.058303401f, -0.016730234f,
            -0.062071897f, 0.15024178f, 0.29189438f, 0.29626453f, -0.049531303f, -0.23706406f,
            -0.31310189f, -0.24188301f, 0.10530844f, 0.056694642f, -0.018583536f, -0.085121594f,
            0.15483974f, 0.29375869f, 0.29451835f, 0.15676141f, -0.085630372f, -0.019361839f,
            0.056012891f, 0.10504387f, -0.24047011f, -0.31312054f, -0.23850545f, -0.051717542f,
            0.29553998f, 0.29268891f, 0.15218171f, -0.059898943f, -0.017510653f, 0.057628438f,
            0.10566401f, 0.10400413f, -0.31305063f, -0.23506047f, -0.046517704f, 0.16390307f,
            -0.022273891f, -0.087501496f, -0.11157578f, -0.083174236f, 0.29077673f, 0.14755897f,
            -0.065058082f, -0.24707732f};
        CpuTensor x = Fixtures.sine(0.6, 2, 2, 5, 4).requireGrad();
        CpuTensor y = Pooling.avgPool2d(x, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1});
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2, 3, 5));
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-6f));
        y.backward(Fixtures.sine(0.8, 2, 2, 3, 5));
        assertThat(x.gradArray()).containsExactly(expectedDx, within(1e-6f));
    }

    @Test
    void gradientsPassFiniteDifferences() {
        // distinct values 0.05 apart, so no finite-difference step of 0.01 changes which element wins
        float[] distinct = new float[2 * 3 * 6 * 5];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = (i * 37 % distinct.length) * 0.05f - 4.5f;
        }
        CpuTensor x = CpuTensor.wrap(distinct, Shape.of(2, 3, 6, 5));
        GradCheck.create().check(in -> Pooling.maxPool2d(in.get(0), new int[] {2, 2}, new int[] {2, 2},
                new int[] {1, 0}), x);
        GradCheck.create().check(in -> Pooling.avgPool2d(in.get(0), new int[] {3, 3}, new int[] {2, 1},
                new int[] {1, 1}), GradCheck.random(11, 2, 3, 6, 5));
    }

    @Test
    void rejectsBadGeometry() {
        CpuTensor x = CpuTensor.wrap(new float[2 * 3 * 4 * 4], Shape.of(2, 3, 4, 4));
        assertThatThrownBy(() -> Pooling.maxPool2d(x, new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPool2d: padding [2, 0] must be at most half of kernel [2, 2]");
        assertThatThrownBy(() -> Pooling.avgPool2d(x, new int[] {5, 2}, new int[] {1, 1}, new int[] {0, 0}))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("avgPool2d: kernel [5, 2] is larger than the padded input 4x4");
        assertThatThrownBy(() -> Pooling.avgPool2d(x, new int[] {2}, new int[] {1, 1}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avgPool2d: kernel must be two numbers");
    }
}
