package org.neurite.engine.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;

/** The formats idx, csv and synthetic as providers, reading real files as a run config names them. */
class TableFormatsTest {

    private static final Path FASHION = Path.of(System.getProperty("basedir", "."))
            .resolve("../examples/data/fashion-mnist").normalize();

    private static SampleSet read(DataSourceProvider provider, Path folder, Map<String, ?> options) throws IOException {
        return provider.create(Options.of("data.test", options), new FolderContext(folder, 5)).read();
    }

    @Test
    void idxReadsFashionMnistsTestImagesScaledToOne() throws IOException {
        SampleSet s = read(new IdxSourceProvider(), FASHION, Map.of("images", "t10k-images-idx3-ubyte.gz",
                "labels", "t10k-labels-idx1-ubyte.gz"));

        assertThat(s.size()).isEqualTo(10_000);
        assertThat(s.inputs().get("input").shape()).isEqualTo(Shape.of(28, 28));
        assertThat(s.targets().values()[0]).isEqualTo(9f); // the first test image is an ankle boot
        float max = 0;
        for (float v : s.inputs().get("input").values()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void csvReadsALabelColumnByNameOrIndex() throws Exception {
        Path folder = SequencesSourceTest.resources();
        SampleSet byName = read(new CsvSourceProvider(), folder, Map.of("path", "air-passengers.csv",
                "label", "passengers"));
        SampleSet byIndex = read(new CsvSourceProvider(), folder, Map.of("path", "air-passengers.csv", "label", "0"));

        assertThat(byName.size()).isEqualTo(144);
        assertThat(byName.inputs().get("input").shape()).isEqualTo(Shape.of(2));
        assertThat(byName.targets().values()[0]).isEqualTo(112f);
        assertThat(byIndex.targets().values()[0]).isEqualTo(1949f);
        assertThatThrownBy(() -> read(new CsvSourceProvider(), folder, Map.of("path", "air-passengers.csv",
                "label", "passengers", "header", false)))
                .isInstanceOf(OptionException.class)
                .hasMessage("data.test.label: a label column named \"passengers\" needs a header line (header: true),"
                        + " or give its index");
    }

    @Test
    void syntheticSetsAreSeededByTheRunAndRefuseOptionsOfAnotherSet() throws IOException {
        Path here = Path.of(".");
        SampleSet spirals = read(new SyntheticSourceProvider(), here, Map.of("name", "spirals", "samples", 40));
        SampleSet again = read(new SyntheticSourceProvider(), here, Map.of("name", "spirals", "samples", 40));
        SampleSet xor = read(new SyntheticSourceProvider(), here, Map.of("name", "xor"));

        assertThat(spirals.size()).isEqualTo(40);
        assertThat(spirals.inputs().get("input").values()).containsExactly(again.inputs().get("input").values());
        assertThat(xor.targets().values()).containsExactly(0, 1, 1, 0);
        assertThatThrownBy(() -> read(new SyntheticSourceProvider(), here, Map.of("name", "spirals", "classes", 3)))
                .isInstanceOf(OptionException.class)
                .hasMessage("data.test.classes: does not apply to the set spirals; it takes noise, samples, seed");
    }
}
