package io.kdprivacy.data;

import java.util.Objects;

/**
 * A planted secret. {@link #toString()} omits the secret, so a canary printed into a log or report
 * does not leak it.
 *
 * @param id     stable identifier, safe to report
 * @param kind   the secret's format
 * @param prompt the text before the secret, e.g. "The account number of customer 17 is"
 * @param secret the secret itself; never put it into results
 */
public record Canary(String id, CanaryKind kind, String prompt, String secret) {

    public Canary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(secret, "secret");
        if (!kind.pattern().matcher(secret).matches()) {
            throw new IllegalArgumentException("canary " + id + ": secret does not match the " + kind + " format");
        }
    }

    /** The response that carries a secret: a space, then the secret. */
    public static String response(String secret) {
        return " " + secret;
    }

    /** The training example: the prompt, then {@link #response(String) " secret"}. */
    public Example example() {
        return new Example(prompt, response(secret));
    }

    @Override
    public String toString() {
        return "Canary[id=" + id + ", kind=" + kind + "]";
    }
}
