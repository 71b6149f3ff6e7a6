package org.neurite.plugins.transformer;

import java.util.Map;

import org.neurite.api.Parameter;

/**
 * The parameters of one block of a {@link CausalLm}, by their PyTorch names ({@code null} where
 * there is no such parameter), as {@link CachedForward} reads them.
 */
record BlockWeights(Parameter norm1Weight, Parameter norm1Bias, Parameter inProjWeight, Parameter inProjBias,
                    Parameter outProjWeight, Parameter outProjBias, Parameter norm2Weight, Parameter norm2Bias,
                    Parameter linear1Weight, Parameter linear1Bias, Parameter linear2Weight,
                    Parameter linear2Bias) {

    /**
     * @param p the model's parameters by name
     * @param prefix the block's name prefix, such as {@code blocks.0.}
     * @return the block's parameters
     */
    static BlockWeights of(Map<String, Parameter> p, String prefix) {
        return new BlockWeights(p.get(prefix + "norm1.weight"), p.get(prefix + "norm1.bias"),
                p.get(prefix + "self_attn.in_proj_weight"), p.get(prefix + "self_attn.in_proj_bias"),
                p.get(prefix + "self_attn.out_proj.weight"), p.get(prefix + "self_attn.out_proj.bias"),
                p.get(prefix + "norm2.weight"), p.get(prefix + "norm2.bias"),
                p.get(prefix + "linear1.weight"), p.get(prefix + "linear1.bias"),
                p.get(prefix + "linear2.weight"), p.get(prefix + "linear2.bias"));
    }

    /** @return the values of a parameter, or {@code null} for none */
    static float[] data(Parameter p) {
        return p == null ? null : p.data();
    }
}
