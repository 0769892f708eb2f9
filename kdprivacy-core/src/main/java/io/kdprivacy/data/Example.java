package io.kdprivacy.data;

import java.util.Objects;

/**
 * One training or evaluation example: a prompt and the response a model should produce.
 *
 * @param prompt the prompt, not null (may be empty)
 * @param response the response, not null (may be empty)
 */
public record Example(String prompt, String response) {

    /** Rejects null fields. */
    public Example {
        Objects.requireNonNull(prompt, "prompt must not be null");
        Objects.requireNonNull(response, "response must not be null");
    }

    /** Returns the full text, {@code prompt + response}. */
    public String text() {
        return prompt + response;
    }
}
