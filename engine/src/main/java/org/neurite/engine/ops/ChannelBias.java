package org.neurite.engine.ops;

import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.kernel.PlaneRuns;

/**
 * A bias per channel of image-shaped values ({@code [batch, channels, plane]}), as the
 * convolutions add it: the forward's addition and the backward's per-channel sums.
 */
final class ChannelBias {

    private ChannelBias() {
    }

    /**
     * Adds {@code bias[c]} to every pixel of channel {@code c} of every image of a batch.
     *
     * @param bias {@code [channels]}
     * @param x {@code [batch, channels, plane]}, changed in place
     * @param plane pixels per channel
     */
    static void addBias(float[] bias, float[] x, int plane) {
        int channels = bias.length;
        for (int off = 0, c = 0; off < x.length; off += plane, c = (c + 1) % channels) {
            float b = bias[c];
            for (int p = off; p < off + plane; p++) {
                x[p] += b;
            }
        }
    }

    /**
     * @param dy the gradient of {@code [batch, channels, plane]} values
     * @param channels the channels
     * @param plane pixels per channel
     * @return the gradient of a bias added to every pixel of each channel: the per-channel sums
     */
    static float[] biasGradient(float[] dy, int channels, int plane) {
        return maskedBiasGradient(dy, null, channels, plane);
    }

    /**
     * The bias gradient of {@link #biasGradient}, after masking {@code dy} in place where
     * {@code positiveWhere} is not positive if it is given (ReLU's backward, as
     * {@link Activations#maskByPositive}), in one pass over {@code dy}. Channels are split over
     * the engine's threads; each channel is summed image by image in the same order whatever the
     * number of threads.
     *
     * @param dy the gradient of {@code [batch, channels, plane]} values, masked in place if asked
     * @param positiveWhere values of {@code dy}'s shape whose sign decides what is kept, or null to keep all
     * @param channels the channels
     * @param plane pixels per channel
     * @return the per-channel sums of the (masked) gradient
     */
    static float[] maskedBiasGradient(float[] dy, float[] positiveWhere, int channels, int plane) {
        float[] db = new float[channels];
        int batch = dy.length / (channels * plane);
        Parallel.forRange(channels, 1, (firstChannel, endChannel) -> {
            for (int c = firstChannel; c < endChannel; c++) {
                float sum = 0f;
                for (int n = 0; n < batch; n++) {
                    sum += PlaneRuns.maskedSum(dy, positiveWhere, (n * channels + c) * plane, plane);
                }
                db[c] = sum;
            }
        });
        return db;
    }
}
