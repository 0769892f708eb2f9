package io.kdprivacy.maven.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kdprivacy.results.CanaryMetrics;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultSetTest {

    @TempDir
    Path dir;

    private static MetricKey key(String model, MetricId metric, String attack) {
        return new MetricKey("T#a", "GKD", model, metric.id(), attack);
    }

    @Test
    void extractsEveryComparedMetricPerModelAndAttack() throws Exception {
        Fixtures.write(dir, "a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        ResultSet results = ResultSet.read(dir);

        assertThat(results.reports()).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo(dir.resolve("a.json")));
        var values = results.values();
        assertThat(values.get(key("student", MetricId.MEMBERSHIP_AUC, "LOSS"))).isEqualTo(0.6);
        assertThat(values.get(key("student", MetricId.MEMBERSHIP_AUC, "MIN_K"))).isCloseTo(0.58, within(1e-12));
        assertThat(values.get(key("student", MetricId.MEMBERSHIP_TPR_AT_1PCT, "LOSS"))).isCloseTo(0.06, within(1e-12));
        assertThat(values.get(key("student", MetricId.MEMORIZATION_GAP, null))).isEqualTo(0.1);
        assertThat(values.get(key("student", MetricId.MEMORIZATION_EXTRACTION_RATE, null))).isEqualTo(0.05);
        assertThat(values.get(key("student", MetricId.CANARY_EXTRACTION_RATE, null))).isEqualTo(0.1);
        assertThat(values.get(key("student", MetricId.CANARY_MEAN_EXPOSURE, null))).isEqualTo(3.5);
        assertThat(values.get(key("student", MetricId.INHERITED_LEAKAGE_AUC, "LOSS"))).isCloseTo(0.08, within(1e-12));
        assertThat(values.get(key("teacher", MetricId.BLOCKS_AUC, null))).isCloseTo(0.8, within(1e-12));
        assertThat(values.get(key("reference", MetricId.UTILITY_ROUGE_L, null))).isEqualTo(0.28);
        assertThat(values.get(key("student", MetricId.UTILITY_PERPLEXITY, null))).isCloseTo(Math.exp(2.5), within(1e-12));
        assertThat(values).as("not baselined").doesNotContainKey(
                key("student", MetricId.CANARY_MEAN_EXTRAPOLATED_EXPOSURE, null));
        assertThat(values).as("not baselined").doesNotContainKey(key("student", MetricId.UTILITY_HOLDOUT_NLL, null));
        // 3 models × (2 attacks × 2 + gap + extractable + canary rate + exposure + max block + ROUGE-L + perplexity)
        // + 1 inherited
        assertThat(values).hasSize(3 * 11 + 1);
        assertThat(List.copyOf(values.keySet())).isSorted();
    }

    @Test
    void nonFiniteValuesCountAsNotMeasured() {
        PrivacyReport full = Fixtures.report("T#a", "GKD", 0.6, "PASSED");
        ModelReport s = full.model("student").orElseThrow();
        ModelReport noExposure = new ModelReport(s.role(), s.family(), s.size(), s.parameters(), s.weightsHash(),
                s.membership(), s.memorization(), new CanaryMetrics(0, Double.NaN, Double.NaN, Double.NaN, null),
                List.of());
        PrivacyReport report = new PrivacyReport(full.schemaVersion(), "T#a", "GKD", null, null, List.of(noExposure),
                List.of(), List.of());
        var values = ResultSet.of(List.of(new LoadedReport(dir.resolve("x.json"), report))).values();
        assertThat(values).doesNotContainKeys(key("student", MetricId.CANARY_MEAN_EXPOSURE, null),
                key("student", MetricId.CANARY_EXTRACTION_RATE, null), key("student", MetricId.BLOCKS_AUC, null));
        assertThat(values).containsKey(key("student", MetricId.MEMORIZATION_GAP, null));
    }

    @Test
    void theSameTestInTwoFilesIsRefusedNamingBoth() throws Exception {
        Fixtures.write(dir, "a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        Fixtures.write(dir, "b.json", Fixtures.report("T#a", "GKD", 0.7, "PASSED"));
        Fixtures.write(dir, "c.json", Fixtures.report("T#a", "KD", 0.7, "PASSED"));
        assertThatThrownBy(() -> ResultSet.read(dir)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(dir.resolve("b.json").toString())
                .hasMessageContaining("already read from " + dir.resolve("a.json"));
    }

    @Test
    void readsOnlyJsonFilesAndToleratesAMissingDirectory() throws Exception {
        assertThat(ResultSet.read(dir.resolve("absent")).isEmpty()).isTrue();
        Files.writeString(dir.resolve("notes.txt"), "not json");
        Files.createDirectory(dir.resolve("nested.json"));
        Fixtures.write(dir, "z.json", Fixtures.report("Z", "KD", 0.6, "PASSED"));
        Fixtures.write(dir, "a.json", Fixtures.report("A", "KD", 0.6, "PASSED"));
        assertThat(ResultSet.read(dir).reports()).extracting(r -> r.report().testId()).containsExactly("A", "Z");
    }
}
