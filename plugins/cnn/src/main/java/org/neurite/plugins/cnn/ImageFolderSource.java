package org.neurite.plugins.cnn;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/**
 * Images in a folder with one subfolder per class ({@code train/cat/1.png}, {@code train/dog/7.jpg}),
 * as torchvision's {@code ImageFolder}: classes are the subfolders in name order, read by the JDK's
 * ImageIO (PNG, JPEG, GIF, BMP), as one grey channel or RGB, optionally resized (bilinear), with
 * pixels scaled to {@code [0, 1]}. Samples are {@code [channels, height, width]} in the input
 * {@code image}; the class names travel with the model as {@code class_names}.
 *
 * <p>A folder that does not fit the options (no class subfolders, a file that is not an image
 * under {@code on_error: stop}, images of mixed sizes without {@code size}) is an
 * {@link OptionException} at that option, naming the folder or the file: the config asks for what
 * the folder cannot give, so the run stops as a config error before training starts.
 */
final class ImageFolderSource implements DataSource {

    static final String FORMAT = "image_folder";

    private final Path folder;
    private final int channels;
    private final int[] size;
    private final boolean skipBad;
    private final Options options;

    private ImageFolderSource(Path folder, int channels, int[] size, boolean skipBad, Options options) {
        this.folder = folder;
        this.channels = channels;
        this.size = size;
        this.skipBad = skipBad;
        this.options = options;
    }

    @Override
    public SampleSet read() throws IOException {
        List<Path> classFolders;
        try (Stream<Path> entries = Files.list(folder)) {
            classFolders = entries.filter(Files::isDirectory).sorted().toList();
        }
        if (classFolders.isEmpty()) {
            throw new OptionException(options.pathOf("path"), folder + " has no class subfolders (expected one"
                    + " folder of images per class)");
        }
        List<String> names = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        int[] shape = size;
        for (Path classFolder : classFolders) {
            names.add(classFolder.getFileName().toString());
            List<Path> files;
            try (Stream<Path> entries = Files.list(classFolder)) {
                files = entries.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                BufferedImage image;
                try {
                    image = ImageIO.read(file.toFile());
                } catch (IOException e) {
                    // a damaged or unreadable image file: named, and skipped only when asked
                    if (skipBad) {
                        skipped.add(folder.relativize(file).toString());
                        continue;
                    }
                    throw new OptionException(options.pathOf("path"), file + " cannot be read as an image ("
                            + e.getMessage() + "); remove it or set on_error: skip");
                }
                if (image == null) {
                    if (skipBad) {
                        skipped.add(folder.relativize(file).toString());
                        continue;
                    }
                    throw new OptionException(options.pathOf("path"), file + " is not an image ImageIO can read (PNG,"
                            + " JPEG, GIF, BMP); remove it or set on_error: skip");
                }
                if (shape == null) {
                    shape = new int[] {image.getHeight(), image.getWidth()};
                } else if (size == null && (image.getHeight() != shape[0] || image.getWidth() != shape[1])) {
                    // without size every image must have the first one's size: the missing option is the fix
                    throw new OptionException(options.pathOf("size"), file + " is " + image.getHeight() + "x"
                            + image.getWidth() + " but the images before it are " + shape[0] + "x" + shape[1]
                            + "; set size: [height, width] to resize them all");
                }
                images.add(pixels(size == null ? image : resized(image, size), channels));
                labels.add((float) (names.size() - 1));
            }
        }
        if (!skipped.isEmpty()) {
            // skipping is asked for, but a user still learns which files were left out
            System.getLogger("neurite").log(System.Logger.Level.WARNING, folder + ": skipped " + skipped.size()
                    + (skipped.size() == 1 ? " file that is not a readable image: " : " files that are not readable"
                    + " images: ") + String.join(", ", skipped.subList(0, Math.min(5, skipped.size())))
                    + (skipped.size() > 5 ? ", ..." : "") + " (on_error: skip)");
        }
        if (images.isEmpty()) {
            throw new OptionException(options.pathOf("path"), folder + " holds no image in its class subfolders "
                    + names);
        }
        int length = channels * shape[0] * shape[1];
        float[] values = new float[images.size() * length];
        float[] targets = new float[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, values, i * length, length);
            targets[i] = labels.get(i);
        }
        return SampleSet.of(folder.toString(),
                Map.of("image", new SampleSet.Column(values, Shape.of(channels, shape[0], shape[1]))),
                new SampleSet.Column(targets, Shape.of()), names.size(), Map.of("class_names", List.copyOf(names),
                        "preprocessing", Map.of("scale", 255.0))); // pixels were divided by 255
    }

    private static BufferedImage resized(BufferedImage image, int[] size) {
        BufferedImage out = new BufferedImage(size[1], size[0], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size[1], size[0], null);
        g.dispose();
        return out;
    }

    /** {@code [channels, h, w]} in {@code [0, 1]}: RGB, or grey as PIL's "L" ({@code 0.299 R + 0.587 G + 0.114 B}). */
    static float[] pixels(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[channels * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int p = y * w + x;
                if (channels == 1) {
                    out[p] = (r * 299 + g * 587 + b * 114) / 1000 / 255f;
                } else {
                    out[p] = r / 255f;
                    out[h * w + p] = g / 255f;
                    out[2 * h * w + p] = b / 255f;
                }
            }
        }
        return out;
    }

    /** {@code {format: image_folder, path: data/train, channels: 3, size: [32, 32]}}. */
    @Extension
    public static final class Provider implements DataSourceProvider {

        private static final List<OptionSpec> OPTIONS = List.of(
                OptionSpec.required("path", OptionType.STRING, "The folder holding one subfolder of images per class."),
                OptionSpec.optional("channels", OptionType.INTEGER, 3, "1 for grey images, 3 for RGB."),
                OptionSpec.optional("size", OptionType.INTEGERS, null,
                        "Resize every image to this size: one number or [height, width]; without it all images"
                                + " must have one size."),
                OptionSpec.optional("on_error", OptionType.STRING, "stop",
                        "A file that is not a readable image: stop (name it and end the run) or skip it.")
                        .oneOf("stop", "skip"));

        @Override
        public String name() {
            return FORMAT;
        }

        @Override
        public String description() {
            return "Images in one subfolder per class (as torchvision's ImageFolder), read by ImageIO as [channels,"
                    + " height, width] in [0, 1]; the class names are saved with the model.";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public DataSource create(Options options, DataContext context) {
            options.rejectUnknown(options());
            int channels = options.getInt("channels", 3);
            if (channels != 1 && channels != 3) {
                throw new OptionException(options.pathOf("channels"), "must be 1 (grey) or 3 (RGB), got " + channels);
            }
            int[] size = options.has("size") ? WindowOptions.perAxis(options, "size", 2, 1, 1) : null;
            String onError = options.getString("on_error", "stop");
            if (!onError.equals("stop") && !onError.equals("skip")) {
                throw new OptionException(options.pathOf("on_error"), "expected stop or skip, got \"" + onError + "\"");
            }
            return new ImageFolderSource(context.folder(options, "path"), channels, size, onError.equals("skip"), options);
        }
    }
}
