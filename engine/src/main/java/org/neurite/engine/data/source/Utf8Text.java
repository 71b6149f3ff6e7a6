package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.neurite.engine.io.FileFormatException;

/** Reads text as UTF-8, naming the file and the byte offset of the first byte that is not UTF-8. */
public final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * @param file the file
     * @return its text, a leading byte-order mark removed
     * @throws IOException if it cannot be read
     * @throws FileFormatException if it is not UTF-8, naming the byte offset; or if it is empty
     */
    public static String read(Path file) throws IOException {
        String text = decode(Files.readAllBytes(file), file.toString());
        if (text.isEmpty()) {
            throw new FileFormatException(file.toString(), "byte 0", "the file holds no text");
        }
        return text;
    }

    /**
     * @param bytes bytes read from a file
     * @param source the file's name in messages
     * @return their text, a leading byte-order mark removed; empty for no bytes
     * @throws FileFormatException if they are not UTF-8, naming the byte offset and the bytes
     */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            StringBuilder found = new StringBuilder();
            for (int i = at; i < Math.min(at + result.length(), bytes.length); i++) {
                found.append(String.format(Locale.ROOT, " 0x%02X", bytes[i] & 0xFF));
            }
            throw new FileFormatException(source, "byte " + at, "not UTF-8 text: the bytes" + found
                    + " are no UTF-8 character");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
