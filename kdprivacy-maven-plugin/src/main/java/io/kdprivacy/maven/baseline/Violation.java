package io.kdprivacy.maven.baseline;

import io.kdprivacy.maven.metrics.MetricKey;
import io.kdprivacy.maven.text.TextTable;
import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.chart.Numbers;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One reason the privacy gate fails.
 *
 * @param problem   what is wrong, e.g. {@code regressed} or {@code gate FAILED (isBelow 0.7)}
 * @param key       test, technique, model, metric and attack concerned
 * @param baseline  the baseline value, or null
 * @param current   the current value (for a gate: the number it decided on), or null
 * @param tolerance the allowed change, or null
 */
public record Violation(String problem, MetricKey key, Double baseline, Double current, Double tolerance) {

    private static final List<String> HEADER = List.of("problem", "test", "technique", "model", "metric", "attack",
            "baseline", "current", "tolerance");

    /** The violation a regressed or missing metric stands for. */
    public static Violation of(MetricComparison row) {
        String problem = switch (row.status()) {
            case REGRESSED -> "regressed";
            case MISSING -> "no result";
            default -> throw new IllegalArgumentException(row.status() + " is no violation");
        };
        return new Violation(problem, row.key(), row.baseline(), row.current(), row.allowed());
    }

    /** The violation a failed or inconclusive assertion of {@code report} stands for. */
    public static Violation of(PrivacyReport report, AssertionRecord assertion) {
        MetricKey key = new MetricKey(report.testId(), report.technique(), Objects.toString(assertion.model(), "-"),
                Objects.toString(assertion.metric(), "-"), assertion.attack());
        return new Violation("gate " + assertion.outcome() + " (" + assertion.comparison() + " "
                + Numbers.format(assertion.limit()) + ")", key, null, assertion.decidedOn(), null);
    }

    /** The violations as an aligned table, one string a line. */
    public static List<String> table(List<Violation> violations) {
        TextTable table = new TextTable(HEADER);
        violations.forEach(v -> table.row(Arrays.asList(v.problem, v.key.test(), v.key.technique(), v.key.model(),
                v.key.metric(), v.key.attack(), Numbers.format(v.baseline), Numbers.format(v.current),
                Numbers.format(v.tolerance))));
        return table.lines();
    }
}
