package org.neurite.engine.inference;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

/**
 * Reads an image file as a model's raw input: its pixels as values from 0 to 255, laid out as
 * the model's input shape says ({@code [channels, height, width]} with 1 or 3 channels, or
 * {@code [height, width]} for grey images). Grey is computed from colour as PIL's mode "L"
 * ({@code (299 R + 587 G + 114 B) / 1000}, in whole numbers), as the {@code image_folder}
 * source reads training images, so the model's pre-processing then scales them the same way.
 */
final class ImageInput {

    private final Shape input;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * @param input the model's per-sample input shape
     * @throws IllegalArgumentException if that shape is not an image's
     */
    ImageInput(Shape input) {
        this.input = input;
        if (input.rank() == 3 && (input.dim(0) == 1 || input.dim(0) == 3)) {
            channels = input.dim(0);
            height = input.dim(1);
            width = input.dim(2);
        } else if (input.rank() == 2) {
            channels = 1;
            height = input.dim(0);
            width = input.dim(1);
        } else {
            throw new IllegalArgumentException("the model's input " + input + " is not an image: image files need an"
                    + " input of [channels, height, width] (1 or 3 channels) or [height, width]");
        }
    }

    /**
     * @param file a PNG, JPEG, GIF or BMP file
     * @return its raw pixel values in the model's input layout
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read
     * @throws FileFormatException if it is not an image ImageIO reads, or a damaged one
     * @throws IllegalArgumentException if it is not of the model's size
     */
    float[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            // a damaged image: ImageIO's message ("I/O error reading PNG header!") does not name the file
            FileFormatException damaged = new FileFormatException(file.toString(), "cannot be read as an image ("
                    + e.getMessage() + ")");
            damaged.initCause(e);
            throw damaged;
        }
        if (image == null) {
            // ImageIO finds no reader whose format the file's first bytes announce
            throw new FileFormatException(file.toString(), "header", "not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        }
        if (image.getHeight() != height || image.getWidth() != width) {
            throw new IllegalArgumentException(file + ": the image is " + image.getWidth() + "x" + image.getHeight()
                    + " pixels (width x height), but the model takes " + width + "x" + height + " images (input "
                    + input + ") and its pre-processing does not resize; resize the image first");
        }
        return pixels(image);
    }

    private float[] pixels(BufferedImage image) {
        int plane = height * width;
        float[] out = new float[channels * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int p = y * width + x;
                if (channels == 1) {
                    out[p] = (r * 299 + g * 587 + b * 114) / 1000;
                } else {
                    out[p] = r;
                    out[plane + p] = g;
                    out[2 * plane + p] = b;
                }
            }
        }
        return out;
    }
}
