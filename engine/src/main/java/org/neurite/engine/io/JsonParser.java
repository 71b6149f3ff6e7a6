package org.neurite.engine.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses JSON text for {@link Json}: a recursive-descent reader over one string. */
final class JsonParser {

    /** Deeper nesting than this is refused, so hostile input cannot overflow the stack. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private final String source;
    private int pos;

    JsonParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    Object parseDocument() {
        // A byte order mark is not JSON, but editors write one; skip it.
        if (text.startsWith("\uFEFF")) {
            pos = 1;
        }
        skipWhitespace();
        Object value = parseValue(0);
        skipWhitespace();
        if (pos < text.length()) {
            throw error(pos, "expected the end of the text after the value, found " + describe(pos));
        }
        return value;
    }

    private Object parseValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw error(pos, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error(pos, "expected a value, found the end of the text");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> parseObject(depth);
            case '[' -> parseArray(depth);
            case '"' -> parseString();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield parseNumber();
                }
                throw error(pos, "expected a value, found " + describe(pos));
            }
        };
    }

    private Map<String, Object> parseObject(int depth) {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error(pos, "expected a string key, found " + describe(pos));
            }
            int keyStart = pos;
            String key = parseString();
            if (map.containsKey(key)) {
                throw error(keyStart, "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, parseValue(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return map;
            } else {
                throw error(pos, "expected ',' or '}' in an object, found " + describe(pos));
            }
        }
    }

    private List<Object> parseArray(int depth) {
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(parseValue(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return list;
            } else {
                throw error(pos, "expected ',' or ']' in an array, found " + describe(pos));
            }
        }
    }

    private String parseString() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "string is not closed before the end of the text");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error(pos, "expected a printable character or an escape in a string, found " + describe(pos));
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            int escape = pos;
            pos++;
            if (pos >= text.length()) {
                throw error(start, "string is not closed before the end of the text");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(parseHex4(escape));
                default -> throw error(escape, "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found \\" + e);
            }
        }
    }

    private char parseHex4(int escape) {
        if (pos + 4 > text.length()) {
            throw error(escape, "expected four hex digits after \\u, found the end of the text");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error(escape, "expected four hex digits after \\u, found \"" + text.substring(pos, pos + 4) + "\"");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object parseNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error(pos, "expected a digit, found " + describe(pos));
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error(pos, "expected a digit after the decimal point, found " + describe(pos));
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error(pos, "expected a digit in the exponent, found " + describe(pos));
            }
            digits();
        }
        String number = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException tooLarge) {
                return finite(Double.parseDouble(number), start, number);
            }
        }
        return finite(Double.parseDouble(number), start, number);
    }

    /** A number beyond the range of a double would silently become an infinity: refused where it is written. */
    private double finite(double value, int at, String text) {
        if (Double.isInfinite(value)) {
            throw error(at, "expected a number within the range of a double (about ±1.8e308), found " + text);
        }
        return value;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error(pos, "expected " + word + ", found " + describe(pos));
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos, "expected '" + c + "', found " + describe(pos));
        }
        pos++;
    }

    /** @return the character at the cursor, or -1 at the end */
    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "the end of the text";
        }
        char c = text.charAt(at);
        if (c < 0x20 || c == 0x7f) {
            return String.format("character U+%04X", (int) c);
        }
        // Show the start of the offending token, which is what a reader looks for.
        int end = at + 1;
        while (end < text.length() && end - at < 12 && Character.isLetterOrDigit(text.charAt(end))
                && Character.isLetterOrDigit(c)) {
            end++;
        }
        return "'" + text.substring(at, end) + "'";
    }

    private FileFormatException error(int at, String problem) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new FileFormatException(source, "line " + line + ", column " + column, problem);
    }
}
