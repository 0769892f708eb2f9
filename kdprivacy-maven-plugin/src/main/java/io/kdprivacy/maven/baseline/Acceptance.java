package io.kdprivacy.maven.baseline;

/**
 * A regression someone accepted explicitly, kept in the baseline so it can be audited.
 *
 * @param from   the baseline value before
 * @param to     the worse value accepted
 * @param by     who accepted it
 * @param at     when, as an ISO-8601 instant
 * @param reason why
 */
public record Acceptance(double from, double to, String by, String at, String reason) {
}
