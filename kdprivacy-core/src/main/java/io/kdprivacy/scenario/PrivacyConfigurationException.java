package io.kdprivacy.scenario;

/**
 * A privacy test is configured in a way that cannot work (unknown technique, missing data file, student
 * bigger than its teacher, a limit outside [0, 1], ...). Raised before any model is trained.
 */
public final class PrivacyConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PrivacyConfigurationException(String message) {
        super(message);
    }

    public PrivacyConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
