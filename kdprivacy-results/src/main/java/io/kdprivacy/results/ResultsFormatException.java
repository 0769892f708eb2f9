package io.kdprivacy.results;

import java.nio.file.Path;

/** A results file that cannot be read: malformed JSON, a missing field, or an unsupported schema version. */
public final class ResultsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResultsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
