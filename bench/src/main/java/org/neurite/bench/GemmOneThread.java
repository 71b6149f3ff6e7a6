package org.neurite.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemmBenchmark} with the engine's pool limited to 1 thread. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=1"})
public class GemmOneThread extends GemmBenchmark {
}
