package org.neurite.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemmBenchmark} with the engine's pool limited to 2 threads. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=2"})
public class GemmTwoThreads extends GemmBenchmark {
}
