package org.neurite.engine.nn;

import java.util.List;
import java.util.stream.Collectors;

/** How merge layers write the shapes of their inputs in messages. */
final class MergeShapes {

    private MergeShapes() {
    }

    /** @return the shapes joined by "and": {@code [256] and [128]} */
    static String list(List<?> shapes) {
        return shapes.stream().map(String::valueOf).collect(Collectors.joining(" and "));
    }
}
