package org.neurite.plugins.cnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.DataSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.source.FolderContext;

/** The {@code image_folder} source on PNG and JPEG files written here: classes, pixels, resizing and bad files. */
class ImageFolderSourceTest {

    @TempDir
    Path root;

    private DataSource source(Map<String, Object> options) {
        return new ImageFolderSource.Provider().create(Options.of("data.train", options), new FolderContext(root, 0));
    }

    private void image(String file, int h, int w, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        ImageIO.write(image, file.endsWith(".png") ? "png" : "jpg", path.toFile());
    }

    @Test
    void readsOneClassPerSubfolderInNameOrder() throws IOException {
        image("train/shirt/a.png", 4, 5, 0xff0000);
        image("train/shirt/b.png", 4, 5, 0x00ff00);
        image("train/bag/c.png", 4, 5, 0x0000ff);
        SampleSet rgb = source(Map.of("path", "train")).read();
        assertThat(rgb.size()).isEqualTo(3);
        assertThat(rgb.classes()).isEqualTo(2);
        assertThat(rgb.info()).containsEntry("class_names", List.of("bag", "shirt"));
        assertThat(rgb.inputs().get("image").shape()).isEqualTo(Shape.of(3, 4, 5));
        assertThat(rgb.targets().values()).containsExactly(0f, 1f, 1f);
        float[] blue = rgb.inputs().get("image").values();
        assertThat(blue[0]).isZero();
        assertThat(blue[2 * 20]).isEqualTo(1f);

        SampleSet grey = source(Map.of("path", "train", "channels", 1, "size", List.of(2, 3))).read();
        assertThat(grey.inputs().get("image").shape()).isEqualTo(Shape.of(1, 2, 3));
        // pure red as PIL's "L": 299 * 255 / 1000 = 76
        assertThat(grey.inputs().get("image").values()[6]).isCloseTo(76 / 255f, within(1e-6f));
    }

    @Test
    void aFolderThatDoesNotFitTheOptionsIsAnErrorAtTheOptionNamingTheFile() throws IOException {
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> source(Map.of("path", "empty")).read()).isInstanceOf(OptionException.class)
                .hasMessage("data.train.path: " + root.resolve("empty") + " has no class subfolders (expected one"
                        + " folder of images per class)");

        Files.createDirectories(root.resolve("no-images/a"));
        assertThatThrownBy(() -> source(Map.of("path", "no-images")).read()).isInstanceOf(OptionException.class)
                .hasMessage("data.train.path: " + root.resolve("no-images") + " holds no image in its class subfolders [a]");

        image("mixed/a/1.png", 4, 4, 0);
        image("mixed/a/2.png", 5, 4, 0);
        assertThatThrownBy(() -> source(Map.of("path", "mixed")).read()).isInstanceOf(OptionException.class)
                .hasMessage("data.train.size: " + root.resolve("mixed/a/2.png") + " is 5x4 but the images before it"
                        + " are 4x4; set size: [height, width] to resize them all");

        image("notes/a/1.png", 4, 4, 0);
        Files.writeString(root.resolve("notes/a/readme.txt"), "not an image");
        assertThatThrownBy(() -> source(Map.of("path", "notes")).read()).isInstanceOf(OptionException.class)
                .hasMessage("data.train.path: " + root.resolve("notes/a/readme.txt") + " is not an image ImageIO can"
                        + " read (PNG, JPEG, GIF, BMP); remove it or set on_error: skip");
        assertThat(source(Map.of("path", "notes", "on_error", "skip")).read().size()).isEqualTo(1);

        image("damaged/a/1.png", 4, 4, 0);
        byte[] png = Files.readAllBytes(root.resolve("damaged/a/1.png"));
        Files.write(root.resolve("damaged/a/2.png"), java.util.Arrays.copyOf(png, 40));
        assertThatThrownBy(() -> source(Map.of("path", "damaged")).read()).isInstanceOf(OptionException.class)
                .hasMessageStartingWith("data.train.path: " + root.resolve("damaged/a/2.png") + " cannot be read as"
                        + " an image (").hasMessageEndingWith("); remove it or set on_error: skip");
        assertThat(source(Map.of("path", "damaged", "on_error", "skip")).read().size()).isEqualTo(1);
    }
}
