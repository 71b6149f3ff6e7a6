package org.neurite.api;

import java.util.List;

/**
 * What every provider has: a unique name that configs refer to, a description, and the
 * documentation of the options it reads. Plugins implement one of the sub-interfaces
 * ({@link LayerProvider}, {@link ActivationProvider}, {@link LossProvider},
 * {@link OptimizerProvider}, {@link InitializerProvider}, {@link DataSourceProvider}) and mark the class as a PF4J
 * extension of it.
 */
public interface ComponentProvider {

    /** @return the unique name configs use, lower case with underscores, such as {@code conv2d} */
    String name();

    /** @return what the component is, in one sentence */
    String description();

    /** @return every option the component reads, with type, default and meaning */
    List<OptionSpec> options();
}
