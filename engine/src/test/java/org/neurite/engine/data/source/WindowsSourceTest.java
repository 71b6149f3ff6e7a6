package org.neurite.engine.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.DataSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

class WindowsSourceTest {

    private static DataSource windows(Path folder, Map<String, ?> options) {
        return new WindowsSourceProvider().create(Options.of("data.train", options), new FolderContext(folder, 0));
    }

    @Test
    void cutsTheAirlinePassengersIntoWindowsWithTheNextMonthAsTarget() throws Exception {
        SampleSet s = windows(SequencesSourceTest.resources(), Map.of("path", "air-passengers.csv", "window", 12,
                "target", "passengers")).read();

        // 144 months: windows of 12 with the 13th as target start at months 0 .. 131
        assertThat(s.size()).isEqualTo(132);
        assertThat(s.inputs().get("series").shape()).isEqualTo(Shape.of(12, 3));
        assertThat(SequencesSourceTest.row(s.inputs().get("series"), 0)).startsWith(1949, 1, 112, 1949, 2, 118);
        assertThat(s.targets().values()[0]).isEqualTo(115);  // January 1950
        assertThat(s.targets().values()[131]).isEqualTo(432);  // December 1960
    }

    @Test
    void holdsOutTheEndOfTheSeriesAndTakesHorizonAndStride() throws Exception {
        SampleSet.Split split = windows(SequencesSourceTest.resources(), Map.of("path", "air-passengers.csv",
                "window", 12, "horizon", 3, "stride", 12)).read(0.25).orElseThrow();

        // 108 training months make 8 windows of 12 + 3; the last 36 make 2
        assertThat(split.train().size()).isEqualTo(8);
        assertThat(split.heldOut().size()).isEqualTo(2);
        assertThat(split.heldOut().inputs().get("series").values()[0]).isEqualTo(1958);
        assertThat(split.heldOut().targets().values()).containsExactly(406, 419);  // March 1959, March 1960
    }

    @Test
    void rejectsWindowsLongerThanTheSeriesUnknownColumnsAndBadRows(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("s.csv"), "t,v\n1,2\n2,3\n");
        Files.writeString(dir.resolve("bad.csv"), "t,v\n1,2\n2\n");
        Files.writeString(dir.resolve("nan.csv"), "t,v\n1,x\n");

        assertThatThrownBy(() -> windows(dir, Map.of("path", "s.csv", "window", 2)).read())
                .isInstanceOf(OptionException.class)
                .hasMessage("data.train.window: a window of 2 rows and its target 1 row(s) later need 3 rows, but "
                        + dir.resolve("s.csv") + " has 2 rows");
        assertThatThrownBy(() -> windows(dir, Map.of("path", "s.csv", "window", 1, "target", "w")).read())
                .hasMessage("data.train.target: no column \"w\" in " + dir.resolve("s.csv") + "; its columns: t, v");
        assertThatThrownBy(() -> windows(dir, Map.of("path", "bad.csv", "window", 1)).read())
                .isInstanceOf(FileFormatException.class)
                .hasMessage(dir.resolve("bad.csv") + ": line 3: 1 fields; expected 2 (as the header)");
        assertThatThrownBy(() -> windows(dir, Map.of("path", "nan.csv", "window", 1)).read())
                .hasMessage(dir.resolve("nan.csv") + ": line 2, column 2 (v): expected a number, found \"x\"");
    }
}
