package io.kdprivacy.maven.baseline;

import static io.kdprivacy.maven.baseline.ComparisonTest.TOLERANCES;
import static io.kdprivacy.maven.baseline.ComparisonTest.baseline;
import static io.kdprivacy.maven.baseline.ComparisonTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.maven.baseline.BaselineUpdate.Approval;
import io.kdprivacy.maven.metrics.MetricKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaselineUpdateTest {

    private static final MetricKey SAME = key("membership.auc", "LOSS");
    private static final MetricKey BETTER = key("memorization.gap", null);
    private static final MetricKey GONE = key("canaries.extractionRate", null);
    private static final MetricKey FRESH = key("blocks.auc", null);
    private static final MetricKey WORSE = key("membership.auc", "MIN_K");

    private static final Baseline BEFORE = baseline(Map.of(SAME, 0.6, BETTER, 0.1, GONE, 0.1));
    private static final Map<MetricKey, Double> CURRENT = Map.of(SAME, 0.61, BETTER, 0.05, FRESH, 0.7);
    private static final Approval APPROVAL = new Approval("alice", "2026-11-29T03:00:00Z", "bigger student");

    private static BaselineUpdate update(Baseline before, Map<MetricKey, Double> current, boolean ratchet) {
        return new BaselineUpdate(before, Comparison.of(current, before, TOLERANCES), ratchet);
    }

    @Test
    void addsNewMetricsAndKeepsTheRestWithoutRatchet() {
        BaselineUpdate update = update(BEFORE, CURRENT, false);
        Baseline after = update.apply(Optional.empty());
        assertThat(after.value(FRESH)).isEqualTo(0.7);
        assertThat(after.value(SAME)).isEqualTo(0.6);
        assertThat(after.value(BETTER)).isEqualTo(0.1);
        assertThat(after.value(GONE)).isEqualTo(0.1);
        assertThat(update.added()).hasSize(1);
        assertThat(update.improved()).hasSize(1);
        assertThat(update.lowered()).isEmpty();
        assertThat(update.missing()).extracting(MetricComparison::key).containsExactly(GONE);
        assertThat(update.kept()).isEqualTo(3);
    }

    @Test
    void ratchetLowersClearImprovementsOnly() {
        BaselineUpdate update = update(BEFORE, Map.of(SAME, 0.59, BETTER, 0.05), true);
        Baseline after = update.apply(Optional.empty());
        assertThat(after.value(BETTER)).isEqualTo(0.05);
        assertThat(after.value(SAME)).as("within tolerance: noise, not an improvement").isEqualTo(0.6);
        assertThat(update.lowered()).extracting(MetricComparison::key).containsExactly(BETTER);
        assertThat(update.kept()).isEqualTo(2);
    }

    @Test
    void regressionsNeedAnApprovalWhichIsRecorded() {
        Baseline before = baseline(Map.of(WORSE, 0.6, SAME, 0.6));
        BaselineUpdate update = update(before, Map.of(WORSE, 0.65, SAME, 0.6), true);
        assertThat(update.regressions()).extracting(MetricComparison::key).containsExactly(WORSE);
        assertThatThrownBy(() -> update.apply(Optional.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 regression(s) need an approval");

        Baseline after = update.apply(Optional.of(APPROVAL));
        assertThat(after.entries().get(WORSE).value()).isEqualTo(0.65);
        assertThat(after.entries().get(WORSE).accepted())
                .containsExactly(new Acceptance(0.6, 0.65, "alice", "2026-11-29T03:00:00Z", "bigger student"));
        assertThat(after.entries().get(SAME).accepted()).isEmpty();

        Baseline later = update(after, Map.of(WORSE, 0.5, SAME, 0.6), true).apply(Optional.empty());
        assertThat(later.entries().get(WORSE).value()).isEqualTo(0.5);
        assertThat(later.entries().get(WORSE).accepted()).as("history survives a ratchet").hasSize(1);
    }

    @Test
    void anApprovalNeedsAReasonAndAName() {
        assertThatThrownBy(() -> new Approval("alice", "now", " ")).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> new Approval("alice", "now", null)).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> new Approval("", "now", "why")).hasMessageContaining("needs a name");
    }

    @Test
    void anUnchangedRunLeavesTheBaselineEqual() {
        Baseline after = update(BEFORE, Map.of(SAME, 0.6, BETTER, 0.1, GONE, 0.1), true).apply(Optional.empty());
        assertThat(after).isEqualTo(BEFORE);
        assertThat(after.sortedEntries()).extracting(BaselineEntry::key).isSorted();
        assertThat(List.copyOf(after.entries().keySet())).containsExactly(GONE, SAME, BETTER);
    }

    @Test
    void ratchetRaisesAClearRougeLGainAndARougeLDropNeedsApproval() {
        MetricKey rougeL = key("utility.rougeL", null);
        Baseline before = baseline(Map.of(rougeL, 0.30));
        Baseline raised = update(before, Map.of(rougeL, 0.36), true).apply(Optional.empty());
        assertThat(raised.value(rougeL)).isEqualTo(0.36);
        BaselineUpdate dropped = update(before, Map.of(rougeL, 0.25), true);
        assertThat(dropped.regressions()).extracting(MetricComparison::key).containsExactly(rougeL);
        assertThatThrownBy(() -> dropped.apply(Optional.empty())).isInstanceOf(IllegalStateException.class);
    }
}
