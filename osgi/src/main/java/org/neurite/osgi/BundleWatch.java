package org.neurite.osgi;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.Layer;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Ends a training run as soon as a bundle that supplied one of the model's layers stops: a
 * layer whose classes belong to a stopped bundle may still run, but its bundle has withdrawn
 * it, and the weights it learns would be saved under a type nobody provides any more. Add it
 * as the first listener: {@code Trainer.builder(model, loss, optimizer).listener(BundleWatch.of(model))}.
 */
public final class BundleWatch implements TrainingListener {

    /** A layer of the model and the bundle its class came from. */
    private record Supplied(String where, Layer layer, Bundle bundle) {
    }

    private final List<Supplied> supplied;

    private BundleWatch(List<Supplied> supplied) {
        this.supplied = supplied;
    }

    /**
     * @param model the model to train; nested {@code sequential} blocks are looked into
     * @return a listener that fails the run when a bundle supplying one of its layers stops
     */
    public static BundleWatch of(Layer model) {
        List<Supplied> found = new ArrayList<>();
        collect(model, "model", found);
        return new BundleWatch(List.copyOf(found));
    }

    private static void collect(Layer layer, String where, List<Supplied> found) {
        if (layer instanceof Sequential sequential) {
            List<Layer> layers = sequential.layers();
            for (int i = 0; i < layers.size(); i++) {
                collect(layers.get(i), where + ".layers[" + i + "]", found);
            }
            return;
        }
        Bundle bundle = FrameworkUtil.getBundle(layer.getClass());
        if (bundle != null) {
            found.add(new Supplied(where, layer, bundle));
        }
    }

    /**
     * Checks every supplying bundle is still active.
     *
     * @param when when the check runs, such as {@code epoch 2, step 17}, for the message
     * @throws ProviderGoneException naming the layer, its type, its class and the bundle
     */
    public void check(String when) {
        for (Supplied s : supplied) {
            int state = s.bundle.getState();
            if (state != Bundle.ACTIVE && state != Bundle.STARTING) {
                throw new ProviderGoneException(s.where + " (layer type '" + s.layer.type() + "', "
                        + s.layer.getClass().getName() + ") comes from bundle " + s.bundle.getSymbolicName() + " "
                        + s.bundle.getVersion() + ", which is " + stateName(state) + " (" + when + ")");
            }
        }
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        check("before training");
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        check("stopped during training: epoch " + epoch + ", step " + step);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.RESOLVED -> "no longer active";
            case Bundle.INSTALLED -> "installed but not resolved";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "in state " + state;
        };
    }
}
