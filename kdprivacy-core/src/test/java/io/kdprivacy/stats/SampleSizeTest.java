package io.kdprivacy.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleSizeTest {

    @Test
    void tprAtPointOnePercentFprWith200NonMembersIsUnsupported() {
        SampleSize.Verdict v = SampleSize.tprAtFpr(0.001, 200);
        assertThat(v.supported()).isFalse();
        assertThat(v.neededN()).isEqualTo(1000);
        assertThat(v.reason()).contains("200", "1000", "10000", "0.1%");
    }

    @Test
    void tprAtOnePercentFprWith1000NonMembersIsSupported() {
        SampleSize.Verdict v = SampleSize.tprAtFpr(0.01, 1000);
        assertThat(v.supported()).isTrue();
        assertThat(v.neededN()).isEqualTo(100);
        assertThat(v.reason()).contains("10 false positives").doesNotContain("noisy");
    }

    @Test
    void betweenMinimumAndRecommendedIsSupportedButNoisy() {
        assertThat(SampleSize.tprAtFpr(0.01, 100).supported()).isTrue();
        assertThat(SampleSize.tprAtFpr(0.01, 100).reason()).contains("noisy", "1000");
        assertThat(SampleSize.tprAtFpr(0.01, 99).supported()).isFalse();
        assertThat(SampleSize.minNonMembers(0.001)).isEqualTo(1000);
        assertThat(SampleSize.recommendedNonMembers(0.001)).isEqualTo(10_000);
        assertThat(SampleSize.minNonMembers(0.3)).isEqualTo(4);
        assertThat(SampleSize.minNonMembers(1)).isEqualTo(1);
    }

    @Test
    void budgetsAreCountedLikeTheRocCurve() {
        assertThat(SampleSize.tprAtFpr(0.29, 100).reason()).contains("29 false positives"); // 0.29*100 = 28.999...
        assertThat(SampleSize.tprAtFpr(0.5, 2).reason()).contains("1 false positive ");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 1000; i++) {
            double fpr = Math.pow(10, -4 * random.nextDouble());
            int min = SampleSize.minNonMembers(fpr);
            assertThat(SampleSize.tprAtFpr(fpr, min).supported()).as("fpr %s", fpr).isTrue();
            assertThat(RocCurve.maxFalsePositives(fpr, min)).isGreaterThanOrEqualTo(1);
            if (min > 1) {
                assertThat(SampleSize.tprAtFpr(fpr, min - 1).supported()).as("fpr %s", fpr).isFalse();
            }
            int rec = SampleSize.recommendedNonMembers(fpr);
            assertThat(RocCurve.maxFalsePositives(fpr, rec)).isGreaterThanOrEqualTo(10);
            assertThat(RocCurve.maxFalsePositives(fpr, rec - 1)).isLessThan(10);
        }
    }

    @Test
    void extractionRateAtMostOnePercentFrom100ProbesIsUnsupported() {
        SampleSize.Verdict v = SampleSize.rateAtMost(0.01, 0, 100, 0.95);
        assertThat(v.supported()).isFalse();
        assertThat(v.neededN()).isEqualTo(299);
        assertThat(v.reason()).contains("100", "299", "1%");
    }

    @Test
    void minTrialsIsTheFirstNWhoseZeroSuccessBoundIsBelowTheLimit() {
        int n = SampleSize.minTrials(0.01, 0.95);
        assertThat(n).isEqualTo(299);
        assertThat(ClopperPearson.upperBound(0, n, 0.95)).isLessThan(0.01);
        assertThat(ClopperPearson.upperBound(0, n - 1, 0.95)).isGreaterThanOrEqualTo(0.01);
        assertThat(SampleSize.rateAtMost(0.01, 0, 299, 0.95).supported()).isTrue();
        assertThat(SampleSize.minTrials(0.001, 0.99)).isEqualTo(4603); // ln(0.01)/ln(0.999) = 4602.9
    }

    @Test
    void observedSuccessesRaiseTheNeededTrials() {
        SampleSize.Verdict v = SampleSize.rateAtMost(0.01, 2, 300, 0.95);
        assertThat(v.supported()).isFalse();
        assertThat(v.neededN()).isGreaterThan(299);
        assertThat(ClopperPearson.upperBound(2, v.neededN(), 0.95)).isLessThan(0.01);
        assertThat(ClopperPearson.upperBound(2, v.neededN() - 1, 0.95)).isGreaterThanOrEqualTo(0.01);
        SampleSize.Verdict ok = SampleSize.rateAtMost(0.01, 2, v.neededN(), 0.95);
        assertThat(ok.supported()).isTrue();
        assertThat(ok.neededN()).isEqualTo(v.neededN());
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> SampleSize.tprAtFpr(0, 100)).hasMessageContaining("fpr");
        assertThatThrownBy(() -> SampleSize.tprAtFpr(0.01, 0)).hasMessageContaining("nonMembers");
        assertThatThrownBy(() -> SampleSize.rateAtMost(1.0, 0, 10, 0.95)).hasMessageContaining("limit");
        assertThatThrownBy(() -> SampleSize.rateAtMost(0.01, 11, 10, 0.95)).hasMessageContaining("k");
        assertThatThrownBy(() -> SampleSize.minTrials(0.01, 0)).hasMessageContaining("confidence");
    }
}
