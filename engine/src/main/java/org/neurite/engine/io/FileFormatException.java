package org.neurite.engine.io;

import org.neurite.api.DataFileException;

/**
 * Thrown when the content of a file (or of text read as one) does not follow the format its
 * reader expects. The message names the file, the place in it (a byte offset, a line and
 * column, a tensor) and what was expected against what was found, for example
 * {@code "train-images-idx3-ubyte.gz: byte 2: expected data type 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E, found 0x07"}.
 */
public class FileFormatException extends DataFileException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param source the file or other source that was read
     * @param location where in it the problem is, such as {@code "byte 16"} or {@code "line 3, column 7"}
     * @param problem what was expected and what was found
     */
    public FileFormatException(String source, String location, String problem) {
        super(source, location, problem);
    }

    /**
     * Creates the exception for a problem with the file as a whole, such as a file of another kind.
     *
     * @param source the file that was read
     * @param problem what was expected and what was found
     */
    public FileFormatException(String source, String problem) {
        super(source, problem);
    }

    /**
     * Creates the exception for a problem caused by another one, such as a corrupt gzip stream.
     *
     * @param source the file or other source that was read
     * @param location where in it the problem is
     * @param problem what was expected and what was found
     * @param cause the underlying exception
     */
    public FileFormatException(String source, String location, String problem, Throwable cause) {
        this(source, location, problem);
        initCause(cause);
    }
}
