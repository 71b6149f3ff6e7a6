package org.neurite.engine.ops;

import org.neurite.engine.tensor.CpuTensor;

/**
 * Broadcasting arithmetic ({@code add, sub, mul, div}), arithmetic with a constant, and
 * elementwise math ({@code exp, log, sqrt, pow, abs, clamp}), each with its backward.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /**
     * @param a the left operand
     * @param b the right operand
     * @return {@code a + b}, broadcast
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor add(CpuTensor a, CpuTensor b) {
        return binary("add", Arithmetic.ADD, a, b);
    }

    /**
     * @param a the left operand
     * @param b the right operand
     * @return {@code a - b}, broadcast
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor sub(CpuTensor a, CpuTensor b) {
        return binary("sub", Arithmetic.SUB, a, b);
    }

    /**
     * @param a the left operand
     * @param b the right operand
     * @return {@code a * b}, elementwise, broadcast
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor mul(CpuTensor a, CpuTensor b) {
        return binary("mul", Arithmetic.MUL, a, b);
    }

    /**
     * @param a the left operand
     * @param b the right operand
     * @return {@code a / b}, elementwise, broadcast
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor div(CpuTensor a, CpuTensor b) {
        return binary("div", Arithmetic.DIV, a, b);
    }

    private static CpuTensor binary(String name, Arithmetic op, CpuTensor a, CpuTensor b) {
        Broadcast plan = Broadcast.of(name, a.shape(), b.shape());
        float[] out = new float[plan.shape().intSize()];
        op.apply(plan, a.data(), 0, b.data(), 1, out);
        return CpuTensor.result(name, out, plan.shape(), g -> backward(op, plan, a, b, out, g), a, b);
    }

    private static void backward(Arithmetic op, Broadcast plan, CpuTensor a, CpuTensor b, float[] out, float[] g) {
        int r = plan.result();
        switch (op) {
            case ADD, SUB -> {
                // g is this op's own array: b copies it (or owns its negation), then a takes it over
                if (b.requiresGrad()) {
                    plan.accumulate(1, b, op == Arithmetic.ADD ? g : scaled(g, -1f), op == Arithmetic.SUB);
                }
                plan.accumulate(0, a, g, true);
            }
            case MUL -> {
                if (a.requiresGrad()) { // d/da = g * b
                    float[] t = new float[g.length];
                    Arithmetic.MUL.apply(plan, g, r, b.data(), 1, t);
                    plan.accumulate(0, a, t, true);
                }
                if (b.requiresGrad()) { // d/db = g * a
                    float[] t = new float[g.length];
                    Arithmetic.MUL.apply(plan, g, r, a.data(), 0, t);
                    plan.accumulate(1, b, t, true);
                }
            }
            case DIV -> {
                if (a.requiresGrad()) { // d/da = g / b
                    float[] t = new float[g.length];
                    Arithmetic.DIV.apply(plan, g, r, b.data(), 1, t);
                    plan.accumulate(0, a, t, true);
                }
                if (b.requiresGrad()) { // d/db = -g * a / b^2 = -g * out / b
                    float[] t = new float[g.length];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = -g[i] * out[i];
                    }
                    Arithmetic.DIV.apply(plan, t, r, b.data(), 1, t);
                    plan.accumulate(1, b, t, true);
                }
            }
        }
    }

    /**
     * @param a the tensor
     * @param v the constant
     * @return {@code a + v}
     */
    public static CpuTensor addScalar(CpuTensor a, float v) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + v;
        }
        return CpuTensor.result("add", y, a.shape(), a::accumulateGrad, a);
    }

    /**
     * @param a the tensor
     * @param v the constant
     * @return {@code a * v}
     */
    public static CpuTensor mulScalar(CpuTensor a, float v) {
        return CpuTensor.result("mul", scaled(a.data(), v), a.shape(), g -> a.adoptGrad(scaled(g, v)), a);
    }

    private static float[] scaled(float[] x, float v) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * v;
        }
        return y;
    }

    /**
     * @param a the tensor
     * @return {@code e^a}, elementwise
     */
    public static CpuTensor exp(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
        return CpuTensor.result("exp", y, a.shape(), g -> {
            float[] d = new float[g.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = g[i] * y[i];
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * @param a the tensor
     * @return the natural logarithm of each element (NaN below 0, {@code -inf} at 0)
     */
    public static CpuTensor log(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.log(x[i]);
        }
        return CpuTensor.result("log", y, a.shape(), g -> {
            float[] d = new float[g.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = g[i] / x[i];
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * @param a the tensor
     * @return the square root of each element (NaN below 0)
     */
    public static CpuTensor sqrt(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.sqrt(x[i]);
        }
        return CpuTensor.result("sqrt", y, a.shape(), g -> {
            float[] d = new float[g.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = 0.5f * g[i] / y[i];
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * @param a the tensor
     * @param e the exponent
     * @return each element to the power {@code e}; the gradient is 0 for {@code e = 0}
     */
    public static CpuTensor pow(CpuTensor a, float e) {
        float[] x = a.data();
        float[] y = new float[x.length];
        if (e == 2f) {
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * x[i];
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                y[i] = (float) Math.pow(x[i], e);
            }
        }
        return CpuTensor.result("pow", y, a.shape(), g -> {
            float[] d = new float[g.length];
            if (e == 2f) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = 2f * g[i] * x[i];
                }
            } else if (e != 0f) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = g[i] * e * (float) Math.pow(x[i], e - 1);
                }
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * @param a the tensor
     * @return the absolute value of each element; the gradient is 0 at 0
     */
    public static CpuTensor abs(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return CpuTensor.result("abs", y, a.shape(), g -> {
            float[] d = new float[g.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0f;
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * @param a the tensor
     * @param min the lower limit
     * @param max the upper limit
     * @return each element limited to {@code [min, max]}; the gradient is 0 where an element lies
     *     outside the limits (and passes where it equals one, as in PyTorch)
     * @throws IllegalArgumentException if {@code min > max}
     */
    public static CpuTensor clamp(CpuTensor a, float min, float max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max
                    + " (tensor of shape " + a.shape() + ")");
        }
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.min(Math.max(x[i], min), max);
        }
        return CpuTensor.result("clamp", y, a.shape(), g -> {
            float[] d = new float[g.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = x[i] >= min && x[i] <= max ? g[i] : 0f;
            }
            a.adoptGrad(d);
        }, a);
    }
}
