package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

class CsvReaderTest {

    private static final String IRIS = """
            sepal_length,sepal_width,species,petal_length
            5.1, 3.5, 0, 1.4
            "7.0",3.2,1,4.7

            6.3,3.3,2,6.0e0
            """;

    @Test
    void readsAHeaderAndTakesTheLabelColumnByName() {
        Dataset d = CsvReader.csv().labelColumn("species").read(IRIS, "iris.csv");

        assertThat(d.size()).isEqualTo(3);
        assertThat(d.featureShape()).isEqualTo(Shape.of(3));
        assertThat(d.features(0)).containsExactly(5.1f, 3.5f, 1.4f);
        assertThat(d.features(1)).containsExactly(7.0f, 3.2f, 4.7f);
        assertThat(d.features(2)).containsExactly(6.3f, 3.3f, 6.0f);
        assertThat(d.target(2)).containsExactly(2);
        assertThat(d.numClasses()).hasValue(3);
    }

    @Test
    void takesTheLabelByIndexFromEitherEndWithOtherDelimiters(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.tsv");
        Files.writeString(file, "1\t2\t0.5\n3\t4\t-1.25\n");

        Dataset last = CsvReader.csv().header(false).delimiter('\t').values().read(file);
        Dataset first = CsvReader.csv().header(false).delimiter('\t').labelColumn(0).classes(5).read(file);

        assertThat(last.isClassification()).isFalse();
        assertThat(last.targetShape()).isEqualTo(Shape.scalar());
        assertThat(last.target(1)).containsExactly(-1.25f);
        assertThat(last.features(1)).containsExactly(3, 4);
        assertThat(first.numClasses()).hasValue(5);
        assertThat(first.target(1)).containsExactly(3);
        assertThat(first.features(0)).containsExactly(2, 0.5f);
        assertThat(CsvReader.csv().delimiter(';').read("a;b\n1;0\n", "x").features(0)).containsExactly(1);
    }

    @Test
    void namesTheLineColumnAndTextOfABadNumber() {
        assertThatThrownBy(() -> CsvReader.csv().labelColumn("species").read(IRIS.replace("3.3", "3,3x"), "iris.csv"))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("iris.csv: line 5: expected 4 columns as in line 1, found 5");
        assertThatThrownBy(() -> CsvReader.csv().labelColumn("species").read(IRIS.replace("3.2", "abc"), "iris.csv"))
                .hasMessage("iris.csv: line 3, column 2 (sepal_width): expected a number, found \"abc\"");
        assertThatThrownBy(() -> CsvReader.csv().header(false).read("1,2\n1,NaN\n", "d.csv"))
                .hasMessage("d.csv: line 2, column 2: expected a number, found \"NaN\"");
        assertThatThrownBy(() -> CsvReader.csv().header(false).read("1,2\n,1\n", "d.csv"))
                .hasMessage("d.csv: line 2, column 1: expected a number, found an empty field");
        assertThatThrownBy(() -> CsvReader.csv().header(false).read("2f,1\n", "d.csv"))
                .hasMessage("d.csv: line 1, column 1: expected a number, found \"2f\"");
    }

    @Test
    void labelsThatAreNamesBecomeClassesInSortedOrder() throws Exception {
        CsvReader.Labelled read = CsvReader.csv().values()
                .readLabelled(new java.io.StringReader("x,kind\n1,dog\n2,cat\n3,dog\n4,bird\n"), "pets.csv");

        assertThat(read.classNames()).containsExactly("bird", "cat", "dog");
        assertThat(read.data().numClasses()).hasValue(3);
        assertThat(read.data().target(0)).containsExactly(2);
        assertThat(read.data().target(1)).containsExactly(1);
        assertThat(read.data().target(3)).containsExactly(0);
        assertThat(CsvReader.csv().readLabelled(new java.io.StringReader("x,y\n1,0\n2,1\n"), "n.csv").classNames())
                .as("numbers are class indices, not names").isNull();
        assertThatThrownBy(() -> CsvReader.csv().read("x,y\n1,0\n2,dog\n", "mixed.csv"))
                .hasMessage("mixed.csv: line 3, column 2 (y): expected a number, found \"dog\"");
    }

    @Test
    void refusesLabelsThatAreNotClassIndices() {
        assertThatThrownBy(() -> CsvReader.csv().labelColumn("species").read(IRIS.replace(",1,", ",1.5,"), "iris.csv"))
                .hasMessage("iris.csv: line 3, column 3 (species): expected a class index (a whole number from 0),"
                        + " found \"1.5\"");
        assertThatThrownBy(() -> CsvReader.csv().labelColumn("species").classes(2).read(IRIS, "iris.csv"))
                .hasMessage("iris.csv: line 5, column 3 (species): expected a class index in [0, 2), found \"2\"");
    }

    @Test
    void namesAMissingLabelColumnWithTheClosestName() {
        assertThatThrownBy(() -> CsvReader.csv().labelColumn("specis").read(IRIS, "iris.csv"))
                .hasMessage("iris.csv: line 1: expected a column named \"specis\", found sepal_length, sepal_width,"
                        + " species, petal_length (did you mean \"species\"?)");
        assertThatThrownBy(() -> CsvReader.csv().labelColumn(4).read(IRIS, "iris.csv"))
                .hasMessage("iris.csv: line 1: expected label column 4 among the 4 columns");
        assertThatThrownBy(() -> CsvReader.csv().header(false).labelColumn("y").read("1,2\n", "d.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("csv: label column \"y\" is chosen by name, but d.csv is read without a header line");
    }

    @Test
    void refusesFilesWithoutDataOrFeatures() {
        assertThatThrownBy(() -> CsvReader.csv().read("a,b\n\n", "h.csv"))
                .hasMessage("h.csv: line 2: expected at least one row of data, found none");
        assertThatThrownBy(() -> CsvReader.csv().header(false).read("1\n2\n", "one.csv"))
                .hasMessage("one.csv: line 1: expected a label column and at least one feature column, found 1 column");
    }

    @Test
    void aNumberBeyondTheFloatRangeIsRefusedWhereItIsWritten() {
        assertThatThrownBy(() -> CsvReader.csv().read("a,b,label\n1,2,0\n1e39,3,1\n", "big.csv"))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("big.csv: line 3, column 1 (a): expected a number within the float range (about ±3.4e38),"
                        + " found \"1e39\"");
        assertThatThrownBy(() -> CsvReader.csv().read("a,b,label\n1,NaN,0\n", "nan.csv"))
                .hasMessage("nan.csv: line 2, column 2 (b): expected a number, found \"NaN\"");
    }

    @Test
    void textThatIsNotUtf8NamesTheFileAndByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> CsvReader.csv().read(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(file + ": byte 6: not UTF-8 text: the bytes 0xE9 are no UTF-8 character");
    }
}
