package org.neurite.engine.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.tensor.CpuTensor;

/** Reverse-mode automatic differentiation: walks the recorded graph from a result back to its leaves. */
public final class Autograd {

    private static final CpuTensor[] NO_INPUTS = new CpuTensor[0];

    private Autograd() {
    }

    /**
     * Backpropagates {@code seed} = d(loss)/d(root) through the graph that produced {@code root}.
     * Leaves (tensors created by the user, such as parameters) keep their accumulated gradient;
     * intermediate results drop theirs and their graph once used, so memory is freed as in PyTorch.
     * Each intermediate's gradient array is its own (the seed is copied, and {@code adoptGrad} only
     * takes arrays nobody else holds), so its backward step may reuse it in place or hand it to an
     * input; an array no input took is lent to the gradients computed later in the pass
     * ({@link SpareGradients}).
     *
     * @param root the tensor to start from
     * @param seed its gradient, of its size
     * @throws ComponentException if the backward step of an operation that a layer's forward
     *     recorded fails, naming the layer's place and type
     */
    public static void backward(CpuTensor root, float[] seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): this tensor " + root.shape()
                    + " does not depend on any tensor that requires a gradient");
        }
        List<CpuTensor> order = topologicalOrder(root);
        SpareGradients outer = SpareGradients.begin();
        try {
            root.accumulateGrad(seed);
            for (int i = order.size() - 1; i >= 0; i--) {
                CpuTensor t = order.get(i);
                Node node = t.node();
                float[] g = t.gradArray();
                if (node == null || g == null) {
                    continue;
                }
                try {
                    if (OpCpuTimes.ON) {
                        OpCpuTimes.backward(node.name(), node.backward(), g);
                    } else {
                        node.backward().apply(g);
                    }
                } catch (ComponentException e) {
                    throw e;
                } catch (RuntimeException | LinkageError e) {
                    if (node.place() == null) {
                        throw e;
                    }
                    throw new ComponentException(node.place().path(), "(" + node.place().type() + ") backward failed: "
                            + ComponentException.describe(e), e);
                }
                t.releaseGraph();
                if (!takenOver(g, node.inputs())) {
                    SpareGradients.giveBack(g);
                }
            }
        } finally {
            SpareGradients.end(outer);
        }
    }

    /**
     * Whether a backward step handed its gradient array on: a step sends gradients only to its
     * node's inputs, so the array is still in use exactly when one of them now holds it.
     */
    private static boolean takenOver(float[] g, CpuTensor[] inputs) {
        for (CpuTensor in : inputs) {
            if (in != null && in.gradArray() == g) {
                return true;
            }
        }
        return false;
    }

    /** Tensors in an order where every tensor comes after the inputs it was computed from. */
    private static List<CpuTensor> topologicalOrder(CpuTensor root) {
        List<CpuTensor> order = new ArrayList<>();
        Set<CpuTensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<CpuTensor> stack = new ArrayDeque<>();
        Deque<Integer> nextChild = new ArrayDeque<>();
        stack.push(root);
        nextChild.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            CpuTensor t = stack.peek();
            int child = nextChild.pop();
            Node node = t.node();
            CpuTensor[] inputs = node == null ? NO_INPUTS : node.inputs();
            if (child < inputs.length) {
                nextChild.push(child + 1);
                CpuTensor in = inputs[child];
                if (visited.add(in)) {
                    stack.push(in);
                    nextChild.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
