package io.kdprivacy.results;

/**
 * A piece of member text the audit found most exposed — present only when the user opted in
 * ({@code kdprivacy.excerpts}); canary secrets are masked even then.
 *
 * @param model    model role whose scores ranked the example
 * @param attack   attack whose score ranked it
 * @param rank     1 = most member-like
 * @param score    the attack's score (higher = more member-like)
 * @param prompt   the prompt, shortened
 * @param response the response, shortened
 */
public record Excerpt(String model, String attack, int rank, double score, String prompt, String response) {
}
