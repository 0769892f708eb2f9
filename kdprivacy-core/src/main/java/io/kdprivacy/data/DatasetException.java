package io.kdprivacy.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/** A dataset file that is missing, unreadable or malformed; the message names the file and line. */
public final class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * Creates an exception about one line of a file.
     *
     * @param file the dataset file
     * @param line the 1-based line number, or 0 when the problem concerns the whole file
     * @param message what is wrong
     * @param cause the underlying error, or null
     */
    public DatasetException(Path file, int line, String message, Throwable cause) {
        super(format(file, line, message), cause);
        this.file = file;
        this.line = line;
    }

    /** Creates an exception about a whole file (no line number). */
    public DatasetException(Path file, String message, Throwable cause) {
        this(file, 0, message, cause);
    }

    /** Returns the dataset file. */
    public Path file() {
        return file;
    }

    /** Returns the 1-based line number, if the problem concerns a single line. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    private static String format(Path file, int line, String message) {
        Objects.requireNonNull(file, "file");
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
