package io.kdprivacy.maven.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.maven.baseline.MetricComparison.Status;
import io.kdprivacy.maven.metrics.MetricKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    static MetricKey key(String metric, String attack) {
        return new MetricKey("T", "GKD", "student", metric, attack);
    }

    static Baseline baseline(Map<MetricKey, Double> values) {
        return Baseline.of(values.entrySet().stream().map(e -> BaselineEntry.of(e.getKey(), e.getValue())).toList());
    }

    static final Tolerances TOLERANCES = new Tolerances(new ToleranceRule(0.02, 0))
            .override("canaries.meanExposure", 0.0, 0.1);

    @Test
    void classifiesEveryKeyOfResultsAndBaseline() {
        MetricKey same = key("membership.auc", "LOSS");
        MetricKey worse = key("membership.auc", "MIN_K");
        MetricKey better = key("memorization.gap", null);
        MetricKey exposure = key("canaries.meanExposure", null);
        MetricKey gone = key("canaries.extractionRate", null);
        MetricKey fresh = key("blocks.auc", null);
        Baseline baseline = baseline(Map.of(same, 0.6, worse, 0.6, better, 0.1, exposure, 4.0, gone, 0.1));
        Map<MetricKey, Double> current = Map.of(same, 0.615, worse, 0.63, better, 0.05, exposure, 4.35, fresh, 0.7);

        Comparison comparison = Comparison.of(current, baseline, TOLERANCES);

        assertThat(comparison.rows()).extracting(MetricComparison::key).isSorted().hasSize(6);
        assertThat(comparison.with(Status.WITHIN_TOLERANCE)).extracting(MetricComparison::key)
                .containsExactlyInAnyOrder(same, exposure);
        assertThat(comparison.with(Status.REGRESSED)).singleElement()
                .isEqualTo(new MetricComparison(worse, 0.6, 0.63, 0.02, Status.REGRESSED));
        assertThat(comparison.with(Status.IMPROVED)).extracting(MetricComparison::key).containsExactly(better);
        assertThat(comparison.with(Status.MISSING)).singleElement()
                .isEqualTo(new MetricComparison(gone, 0.1, null, 0.02, Status.MISSING));
        assertThat(comparison.with(Status.NEW)).singleElement()
                .isEqualTo(new MetricComparison(fresh, null, 0.7, 0, Status.NEW));
        assertThat(comparison.of("T", "GKD")).hasSize(6);
        assertThat(comparison.of("T", "KD")).isEmpty();
    }

    @Test
    void relativeToleranceScalesWithTheBaseline() {
        MetricKey exposure = key("canaries.meanExposure", null);
        Comparison comparison = Comparison.of(Map.of(exposure, 4.5), baseline(Map.of(exposure, 4.0)), TOLERANCES);
        assertThat(comparison.rows()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.REGRESSED);
            assertThat(r.allowed()).isEqualTo(0.4);
        });
        assertThat(Comparison.of(Map.of(), Baseline.empty(), TOLERANCES).rows()).isEqualTo(List.of());
    }

    @Test
    void aRougeLDropIsTheRegressionAndARiseTheImprovement() {
        MetricKey dropped = key("utility.rougeL", null);
        MetricKey rose = new MetricKey("T", "KD", "student", "utility.rougeL", null);
        MetricKey steady = new MetricKey("T", "SeqKD", "student", "utility.rougeL", null);
        Baseline baseline = baseline(Map.of(dropped, 0.30, rose, 0.30, steady, 0.30));
        Comparison comparison = Comparison.of(Map.of(dropped, 0.27, rose, 0.33, steady, 0.285), baseline, TOLERANCES);
        assertThat(comparison.with(Status.REGRESSED)).singleElement()
                .isEqualTo(new MetricComparison(dropped, 0.30, 0.27, 0.02, Status.REGRESSED));
        assertThat(comparison.with(Status.IMPROVED)).extracting(MetricComparison::key).containsExactly(rose);
        assertThat(comparison.with(Status.WITHIN_TOLERANCE)).extracting(MetricComparison::key).containsExactly(steady);
    }

    @Test
    void aPerplexityRiseBeyondFivePercentIsTheRegression() {
        MetricKey rose = key("utility.perplexity", null);
        MetricKey fell = new MetricKey("T", "KD", "student", "utility.perplexity", null);
        MetricKey steady = new MetricKey("T", "SeqKD", "student", "utility.perplexity", null);
        Baseline baseline = baseline(Map.of(rose, 10.0, fell, 10.0, steady, 10.0));
        // 5 % of 10 = 0.5 allowed (the default absolute 0.02 would flag any noise)
        Comparison comparison = Comparison.of(Map.of(rose, 10.6, fell, 9.4, steady, 10.4), baseline, TOLERANCES);
        assertThat(comparison.with(Status.REGRESSED)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(rose);
            assertThat(r.allowed()).isEqualTo(0.5);
        });
        assertThat(comparison.with(Status.IMPROVED)).extracting(MetricComparison::key).containsExactly(fell);
        assertThat(comparison.with(Status.WITHIN_TOLERANCE)).extracting(MetricComparison::key).containsExactly(steady);
        Tolerances strict = new Tolerances(new ToleranceRule(0.02, 0)).override("utility.perplexity", null, 0.01);
        assertThat(strict.of("utility.perplexity")).isEqualTo(new ToleranceRule(0.02, 0.01));
        assertThat(strict.of("utility.rougeL")).isEqualTo(new ToleranceRule(0.02, 0));
    }
}
