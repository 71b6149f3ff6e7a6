package org.neurite.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.loss.MeanSquaredError;
import org.neurite.engine.nn.DenseLayer;
import org.neurite.engine.nn.LayerNormLayer;
import org.neurite.engine.optim.AdamProvider;

/** The kit's checks pass on the engine's own components and fail on broken ones. */
class ContractsOnBuiltInsTest {

    @TestFactory
    Stream<DynamicNode> denseKeepsTheLayerContract() {
        return LayerContract.of(new DenseLayer.Provider(), Map.of("units", 3, "activation", "tanh")).input(2, 4)
                .output(2, 3).parameters(15).alsoOn(Shape.of(4), Shape.of(5, 1, 4))
                .rejects(Map.of("units", 0), "units").tests();
    }

    @TestFactory
    Stream<DynamicNode> layerNormKeepsTheLayerContract() {
        return LayerContract.of(new LayerNormLayer.Provider(), Map.of()).input(6).parameters(12).tests();
    }

    @TestFactory
    Stream<DynamicNode> adamKeepsTheOptimizerContract() {
        return OptimizerContract.of(new AdamProvider(), Map.of("lr", 0.01, "weight_decay", 0.1)).tests();
    }

    @Test
    void gradientsOfActivationsLossesAndFunctions() {
        Gradients.of(args -> args.get(0).tanh().mul(args.get(0)), Tensors.random(0, 3, 4));
        Gradients.of(new MeanSquaredError(), Tensors.random(1, 4, 2), Tensors.random(2, 4, 2));
        Gradients.of(args -> args.get(0).matmul(args.get(1)).exp(), Tensors.random(3, 2, 3), Tensors.random(4, 3, 2));
    }

    @Test
    void aWrongBackwardFails() {
        assertThatThrownBy(() -> Gradients.of(args -> args.get(0).detach().mul(args.get(0)), Tensors.random(0, 3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("gradient of input 0 [3] at element 0: analytic");
    }

    @Test
    void aLayerWhoseOutputShapeLiesFails() {
        LayerProvider liar = new LayerProvider() {
            public String name() {
                return "liar";
            }

            public String description() {
                return "Says it halves its input but does not.";
            }

            public List<OptionSpec> options() {
                return List.of();
            }

            public Layer create(Options options, Shape inputShape, LayerContext context) {
                return new Layer() {
                    public String type() {
                        return "liar";
                    }

                    public Options options() {
                        return options;
                    }

                    public Shape outputShape(Shape in) {
                        return Shape.of(in.dim(0) / 2);
                    }

                    public Map<String, org.neurite.api.Parameter> parameters() {
                        return Map.of();
                    }

                    public Tensor forward(Tensor input, org.neurite.api.Mode mode) {
                        return input;
                    }
                };
            }
        };
        DynamicNode shapes = LayerContract.of(liar, Map.of()).input(4).tests().findFirst()
                .map(c -> ((org.junit.jupiter.api.DynamicContainer) c).getChildren().findFirst().orElseThrow())
                .orElseThrow();
        assertThatThrownBy(((org.junit.jupiter.api.DynamicTest) shapes).getExecutable()::execute)
                .isInstanceOf(AssertionError.class).hasMessageContaining("forward's shape in training: expected [4, 2]");
    }
}
