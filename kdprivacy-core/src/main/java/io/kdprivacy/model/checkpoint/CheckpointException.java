package io.kdprivacy.model.checkpoint;

/** Thrown when a checkpoint or safetensors file is missing, malformed, corrupt or cannot be written. */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message (which should name the file and the problem). */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
