package org.neurite.api;

/** A region without gradient recording, opened by {@link Backend#noGrad()}; closing it ends the region. */
public interface GradScope extends AutoCloseable {

    /** Restores the recording mode that was in force when this scope was opened. */
    @Override
    void close();
}
