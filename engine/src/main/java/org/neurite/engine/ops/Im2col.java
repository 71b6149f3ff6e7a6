package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.engine.kernel.PlaneRuns;

/**
 * Unfolds one image into the column matrix that turns a convolution into a matrix product, and
 * folds such a matrix back (adding overlapping entries) for the input gradient.
 *
 * <p>The column matrix has one row per kernel tap {@code (channel, ky, kx)} and one column per
 * output pixel {@code (oy, ox)}: {@code [channels * kh * kw, outH * outW]}, row-major. Tap
 * {@code (ky, kx)} of output pixel {@code (oy, ox)} reads input pixel
 * {@code (oy * sh - pt + ky * dh, ox * sw - pl + kx * dw)}; taps that fall into the zero padding
 * hold zeros.
 */
final class Im2col {

    private Im2col() {
    }

    /**
     * Fills {@code cols} from the image at {@code x[xOff ...]} ({@code [channels, height, width]}).
     *
     * @param g the window geometry
     * @param x the input batch's values
     * @param xOff offset of the image
     * @param cols receives {@code [channels * kh * kw, outH * outW]} values
     * @param colOff where the image's first column starts in {@code cols}
     * @param ld the row stride of {@code cols}: {@code outH * outW} for one image, more when several images
     *     lie side by side so that one matrix product serves them all
     */
    static void unfold(Window2d g, float[] x, int xOff, float[] cols, int colOff, int ld) {
        if (keepsWidth(g)) {
            transferTapsKeepingWidth(g, x, xOff, cols, colOff, ld, false);
            return;
        }
        transferTaps(g, x, xOff, cols, colOff, ld, false);
    }

    /**
     * Adds the column matrix back into the image gradient at {@code dx[dxOff ...]}, the adjoint of
     * {@link #unfold}.
     *
     * @param g the window geometry
     * @param cols {@code [channels * kh * kw, outH * outW]} gradients of the columns
     * @param colOff where the image's first column starts in {@code cols}
     * @param ld the row stride of {@code cols}
     * @param dx the input gradient, added to
     * @param dxOff offset of the image
     */
    static void foldAdd(Window2d g, float[] cols, int colOff, int ld, float[] dx, int dxOff) {
        if (keepsWidth(g)) {
            transferTapsKeepingWidth(g, dx, dxOff, cols, colOff, ld, true);
            return;
        }
        transferTaps(g, dx, dxOff, cols, colOff, ld, true);
    }

    /**
     * The loops of any window, shared by {@link #unfold} and {@link #foldAdd}: for every tap and
     * output row, the run of output columns whose tap lies inside the image is copied from the
     * image into {@code cols} (the columns outside cleared), or, when folding, added from
     * {@code cols} into the image.
     *
     * @param image the image batch's values (read when unfolding, added to when folding)
     * @param imageOff offset of the image
     * @param fold whether to add {@code cols} into the image rather than fill {@code cols} from it
     */
    private static void transferTaps(Window2d g, float[] image, int imageOff, float[] cols, int colOff, int ld,
                                     boolean fold) {
        int sw = g.sw();
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            int plane = imageOff + c * g.inPlane();
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++, row++) {
                    int oxLo = firstInside(kx * g.dw(), g.pl(), sw);
                    int oxHi = endInside(kx * g.dw(), g.pl(), sw, g.width(), g.outW());
                    for (int oy = 0; oy < g.outH(); oy++) {
                        int col = colOff + row * ld + oy * g.outW();
                        int iy = oy * g.sh() - g.pt() + ky * g.dh();
                        if (iy < 0 || iy >= g.height() || oxLo >= oxHi) {
                            if (!fold) {
                                zero(cols, col, col + g.outW());
                            }
                            continue;
                        }
                        // the image pixel tap (ky, kx) of output column oxLo reads
                        int pixel = plane + iy * g.width() + oxLo * sw - g.pl() + kx * g.dw();
                        if (fold && sw == 1) {
                            PlaneRuns.addTo(cols, col + oxLo, image, pixel, oxHi - oxLo);
                            continue;
                        }
                        if (fold) {
                            for (int ox = oxLo; ox < oxHi; ox++, pixel += sw) {
                                image[pixel] += cols[col + ox];
                            }
                            continue;
                        }
                        zero(cols, col, col + oxLo);
                        if (sw == 1) {
                            System.arraycopy(image, pixel, cols, col + oxLo, oxHi - oxLo);
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++, pixel += sw) {
                                cols[col + ox] = image[pixel];
                            }
                        }
                        zero(cols, col + oxHi, col + g.outW());
                    }
                }
            }
        }
    }

    /**
     * Whether a window of stride 1 keeps the width of its input ({@code padding: same} across):
     * then output row {@code oy} of tap {@code (ky, kx)} reads input row {@code oy - pt + ky * dh}
     * shifted by {@code kx * dw - pl} columns, so the rows of one tap are a single run of the
     * input, apart from the columns shifted in from the neighbouring row, which are padding.
     */
    private static boolean keepsWidth(Window2d g) {
        return g.sw() == 1 && g.sh() == 1 && g.outW() == g.width();
    }

    /**
     * {@link #unfold} (fold false) or {@link #foldAdd} (fold true) of a window that keeps the
     * width: each tap is one long run copied from the image (then the columns it wraps into, and
     * the rows above and below the image, cleared), or added into the image (after the wrapped
     * columns of {@code cols}, which is scratch, are cleared).
     */
    private static void transferTapsKeepingWidth(Window2d g, float[] image, int imageOff, float[] cols, int colOff,
                                                 int ld, boolean fold) {
        int w = g.width();
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            int plane = imageOff + c * g.inPlane();
            for (int ky = 0; ky < g.kh(); ky++) {
                int lo = Math.max(0, g.pt() - ky * g.dh());
                int hi = Math.min(g.outH(), g.height() + g.pt() - ky * g.dh());
                for (int kx = 0; kx < g.kw(); kx++, row++) {
                    int dst = colOff + row * ld;
                    int shift = kx * g.dw() - g.pl();
                    boolean none = lo >= hi || Math.abs(shift) >= w;
                    if (!fold) {
                        Arrays.fill(cols, dst, dst + (none ? g.outPlane() : lo * w), 0f);
                        if (!none) {
                            Arrays.fill(cols, dst + hi * w, dst + g.outPlane(), 0f);
                        }
                    }
                    if (none) {
                        continue;
                    }
                    // output pixels lo*w .. hi*w read input pixels from (lo - pt + ky*dh)*w + shift on;
                    // the run is clipped to the plane, and the columns it wraps into are cleared
                    int from = dst + lo * w;
                    int pixel = plane + (lo - g.pt() + ky * g.dh()) * w + shift;
                    int len = (hi - lo) * w;
                    int skip = Math.max(0, -shift);
                    int cut = Math.max(0, shift);
                    if (fold) {
                        clearWrapped(cols, from, len, w, shift);
                        PlaneRuns.addTo(cols, from + skip, image, pixel + skip, len - skip - cut);
                    } else {
                        System.arraycopy(image, pixel + skip, cols, from + skip, len - skip - cut);
                        clearWrapped(cols, from, len, w, shift);
                    }
                }
            }
        }
    }

    /**
     * Clears, in each row of width {@code w} of the run {@code cols[from .. from + len)}, the
     * columns a horizontal shift of {@code shift} brings in from the neighbouring row: the first
     * {@code -shift} of a row shifted left of the image, the last {@code shift} of one shifted right.
     */
    private static void clearWrapped(float[] cols, int from, int len, int w, int shift) {
        if (shift < 0) {
            for (int r = from; r < from + len; r += w) {
                zero(cols, r, r - shift);
            }
        } else if (shift > 0) {
            for (int r = from + w; r <= from + len; r += w) {
                zero(cols, r - shift, r);
            }
        }
    }

    /** Clears {@code [from, to)}: the padded taps, a few elements at a time, where {@code Arrays.fill}'s checks cost more. */
    private static void zero(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = 0f;
        }
    }

    /** The first output column whose tap at offset {@code kx} (dilation applied) lies at input column {@code >= 0}. */
    private static int firstInside(int kx, int pw, int sw) {
        int need = pw - kx; // ox * sw >= pw - kx
        return need <= 0 ? 0 : (need + sw - 1) / sw;
    }

    /** One past the last output column whose tap at offset {@code kx} lies at input column {@code < width}. */
    private static int endInside(int kx, int pw, int sw, int width, int outW) {
        int limit = width + pw - kx; // ox * sw < width + pw - kx
        if (limit <= 0) {
            return 0;
        }
        return Math.min(outW, (limit + sw - 1) / sw);
    }
}
