package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.neurite.api.Shape;
import org.neurite.engine.check.LayerCheck;
import org.neurite.engine.registry.Components;

/**
 * The checks every built-in layer gets, run for each row of its table ({@link LayerCase}) as
 * JUnit tests; the checks themselves are {@link LayerCheck}'s, which the plugins' test kit runs
 * too: shapes, config round trip, gradients against finite differences, "training lowers the
 * loss", and each failure case with its message.
 */
final class LayerTestHarness {

    private LayerTestHarness() {
    }

    /**
     * @param cases the layer's table
     * @return one container of tests per case
     */
    static Stream<DynamicNode> run(List<LayerCase> cases) {
        return cases.stream().map(c -> {
            LayerCheck check = check(c);
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("shapes", () -> check.shapes(c.output, c.parameterCount)));
            tests.add(DynamicTest.dynamicTest("config round trip", check::roundTrip));
            tests.add(DynamicTest.dynamicTest("gradients", check::gradients));
            if (c.parameterCount > 0) {
                tests.add(DynamicTest.dynamicTest("training lowers the loss", check::training));
            }
            for (LayerCase.Failure f : c.failures) {
                tests.add(DynamicTest.dynamicTest("rejects " + f.label(),
                        () -> check.rejects(f.options(), f.input(), f.exception(), f.message())));
            }
            return DynamicContainer.dynamicContainer(c.toString(), tests);
        });
    }

    /** @return a model config holding one layer of this type */
    static Map<String, Object> config(String type, Map<String, Object> options, Shape input) {
        return LayerCheck.config(type, options, input);
    }

    private static LayerCheck check(LayerCase c) {
        LayerCheck check = LayerCheck.of(Components.builtIns(), c.type, c.options).input(c.input).batch(c.batch)
                .mode(c.mode);
        if (c.indexRange > 0) {
            check.indices(c.indexRange);
        }
        if (c.randomForward) {
            check.randomForward();
        }
        return check;
    }
}
