package com.example.neurite.mish;

import java.util.List;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.pf4j.Extension;

/**
 * Makes {@code activation: mish} available in run configs. The {@code @Extension} annotation is
 * all Neurite needs: PF4J's annotation processor lists this class in META-INF/extensions.idx.
 */
@Extension
public final class MishProvider implements ActivationProvider {

    /** The name configs use. */
    static final String NAME = "mish";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Mish x * tanh(softplus(x)): a smooth, self-gated rectifier.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Activation create(Options options) {
        return new Mish();
    }
}
