package org.neurite.api;

/**
 * Thrown when the content of a data file does not follow its format. The message names the
 * file, the place in it (a byte offset, a line and column) and what is wrong, for example
 * {@code "input.txt: byte 1042: not UTF-8 (byte 0xFF cannot start a character)"}.
 */
public class DataFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;

    /**
     * @param source the file that was read
     * @param location where in it the problem is, such as {@code "byte 16"} or {@code "line 3, column 7"}
     * @param problem what was expected and what was found
     */
    public DataFileException(String source, String location, String problem) {
        super(source + ": " + location + ": " + problem);
        this.source = source;
        this.location = location;
    }

    /**
     * For a problem with the file as a whole, such as a file of another kind: the message is
     * {@code "FILE: PROBLEM"}, with no place in it.
     *
     * @param source the file that was read
     * @param problem what was expected and what was found
     */
    public DataFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.location = "";
    }

    /** @return the file that was read */
    public String source() {
        return source;
    }

    /** @return where in the file the problem is; empty when it is the file as a whole */
    public String location() {
        return location;
    }
}
