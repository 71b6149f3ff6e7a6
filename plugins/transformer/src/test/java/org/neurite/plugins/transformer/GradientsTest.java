package org.neurite.plugins.transformer;

import static org.neurite.plugins.transformer.PluginComponents.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.check.GradientCheck;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Finite-difference gradients of each layer with respect to its inputs and every parameter, on
 * the live parameter tensors (the test kit's copies of the inputs would leave the parameters out).
 */
class GradientsTest {

    @Test
    void selfAttentionWithCausalAndPaddingMasks() {
        CpuTensor mask = CpuTensor.wrap(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, Shape.of(2, 4));
        check(layer("multi_head_attention", Map.of("heads", 2, "causal", true), List.of(Shape.of(4, 6), Shape.of(4))),
                List.of(GradientCheck.random(1, 2, 4, 6)), mask);
    }

    @Test
    void crossAttention() {
        check(layer("multi_head_attention", Map.of("heads", 3, "bias", false), List.of(Shape.of(3, 6), Shape.of(5, 6))),
                List.of(GradientCheck.random(2, 2, 3, 6), GradientCheck.random(3, 2, 5, 6)), null);
    }

    @Test
    void encoderLayerPreNormGelu() {
        check(layer("transformer_encoder_layer", Map.of("heads", 2, "feedforward", 8, "dropout", 0.0,
                "activation", "gelu", "norm_first", true), List.of(Shape.of(3, 4))),
                List.of(GradientCheck.random(4, 2, 3, 4)), null);
    }

    @Test
    void decoderLayerPostNormWithMemoryMask() {
        // GELU: finite differences across ReLU's kink are off by more than the tolerance (the
        // ReLU block's gradients are compared with PyTorch's in TorchParityTest instead)
        CpuTensor mask = CpuTensor.wrap(new float[] {1, 1, 0, 1, 1, 1}, Shape.of(2, 3));
        check(layer("transformer_decoder_layer", Map.of("heads", 2, "feedforward", 8, "dropout", 0.0,
                "activation", "gelu"),
                List.of(Shape.of(2, 4), Shape.of(3, 4), Shape.of(3))),
                List.of(GradientCheck.random(5, 2, 2, 4), GradientCheck.random(6, 2, 3, 4)), mask);
    }

    @Test
    void patchEmbeddingAndLearnedPositions() {
        check(layer("patch_embedding", Map.of("patch", 2, "dim", 3), List.of(Shape.of(4, 6))),
                List.of(GradientCheck.random(7, 2, 4, 6)), null);
        check(layer("positional_encoding", Map.of("kind", "learned", "max_length", 5), List.of(Shape.of(3, 2))),
                List.of(GradientCheck.random(8, 2, 3, 2)), null);
    }

    /** Checks the layer's gradients for the given inputs (and a fixed mask as the last input). */
    private static void check(Layer layer, List<CpuTensor> inputs, CpuTensor mask) {
        List<CpuTensor> all = new ArrayList<>(inputs);
        layer.parameters().values().forEach(p -> all.add(CpuTensor.of(p.value())));
        int n = inputs.size();
        GradientCheck.create().check(in -> {
            List<Tensor> args = new ArrayList<>(in.subList(0, n));
            if (mask != null) {
                args.add(mask);
            }
            return layer instanceof MultiInputLayer m ? m.forward(args, Mode.TRAINING)
                    : layer.forward(args.get(0), Mode.TRAINING);
        }, all.toArray(CpuTensor[]::new));
    }
}
