package io.kdprivacy.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsJsonTest {

    @TempDir
    Path dir;

    static PrivacyReport sample() {
        Estimate auc = new Estimate(0.62, 0.57, 0.67, 0.95);
        Estimate tpr = new Estimate(0.04, 0.01, 0.08, 0.95);
        MembershipMetrics loss = new MembershipMetrics("LOSS", auc, tpr, new Estimate(0.0, 0.0, 0.02, 0.95), 0.18,
                300, 150, List.of("TPR at 0.1% FPR needs at least 1000 non-members, got 150"),
                new RocPoints(List.of(0.0, 0.01, 0.5, 1.0), List.of(0.0, 0.05, 0.7, 1.0)));
        ModelReport student = new ModelReport("student", "GPT2", "nano", 110_000L, "ab12", List.of(loss),
                new MemorizationMetrics(0.21, 0.12, 0.09, new Estimate(0.02, 0.005, 0.05, 0.95),
                        new Estimate(0.0, 0.0, 0.02, 0.95), 0.33, 300, 150),
                new CanaryMetrics(20, 3.1, 9.9, 27.4, new Estimate(0.05, 0.001, 0.25, 0.95)),
                List.of(new BlockMetrics(0, auc), new BlockMetrics(1, new Estimate(0.51, 0.45, 0.57, 0.95))))
                .withUtility(new UtilityMetrics(150, 2.25, Math.exp(2.25), new Estimate(0.31, 0.27, 0.35, 0.95), 128));
        return new PrivacyReport(ResultsJson.SCHEMA_VERSION, "SupportBotTest#studentIsSafe[GKD]", "GKD",
                new Provenance("0.1.0", "PyTorch 2.7.1 (DJL 0.36.0)", 7, Map.of("private", "cafe"), "2026-11-29T03:00:00Z"),
                new Validity(true, new Estimate(0.51, 0.45, 0.56, 0.95), 0, 7, Map.of("private", "cafe"), "ok"),
                List.of(student),
                List.of(new InheritedLeakage("LOSS", "student", "reference", new Estimate(0.04, 0.01, 0.07, 0.95))),
                List.of(new AssertionRecord("membership.auc", "student", "LOSS", "isBelow", 0.7,
                        0.62, 0.67, "PASSED")));
    }

    @Test
    void roundTripsEveryField() throws IOException {
        Path file = dir.resolve("results/r.json");
        ResultsJson.write(file, sample());
        assertThat(ResultsJson.read(file)).isEqualTo(sample());
        assertThat(ResultsJson.read(file).model("student")).isPresent();
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.json");
        }
    }

    @Test
    void writesWithOrdinaryPermissionsAndNamesTheFileOnFailure() throws IOException {
        Path ordinary = Files.writeString(dir.resolve("ordinary"), "x");
        Path file = dir.resolve("r.json");
        ResultsJson.write(file, sample());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).as("not owner-only like Files.createTempFile")
                    .isEqualTo(Files.getPosixFilePermissions(ordinary));
        }
        Path underAFile = ordinary.resolve("r.json");
        assertThatThrownBy(() -> ResultsJson.write(underAFile, sample())).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + underAFile);
    }

    @Test
    void refusesOtherSchemaVersionsAndMalformedFiles() throws IOException {
        Path file = dir.resolve("r.json");
        Files.writeString(file, ResultsJson.toJson(sample()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining("r.json").hasMessageContaining("schemaVersion 2 is not supported");
        Files.writeString(file, "{\"schemaVersion\": 1, \"testId\": ");
        assertThatThrownBy(() -> ResultsJson.read(file)).hasMessageContaining("not valid JSON at line 1");
        Files.writeString(file, "{\"testId\": \"x\"}");
        assertThatThrownBy(() -> ResultsJson.read(file)).hasMessageContaining("no integer schemaVersion");
        Files.writeString(file, "{\"schemaVersion\": 1, \"testId\": \"\"}");
        assertThatThrownBy(() -> ResultsJson.read(file)).hasMessageContaining("not a kdprivacy report");
        assertThatThrownBy(() -> ResultsJson.read(dir.resolve("missing.json"))).hasMessageContaining("missing.json");
    }

    @Test
    void resultsWrittenBeforeTheExtrapolatedExposureReadItAsNaN() throws IOException {
        Path file = dir.resolve("old.json");
        String json = ResultsJson.toJson(sample());
        String old = json.replaceAll("\\s*\"meanExtrapolatedExposure\" : [^,]+,", "");
        assertThat(old).isNotEqualTo(json).doesNotContain("meanExtrapolatedExposure");
        Files.writeString(file, old);
        CanaryMetrics canaries = ResultsJson.read(file).model("student").orElseThrow().canaries();
        assertThat(canaries.meanExtrapolatedExposure()).isNaN();
        assertThat(canaries.meanExposure()).isEqualTo(3.1);
        assertThat(MetricId.CANARY_MEAN_EXTRAPOLATED_EXPOSURE.valueIn(ResultsJson.read(file), "student", null))
                .isEmpty();

        ResultsJson.write(file, ResultsJson.read(file));
        assertThat(ResultsJson.read(file).model("student").orElseThrow().canaries().meanExtrapolatedExposure())
                .as("NaN round-trips").isNaN();
        assertThat(MetricId.CANARY_MEAN_EXTRAPOLATED_EXPOSURE.valueIn(sample(), "student", null)).hasValue(27.4);
    }

    @Test
    void utilityRoundTripsAndOlderResultsReadWithoutIt() throws IOException {
        Path file = dir.resolve("u.json");
        ResultsJson.write(file, sample());
        UtilityMetrics utility = ResultsJson.read(file).model("student").orElseThrow().utility();
        assertThat(utility).isEqualTo(sample().model("student").orElseThrow().utility());
        assertThat(utility.rougeL().lower()).isEqualTo(0.27);
        assertThat(MetricId.UTILITY_ROUGE_L.valueIn(sample(), "student", null)).hasValue(0.31);
        assertThat(MetricId.UTILITY_PERPLEXITY.valueIn(sample(), "student", null)).hasValue(Math.exp(2.25));
        assertThat(MetricId.UTILITY_HOLDOUT_NLL.valueIn(sample(), "student", null)).hasValue(2.25);

        String json = ResultsJson.toJson(sample());
        String old = json.replaceAll("(?s),\\s*\"utility\" : \\{.*?\"maxNewTokens\" : 128\\s*}", "");
        assertThat(old).isNotEqualTo(json).doesNotContain("utility");
        Files.writeString(file, old);
        PrivacyReport read = ResultsJson.read(file);
        assertThat(read.model("student").orElseThrow().utility()).isNull();
        assertThat(MetricId.UTILITY_ROUGE_L.valueIn(read, "student", null)).isEmpty();
        assertThat(MetricId.UTILITY_PERPLEXITY.valueIn(read, "student", null)).isEmpty();
    }

    @Test
    void utilityMetricsSayWhichDirectionIsWorse() {
        assertThat(MetricId.UTILITY_ROUGE_L.higherIsWorse()).as("a ROUGE-L drop is the regression").isFalse();
        assertThat(MetricId.UTILITY_PERPLEXITY.higherIsWorse()).isTrue();
        assertThat(MetricId.UTILITY_HOLDOUT_NLL.higherIsWorse()).isTrue();
        assertThat(MetricId.MEMBERSHIP_AUC.higherIsWorse()).isTrue();
        assertThat(java.util.Arrays.stream(MetricId.values()).filter(m -> !m.higherIsWorse()))
                .containsExactly(MetricId.UTILITY_ROUGE_L);
        assertThat(MetricId.byId("utility.rougeL")).contains(MetricId.UTILITY_ROUGE_L);
        assertThat(MetricId.UTILITY_ROUGE_L.baselined()).isTrue();
        assertThat(MetricId.UTILITY_PERPLEXITY.baselined()).isTrue();
        assertThat(MetricId.UTILITY_HOLDOUT_NLL.baselined()).isFalse();
    }

    @Test
    void estimatesRejectNonsense() {
        assertThatThrownBy(() -> new Estimate(0.5, 0.6, 0.4, 0.95)).hasMessageContaining("malformed estimate");
        assertThatThrownBy(() -> new Estimate(0.5, 0.4, 0.6, 1.0)).hasMessageContaining("confidence");
        assertThat(new Estimate(0.5, 0.4, 0.6, 0.95).contains(0.5)).isTrue();
    }
}
