package io.kdprivacy.maven.baseline;

import io.kdprivacy.maven.baseline.MetricComparison.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What updating the baseline from current results does: new metrics are added; clear improvements lower
 * the baseline when ratcheting; regressions beyond the tolerance change it only when accepted with a
 * reason, which is recorded in the entry. Values within the tolerance and entries without a result are
 * kept as they are.
 *
 * @param baseline   the baseline before
 * @param comparison current results against it
 * @param ratchet    whether improvements lower the baseline
 */
public record BaselineUpdate(Baseline baseline, Comparison comparison, boolean ratchet) {

    /**
     * Who accepts the regressions, when and why.
     *
     * @param by     name of the person
     * @param at     ISO-8601 instant
     * @param reason why the worse values are acceptable (not blank)
     */
    public record Approval(String by, String at, String reason) {

        public Approval {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("accepting a regression needs a reason");
            }
            if (by == null || by.isBlank()) {
                throw new IllegalArgumentException("accepting a regression needs a name");
            }
        }
    }

    /** Metrics measured for the first time. */
    public List<MetricComparison> added() {
        return comparison.with(Status.NEW);
    }

    /** Improvements beyond the tolerance: lowered when ratcheting, kept otherwise. */
    public List<MetricComparison> improved() {
        return comparison.with(Status.IMPROVED);
    }

    /** Improvements that lower the baseline: {@link #improved()} when ratcheting, none otherwise. */
    public List<MetricComparison> lowered() {
        return ratchet ? improved() : List.of();
    }

    /** Regressions beyond the tolerance, which need an approval. */
    public List<MetricComparison> regressions() {
        return comparison.with(Status.REGRESSED);
    }

    /** Baseline entries no result has; they are kept. */
    public List<MetricComparison> missing() {
        return comparison.with(Status.MISSING);
    }

    /** How many entries keep their value: within tolerance, improved without ratchet, or without a result. */
    public int kept() {
        return comparison.rows().size() - added().size() - lowered().size() - regressions().size();
    }

    /**
     * The updated baseline.
     *
     * @param approval who accepts the regressions; may be empty only if there are none
     * @throws IllegalStateException if there are regressions and no approval
     */
    public Baseline apply(Optional<Approval> approval) {
        if (!regressions().isEmpty() && approval.isEmpty()) {
            throw new IllegalStateException(regressions().size() + " regression(s) need an approval");
        }
        List<BaselineEntry> entries = new ArrayList<>();
        for (MetricComparison row : comparison.rows()) {
            BaselineEntry old = baseline.entries().get(row.key());
            entries.add(switch (row.status()) {
                case NEW -> BaselineEntry.of(row.key(), row.current());
                case IMPROVED -> ratchet ? old.withValue(row.current()) : old;
                case REGRESSED -> old.accept(new Acceptance(row.baseline(), row.current(), approval.get().by(),
                        approval.get().at(), approval.get().reason()));
                case WITHIN_TOLERANCE, MISSING -> old;
            });
        }
        return Baseline.of(entries);
    }
}
