package io.kdprivacy.maven.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.metrics.MetricKey;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {

    private static ResultSet results(String... outcomes) {
        List<LoadedReport> reports = new java.util.ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            reports.add(new LoadedReport(Path.of("r" + i + ".json"), Fixtures.report("T" + i, "GKD", 0.6, outcomes[i])));
        }
        return ResultSet.of(reports);
    }

    private static List<Violation> violations(Gate gate, ResultSet results, Baseline baseline) {
        return gate.violations(results, Comparison.of(results.values(), baseline, ComparisonTest.TOLERANCES));
    }

    @Test
    void assertionsThatDidNotPassFailInconclusiveOnlyIfConfigured() {
        ResultSet results = results("PASSED", "FAILED", "INCONCLUSIVE", "SOMETHING_NEW");
        assertThat(violations(new Gate(true, true), results, Baseline.empty()))
                .extracting(Violation::problem)
                .containsExactly("gate FAILED (isBelow 0.7)", "gate INCONCLUSIVE (isBelow 0.7)",
                        "gate SOMETHING_NEW (isBelow 0.7)");
        assertThat(violations(new Gate(false, true), results, Baseline.empty()))
                .extracting(v -> v.key().test()).containsExactly("T1", "T3");
        Violation failed = violations(new Gate(true, true), results, Baseline.empty()).get(0);
        assertThat(failed.key()).isEqualTo(new MetricKey("T1", "GKD", "student", "membership.auc", "LOSS"));
        assertThat(failed.current()).isEqualTo(0.65);
        assertThat(failed.baseline()).isNull();
    }

    @Test
    void regressionsAndMissingResultsFollowTheGates() {
        ResultSet results = results("FAILED");
        MetricKey auc = new MetricKey("T0", "GKD", "student", "membership.auc", "LOSS");
        MetricKey gone = new MetricKey("Gone", "KD", "student", "membership.auc", "LOSS");
        Baseline baseline = ComparisonTest.baseline(Map.of(auc, 0.55, gone, 0.5));

        assertThat(violations(new Gate(true, true), results, baseline))
                .extracting(Violation::problem, v -> v.key().test(), Violation::baseline, Violation::current,
                        Violation::tolerance)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("gate FAILED (isBelow 0.7)", "T0", null, 0.65, null),
                        org.assertj.core.groups.Tuple.tuple("regressed", "T0", 0.55, 0.6, 0.02),
                        org.assertj.core.groups.Tuple.tuple("no result", "Gone", 0.5, null, 0.02));
        assertThat(violations(new Gate(true, false), results, baseline)).extracting(Violation::problem)
                .doesNotContain("no result");
    }

    @Test
    void tableIsAlignedWithDashesForAbsentValues() {
        List<String> lines = Violation.table(List.of(
                new Violation("regressed", new MetricKey("SupportBotTest#gate", "GKD", "student", "membership.auc",
                        "LOSS"), 0.6, 0.65, 0.02),
                new Violation("gate FAILED (isBelow 0.7)", new MetricKey("T", null, "student", "memorization.gap", null),
                        null, 0.71, null)));
        assertThat(lines).containsExactly(
                "problem                    test                 technique  model    metric            attack  baseline  current  tolerance",
                "-------------------------  -------------------  ---------  -------  ----------------  ------  --------  -------  ---------",
                "regressed                  SupportBotTest#gate  GKD        student  membership.auc    LOSS    0.6       0.65     0.02",
                "gate FAILED (isBelow 0.7)  T                    -          student  memorization.gap  -       -         0.71     -");
    }
}
