package io.kdprivacy.maven.baseline;

import java.nio.file.Path;

/** A baseline file that cannot be read: malformed JSON, a wrong entry, or an unsupported version. */
public final class BaselineFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public BaselineFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
