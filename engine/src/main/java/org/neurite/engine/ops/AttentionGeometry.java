package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The sizes of one {@link MultiHeadAttention} call, and where q, k and v lie in their arrays: rows
 * of {@code qStride} (and so on) values, keys from column {@code kColumn} of theirs and values from
 * {@code vColumn} (both 0 for three tensors, {@code heads d} and {@code 2 heads d} for one packed
 * tensor). Checks the shapes it is made from.
 */
record AttentionGeometry(int batch, int lq, int lk, int heads, int d, int dv, boolean causal, float scale,
                         int qStride, int kStride, int vStride, int kColumn, int vColumn) {

    static AttentionGeometry check(CpuTensor q, CpuTensor k, CpuTensor v, int heads, CpuTensor keyPadding,
                                   boolean causal) {
        Shape qs = q.shape();
        Shape ks = k.shape();
        Shape vs = v.shape();
        if (heads < 1) {
            throw new IllegalArgumentException("multiHeadAttention: heads must be at least 1, got " + heads);
        }
        boolean fits = qs.rank() == 3 && ks.rank() == 3 && vs.rank() == 3
                && ks.dim(0) == qs.dim(0) && vs.dim(0) == qs.dim(0) && vs.dim(1) == ks.dim(1)
                && ks.dim(2) == qs.dim(2) && qs.dim(2) % heads == 0 && vs.dim(2) % heads == 0;
        if (!fits) {
            throw new ShapeMismatchException("multiHeadAttention: q " + qs + ", k " + ks + ", v " + vs
                    + " must be [batch, lq, heads * d], [batch, lk, heads * d], [batch, lk, heads * dv]"
                    + " with " + heads + " heads");
        }
        if (keyPadding != null && !keyPadding.shape().equals(Shape.of(ks.dim(0), ks.dim(1)))) {
            throw new ShapeMismatchException("multiHeadAttention: key padding mask " + keyPadding.shape()
                    + " must be [batch, lk] = " + Shape.of(ks.dim(0), ks.dim(1)));
        }
        int d = qs.dim(2) / heads;
        return new AttentionGeometry(qs.dim(0), qs.dim(1), ks.dim(1), heads, d, vs.dim(2) / heads, causal,
                (float) (1.0 / Math.sqrt(d)), qs.dim(2), ks.dim(2), vs.dim(2), 0, 0);
    }

    static AttentionGeometry checkPacked(CpuTensor qkv, int heads, CpuTensor keyPadding, boolean causal) {
        Shape s = qkv.shape();
        if (heads < 1) {
            throw new IllegalArgumentException("multiHeadSelfAttention: heads must be at least 1, got " + heads);
        }
        if (s.rank() != 3 || s.dim(2) % (3 * heads) != 0) {
            throw new ShapeMismatchException("multiHeadSelfAttention: qkv " + s
                    + " must be [batch, time, 3 * heads * d] with " + heads + " heads");
        }
        if (keyPadding != null && !keyPadding.shape().equals(Shape.of(s.dim(0), s.dim(1)))) {
            // the same words as for separate q, k and v: a layer's user sees one message
            throw new ShapeMismatchException("multiHeadAttention: key padding mask " + keyPadding.shape()
                    + " must be [batch, lk] = " + Shape.of(s.dim(0), s.dim(1)));
        }
        int width = s.dim(2) / 3;
        int d = width / heads;
        return new AttentionGeometry(s.dim(0), s.dim(1), s.dim(1), heads, d, d, causal, (float) (1.0 / Math.sqrt(d)),
                s.dim(2), s.dim(2), s.dim(2), width, 2 * width);
    }

    /** @return the last key query {@code i} may see, by the causal rule; {@code lk - 1} without it */
    int lastKey(int i) {
        return causal ? Math.min(lk - 1, i + lk - lq) : lk - 1;
    }

    /** @return how many leading keys query {@code i} and the rows before it may see */
    int keysSeen(int i) {
        return Math.max(0, lastKey(i) + 1);
    }

    int outStride() {
        return heads * dv;
    }

    int qAt(int b, int i, int h) {
        return (b * lq + i) * qStride + h * d;
    }

    int kAt(int b, int j, int h) {
        return (b * lk + j) * kStride + kColumn + h * d;
    }

    int vAt(int b, int j, int h) {
        return (b * lk + j) * vStride + vColumn + h * dv;
    }

    int outAt(int b, int i, int h) {
        return (b * lq + i) * outStride() + h * dv;
    }
}
