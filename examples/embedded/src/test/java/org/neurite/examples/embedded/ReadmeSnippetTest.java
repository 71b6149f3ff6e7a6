package org.neurite.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The README's "Using the engine from Java" prints {@link UsingTheEngine} exactly, so what a
 * reader copies is what this build compiles.
 */
class ReadmeSnippetTest {

    @Test
    void theReadmeSnippetIsTheCompiledExample() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        int section = readme.indexOf("## Using the engine from Java");
        assertThat(section).as("the README section").isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        String source = Files.readString(Path.of("src/main/java/org/neurite/examples/embedded/UsingTheEngine.java"));
        assertThat(snippet).isEqualTo(source);
    }
}
