package io.kdprivacy.assertj;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.CanaryMetrics;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.MemorizationMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.UtilityMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;
import org.opentest4j.TestAbortedException;

import java.util.List;

import static io.kdprivacy.assertj.PrivacyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivacyAssertionsTest {

    private AssertionLog log;

    @AfterEach
    void stop() {
        if (log != null) {
            log.stop();
        }
    }

    private static Estimate e(double v, double lo, double hi) {
        return new Estimate(v, lo, hi, 0.95);
    }

    private static MembershipMetrics attack(String name, Estimate auc) {
        return new MembershipMetrics(name, auc, e(0.02, 0.0, 0.05), e(0, 0, 0.01), 0.1, 300, 150, List.of(), null);
    }

    static PrivacyReport report() {
        ModelReport student = new ModelReport("student", "GPT2", "nano", 1, "h",
                List.of(attack("LOSS", e(0.55, 0.50, 0.60)), attack("MIN_K", e(0.58, 0.53, 0.63))),
                new MemorizationMetrics(0.2, 0.1, 0.1, e(0.004, 0.0001, 0.02), e(0, 0, 0.02), 0.3, 300, 150),
                new CanaryMetrics(10, 2.5, 6.0, 31.5, e(0.1, 0.003, 0.45)),
                List.of(new BlockMetrics(0, e(0.52, 0.47, 0.57)), new BlockMetrics(1, e(0.61, 0.56, 0.66))))
                .withUtility(new UtilityMetrics(150, 2.0, Math.exp(2.0), e(0.32, 0.28, 0.36), 128));
        ModelReport teacher = new ModelReport("teacher", "GPT2", "tiny", 2, "t",
                List.of(attack("LOSS", e(0.80, 0.76, 0.84))), null, null, List.of());
        return new PrivacyReport(ResultsJson.SCHEMA_VERSION, "T#m[GKD]", "GKD", null, null, List.of(teacher, student),
                List.of(new InheritedLeakage("LOSS", "student", "reference", e(0.03, 0.01, 0.05)),
                        new InheritedLeakage("MIN_K", "student", "reference", e(0.01, -0.01, 0.03))), List.of());
    }

    /** Every metric an assertion can record is one a reader of the results can find again in the report. */
    @Test
    void everyRecordedDecisionNamesAMetricOfTheReport() {
        log = AssertionLog.start(InconclusivePolicy.FAIL);
        PrivacyReport report = report();
        assertThat(report).membership().auc().isAtMost(1.0);
        assertThat(report).membership(Attack.MIN_K).tprAtFpr(0.01).isAtMost(1.0);
        assertThat(report).membership(Attack.LOSS).tprAtFpr(0.001).isAtMost(1.0);
        assertThat(report).membership().advantage().isAtMost(1.0);
        assertThat(report).memorization().extractionRate().isAtMost(1.0);
        assertThat(report).memorization().gap().isAtMost(1.0);
        assertThat(report).canaries().extractionRate().isAtMost(1.0);
        assertThat(report).canaries().exposure().isAtMost(64);
        assertThat(report).canaries().maxExposure().isAtMost(64);
        assertThat(report).canaries().extrapolatedExposure().isAtMost(64);
        assertThat(report).blocks().isAtMost(1.0);
        assertThat(report).inheritedLeakage().isAtMost(1.0);
        assertThat(report).inheritedLeakage("MIN_K").isAtMost(1.0);
        assertThat(report).teacher().membership().auc().isAtMost(1.0);
        assertThat(report).utility().rougeL().isAtLeast(0.0);
        assertThat(report).utility().perplexity().isAtLeast(1.0);
        assertThat(report).utility().holdoutNll().isAtLeast(0.0);
        assertThat(log.records()).hasSize(17).allSatisfy(decision -> assertThat(
                io.kdprivacy.results.MetricId.valueOf(report, decision)).as(decision.metric())
                .hasValue(decision.value()));
    }

    @Test
    void passesOnTheUpperBoundAndRecordsTheDecision() {
        log = AssertionLog.start(InconclusivePolicy.FAIL);
        assertThat(report()).membership(Attack.LOSS).auc().isBelow(0.61);
        assertThat(report()).teacher().membership().auc().isAbove(0.7);
        assertThat(log.records()).containsExactly(
                new AssertionRecord("membership.auc", "student", "LOSS", "isBelow", 0.61, 0.55, 0.60, "PASSED"),
                new AssertionRecord("membership.auc", "teacher", "LOSS", "isAbove", 0.7, 0.80, 0.76, "PASSED"));
    }

    @Test
    void failureMessageNamesMetricModelTechniqueAttackValueIntervalLimitAndSample() {
        assertThatThrownBy(() -> assertThat(report()).membership().auc().isBelow(0.5))
                .isInstanceOf(AssertionError.class)
                .hasMessage("[GKD] student membership AUC (MIN_K) = 0.5800 (95% CI 0.5300–0.6300, 300 members / 150 "
                        + "non-members) is not below 0.5000 (deciding on the upper bound 0.6300)");
    }

    @Test
    void straddlingIntervalIsInconclusiveAndSaysHowManyMoreSamplesWouldDecide() {
        log = AssertionLog.start(InconclusivePolicy.FAIL);
        assertThatThrownBy(() -> assertThat(report()).membership(Attack.LOSS).auc().isBelow(0.575))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is inconclusive against below 0.5750")
                .hasMessageContaining("About 4.0× the samples (≈ 1800 instead of 450");
        assertThat(log.records()).extracting(AssertionRecord::outcome).containsExactly("INCONCLUSIVE");
        assertThat(report()).membership(Attack.LOSS).auc().pointEstimate().isBelow(0.575);
    }

    @Test
    void inconclusiveAbortsWhenConfigured() {
        log = AssertionLog.start(InconclusivePolicy.ABORT);
        assertThatThrownBy(() -> assertThat(report()).membership(Attack.LOSS).auc().isBelow(0.575))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void navigatesToMemorizationCanariesBlocksAndInheritedLeakage() {
        assertThat(report()).memorization().extractionRate().isAtMost(0.03);
        assertThat(report()).canaries().exposure().isBelow(3);
        assertThatThrownBy(() -> assertThat(report()).canaries().extractionRate().isAtMost(0.001))
                .hasMessageContaining("canary extraction rate = 0.1000 (95% CI 0.003000–0.4500, 10 canaries)");
        assertThatThrownBy(() -> assertThat(report()).blocks().isBelow(0.55))
                .hasMessageContaining("block 1 MoPe AUC (most exposed of 2)");
        assertThatThrownBy(() -> assertThat(report()).inheritedLeakage().isBelow(0.0))
                .hasMessageContaining("inherited leakage (AUC − reference AUC) (LOSS) = 0.03000");
        assertThat(report()).inheritedLeakage("MIN_K").isBelow(0.05);
    }

    @Test
    void utilityIsDecidedOnTheRougeLBoundAndOnExactPerplexityAndNll() {
        log = AssertionLog.start(InconclusivePolicy.FAIL);
        assertThat(report()).utility().rougeL().isAbove(0.25);
        assertThat(report()).utility().perplexity().isBelow(20);
        assertThat(report()).utility().holdoutNll().isBelow(2.5);
        assertThat(log.records()).containsExactly(
                new AssertionRecord("utility.rougeL", "student", null, "isAbove", 0.25, 0.32, 0.28, "PASSED"),
                new AssertionRecord("utility.perplexity", "student", null, "isBelow", 20, Math.exp(2.0), Math.exp(2.0),
                        "PASSED"),
                new AssertionRecord("utility.holdoutNll", "student", null, "isBelow", 2.5, 2.0, 2.0, "PASSED"));
        assertThatThrownBy(() -> assertThat(report()).utility().rougeL().isAbove(0.4))
                .hasMessage("[GKD] student ROUGE-L = 0.3200 (95% CI 0.2800–0.3600, 150 held-out examples) is not above "
                        + "0.4000 (deciding on the lower bound 0.2800)");
        assertThatThrownBy(() -> assertThat(report()).utility().rougeL().isAbove(0.3))
                .as("the lower bound 0.28 is below 0.3, the point above: undecided")
                .hasMessageContaining("is inconclusive against above 0.3000");
        assertThat(report()).utility().rougeL().pointEstimate().isAbove(0.3);
        assertThatThrownBy(() -> assertThat(report()).utility().perplexity().isBelow(7))
                .hasMessage("[GKD] student perplexity = 7.389 (150 held-out examples) is not below 7.000 (deciding on "
                        + "the upper bound 7.389)");
        assertThatThrownBy(() -> assertThat(report()).utility().holdoutNll().isAbove(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0.000, Infinity]");
    }

    @Test
    void utilityOfOtherModelsAndMissingUtilityFailClearly() {
        PrivacyReport r = report();
        ModelReport reference = new ModelReport("reference", "GPT2", "nano", 1, "r", List.of(), null, null, List.of())
                .withUtility(new UtilityMetrics(150, 2.2, Math.exp(2.2), e(0.30, 0.26, 0.34), 64));
        List<ModelReport> models = new java.util.ArrayList<>(r.models());
        models.add(reference);
        PrivacyReport withReference = new PrivacyReport(r.schemaVersion(), r.testId(), r.technique(), null, null, models,
                r.inheritedLeakage(), List.of());
        assertThat(withReference).reference().utility().rougeL().isAbove(0.25);
        assertThatThrownBy(() -> assertThat(withReference).reference().utility().holdoutNll().isBelow(2.1))
                .hasMessageStartingWith("[GKD] reference holdout NLL (nats per token) = 2.200");
        assertThatThrownBy(() -> assertThat(report()).teacher().utility().rougeL().isAbove(0.1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("[GKD] utility was not measured on the teacher (it needs @Audit(utility = true), the default, "
                        + "and results from a kdprivacy that reports it)");
        ModelReport s = r.model("student").orElseThrow();
        PrivacyReport noTokens = new PrivacyReport(r.schemaVersion(), r.testId(), r.technique(), null, null,
                List.of(s.withUtility(new UtilityMetrics(3, Double.NaN, Double.NaN, e(0, 0, 0), 128))), List.of(),
                List.of());
        assertThatThrownBy(() -> assertThat(noTokens).utility().perplexity().isBelow(10))
                .hasMessage("[GKD] the perplexity was not measured on the student (no held-out response tokens were "
                        + "scored)");
        PrivacySoftAssertions softly = new PrivacySoftAssertions();
        softly.assertThat(report()).teacher().utility().rougeL().isAbove(0.1);
        softly.assertThat(report()).utility().rougeL().isAbove(0.5);
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void extrapolatedExposureIsAssertedLikeTheEnumeratedOneAndRefusedWhenNotMeasured() {
        assertThat(report()).canaries().extrapolatedExposure().isAbove(20);
        assertThatThrownBy(() -> assertThat(report()).canaries().extrapolatedExposure().isBelow(30))
                .hasMessageContaining("[GKD] student mean extrapolated canary exposure (bits) = 31.50 (10 canaries)");
        PrivacyReport r = report();
        ModelReport s = r.model("student").orElseThrow();
        ModelReport old = new ModelReport(s.role(), s.family(), s.size(), s.parameters(), s.weightsHash(),
                s.membership(), s.memorization(),
                new CanaryMetrics(10, 2.5, 6.0, Double.NaN, s.canaries().extraction()), s.blocks());
        PrivacyReport oldReport = new PrivacyReport(r.schemaVersion(), r.testId(), r.technique(), null, null,
                List.of(old), List.of(), List.of());
        assertThatThrownBy(() -> assertThat(oldReport).canaries().extrapolatedExposure().isBelow(30))
                .hasMessageContaining("[GKD] the extrapolated canary exposure was not measured on the student");
    }

    @Test
    void rejectsLimitsOutsideTheMetricsRangeAndMissingParts() {
        assertThatThrownBy(() -> assertThat(report()).membership().auc().isBelow(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit 1.5 is outside [0.000, 1.000]");
        assertThatThrownBy(() -> assertThat(report()).membership("MOPE"))
                .hasMessageContaining("attack MOPE was not run on the student; measured: [LOSS, MIN_K]");
        assertThatThrownBy(() -> assertThat(report()).model("shadow"))
                .hasMessageContaining("no model 'shadow'");
        assertThatThrownBy(() -> assertThat(report()).teacher().memorization())
                .hasMessageContaining("memorization probe was not run on the teacher");
    }

    @Test
    void softAssertionsCollectEveryFailure() {
        PrivacySoftAssertions softly = new PrivacySoftAssertions();
        softly.assertThat(report()).membership().auc().isBelow(0.5);
        softly.assertThat(report()).memorization().extractionRate().isAtMost(0.03);
        softly.assertThat(report()).blocks().isBelow(0.5);
        assertThat(softly.errorsCollected()).hasSize(2);
        assertThatThrownBy(softly::assertAll).isInstanceOf(MultipleFailuresError.class)
                .hasMessageContaining("membership AUC").hasMessageContaining("block 1");
    }

    @Test
    void descriptionsAndFailMessagesAreAssertJs() {
        assertThatThrownBy(() -> assertThat(report()).as("release gate").membership().auc().isBelow(0.5))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[release gate] [GKD] student membership AUC (MIN_K) = 0.58");
        assertThatThrownBy(() -> assertThat(report()).membership().auc().as("AUC of %s", "the student").isBelow(0.5))
                .hasMessageStartingWith("[AUC of the student] [GKD] student membership AUC");
        assertThatThrownBy(() -> assertThat(report()).withFailMessage("student leaks: %s", "see the sign-off")
                .teacher().membership().auc().isBelow(0.5)).hasMessage("student leaks: see the sign-off");
        assertThatThrownBy(() -> assertThat(report()).membership().auc().overridingErrorMessage("too leaky")
                .isBelow(0.5)).hasMessage("too leaky");
        assertThatThrownBy(() -> assertThat(report()).as("release gate").model("shadow"))
                .hasMessageStartingWith("[release gate] [GKD] the report has no model 'shadow'");
        assertThatThrownBy(() -> assertThat(report()).as("canaries").teacher().canaries())
                .hasMessageStartingWith("[canaries] [GKD] no canaries were planted");
        log = AssertionLog.start(InconclusivePolicy.FAIL);
        assertThatThrownBy(() -> assertThat(report()).as("straddling").membership(Attack.LOSS).auc().isBelow(0.58))
                .hasMessageStartingWith("[straddling] [GKD] student membership AUC (LOSS) = 0.55")
                .hasMessageContaining("is inconclusive");
    }

    /** A failed decision, then a chain that fails while navigating, then another decision: all three reported. */
    @Test
    void softAssertionsNeverLoseAFailureWhereverTheChainFails() {
        PrivacySoftAssertions softly = new PrivacySoftAssertions();
        softly.assertThat(report()).membership().auc().isBelow(0.5);
        softly.assertThat(report()).teacher().memorization().extractionRate().isAtMost(0.03);
        softly.assertThat(report()).model("shadow").membership("MOPE").auc().isBelow(0.5);
        softly.assertThat(report()).as("blocks").blocks().isBelow(0.5);
        assertThat(softly.errorsCollected()).extracting(Throwable::getMessage).satisfiesExactly(
                m -> assertThat(m).contains("student membership AUC (MIN_K)"),
                m -> assertThat(m).contains("memorization probe was not run on the teacher"),
                m -> assertThat(m).contains("no model 'shadow'"),
                m -> assertThat(m).startsWith("[blocks] [GKD] student block 1 MoPe AUC"));
        assertThatThrownBy(softly::assertAll).isInstanceOf(MultipleFailuresError.class)
                .hasMessageContaining("4 failures");
    }
}
