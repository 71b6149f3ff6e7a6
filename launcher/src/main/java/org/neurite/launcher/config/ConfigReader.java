package org.neurite.launcher.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.neurite.engine.data.source.Utf8Text;
import org.neurite.engine.io.FileFormatException;

/**
 * Reads YAML or JSON run configs with Jackson's streaming parser into plain values, keeping
 * the line of every key and list item, so that later checks can say where a problem was
 * written. Files ending in {@code .json} are read as JSON, everything else as YAML.
 */
public final class ConfigReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private ConfigReader() {
    }

    /**
     * Reads a config file.
     *
     * @param file the file
     * @return the document: its values and where each was written
     * @throws ConfigException if the file is missing, not valid YAML or JSON, or not a map at
     *     the top, naming the file and line
     * @throws IOException if the file cannot be read
     */
    public static ConfigDocument read(Path file) throws IOException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(name, "is a folder; expected a config file (YAML or JSON)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name, "no such config file");
        }
        String text;
        try {
            text = Utf8Text.decode(Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "no such config file");
        } catch (FileFormatException e) {
            // the message leads with the file's name, which the config error puts in front itself
            throw new ConfigException(name, e.getMessage().substring(name.length() + 2));
        }
        Path folder = file.toAbsolutePath().getParent();
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return read(text, name, folder, json);
    }

    /**
     * Reads config text.
     *
     * @param text the YAML or JSON text
     * @param source its name in messages, such as {@code config.yaml}
     * @param folder the folder relative paths are resolved against
     * @param json whether the text is JSON (else YAML)
     * @return the document
     * @throws ConfigException if the text is not valid or not a map at the top
     */
    public static ConfigDocument read(String text, String source, Path folder, boolean json) {
        Map<String, Integer> lines = new HashMap<>();
        Object value = parse(text, source, json, lines);
        if (!(value instanceof Map<?, ?>)) {
            throw new ConfigException(source + (value == null ? "" : ":1"),
                    "expected a map of settings (name, seed, data, model, loss, optimizer, training), found "
                            + (value == null ? "an empty file" : describe(value)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value;
        return new ConfigDocument(source, folder, root, lines);
    }

    /**
     * Reads one YAML value, as written after {@code --set key=}: {@code 3}, {@code 0.1},
     * {@code relu}, {@code [64, 32]} or {@code {name: adam, lr: 0.01}}.
     *
     * @param text the value's text
     * @param source how to name it in messages
     * @return the value; {@code null} for empty text
     * @throws ConfigException if the text is not valid YAML
     */
    static Object readValue(String text, String source) {
        return parse(text, source, false, new HashMap<>());
    }

    private static Object parse(String text, String source, boolean json, Map<String, Integer> lines) {
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            Object value = readValue(parser, "", lines, new HashMap<>(), source);
            if (parser.nextToken() != null) {
                throw new ConfigException(source + ":" + parser.currentTokenLocation().getLineNr(),
                        "expected the end of the " + (json ? "JSON" : "YAML") + " document, found more content");
            }
            return value;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                throw syntaxError(source, yaml);
            }
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new ConfigException(source + (line > 0 ? ":" + line : ""),
                    "not valid " + (json ? "JSON" : "YAML") + (column > 0 ? " at column " + column : "") + ": "
                            + firstLine(message));
        } catch (IOException e) {
            // reading a string does not fail otherwise
            throw new ConfigException(source, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The parser's problem (such as {@code expected ',' or '}', but got <scalar>}) at its own line
     * and column, with what it was parsing when it started there (its context), if elsewhere.
     */
    private static ConfigException syntaxError(String source, MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        Mark context = e.getContextMark();
        String at = "line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1);
        String while_ = e.getContext() == null ? "" : " (" + e.getContext().strip()
                + (context == null ? "" : " that starts at line " + (context.getLine() + 1) + ", column "
                        + (context.getColumn() + 1)) + ")";
        String why = e.getProblem() == null ? "" : e.getProblem().strip();
        return new ConfigException(source + ":" + (problem.getLine() + 1),
                "not valid YAML at " + at + ": " + why.replaceAll("\\s*\\R\\s*", " ") + while_);
    }

    /** Reads the value at the current token, keeping it under its anchor ({@code &name}) if it has one. */
    private static Object readValue(JsonParser p, String path, Map<String, Integer> lines, Map<String, Object> anchors,
                                    String source) throws IOException {
        String anchor = p instanceof YAMLParser yaml && !yaml.isCurrentAlias() ? yaml.getCurrentAnchor() : null;
        Object value = readOne(p, path, lines, anchors, source);
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private static Object readOne(JsonParser p, String path, Map<String, Integer> lines, Map<String, Object> anchors,
                                  String source) throws IOException {
        JsonToken token = p.currentToken();
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // an alias (*name) stands for the value its anchor (&name) marked: expanded, as if written again
            Object anchored = anchors.get(p.getText());
            if (anchored == null) {
                throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr(), (path.isEmpty() ? ""
                        : path + ": ") + "the alias *" + p.getText() + " names no anchor (&" + p.getText()
                        + ") written before it");
            }
            return ConfigDocument.copy(anchored);
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int line = p.currentTokenLocation().getLineNr();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (map.containsKey(key)) {
                        throw new ConfigException(source + ":" + line, child + ": the key is given twice");
                    }
                    lines.put(child, line);
                    p.nextToken();
                    map.put(key, readValue(p, child, lines, anchors, source));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + list.size() + "]";
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    list.add(readValue(p, child, lines, anchors, source));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr(),
                    (path.isEmpty() ? "" : path + ": ") + "unexpected " + token);
        }
    }

    private static String describe(Object value) {
        return value instanceof List<?> ? "a list" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
