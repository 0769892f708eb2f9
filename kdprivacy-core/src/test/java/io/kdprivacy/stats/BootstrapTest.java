package io.kdprivacy.stats;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BootstrapTest {

    /** Gaussian scores; members shifted up by {@code shift}. */
    private static double[] scores(int n, double shift, long seed) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian() + shift;
        }
        return out;
    }

    @Test
    void sameSeedSameIntervalDifferentSeedDifferentInterval() {
        double[] m = scores(300, 0.5, 1);
        double[] n = scores(300, 0, 2);
        Interval a = Bootstrap.auc(m, n, 500, 0.95, 42);
        assertThat(Bootstrap.auc(m, n, 500, 0.95, 42)).isEqualTo(a);
        Interval b = Bootstrap.auc(m, n, 500, 0.95, 43);
        assertThat(b).isNotEqualTo(a);
        assertThat(b.point()).isEqualTo(a.point());

        Interval t = Bootstrap.tprAtFpr(m, n, 0.05, 500, 0.95, 42);
        assertThat(Bootstrap.tprAtFpr(m, n, 0.05, 500, 0.95, 42)).isEqualTo(t);
        assertThat(Bootstrap.tprAtFpr(m, n, 0.05, 500, 0.95, 7)).isNotEqualTo(t);
    }

    @Test
    void pointIsTheFullDataStatisticAndLiesInsideTheInterval() {
        double[] m = scores(400, 0.7, 3);
        double[] n = scores(400, 0, 4);
        Interval auc = Bootstrap.auc(m, n, 1000, 0.95, 1);
        assertThat(auc.point()).isCloseTo(RocAuc.of(m, n), within(1e-12));
        assertThat(auc.contains(auc.point())).isTrue();
        assertThat(auc.confidence()).isEqualTo(0.95);
        assertThat(auc.lower()).isGreaterThan(0.5);

        Interval tpr = Bootstrap.tprAtFpr(m, n, 0.1, 1000, 0.9, 1);
        assertThat(tpr.point()).isEqualTo(RocCurve.of(m, n).tprAtFpr(0.1));
        assertThat(tpr.contains(tpr.point())).isTrue();
        assertThat(tpr.width()).isPositive();
    }

    @Test
    void intervalShrinksWithMoreData() {
        Interval small = Bootstrap.auc(scores(100, 0.5, 5), scores(100, 0, 6), 1000, 0.95, 9);
        Interval large = Bootstrap.auc(scores(2000, 0.5, 7), scores(2000, 0, 8), 1000, 0.95, 9);
        assertThat(large.width()).isLessThan(small.width() / 2); // ~ 1/sqrt(20) of the width in theory

        Interval tprSmall = Bootstrap.tprAtFpr(scores(100, 1, 5), scores(100, 0, 6), 0.1, 1000, 0.95, 9);
        Interval tprLarge = Bootstrap.tprAtFpr(scores(2000, 1, 7), scores(2000, 0, 8), 0.1, 1000, 0.95, 9);
        assertThat(tprLarge.width()).isLessThan(tprSmall.width() / 2);
    }

    @Test
    void higherConfidenceGivesWiderInterval() {
        double[] m = scores(300, 0.5, 11);
        double[] n = scores(300, 0, 12);
        assertThat(Bootstrap.auc(m, n, 1000, 0.99, 5).width())
                .isGreaterThan(Bootstrap.auc(m, n, 1000, 0.8, 5).width());
    }

    @Test
    void perfectSeparationIsCertain() {
        double[] m = {5, 6, 7, 8};
        double[] n = {1, 2, 3, 4};
        assertThat(Bootstrap.auc(m, n, 200, 0.95, 0)).isEqualTo(new Interval(1, 1, 1, 0.95));
        assertThat(Bootstrap.tprAtFpr(m, n, 0, 200, 0.95, 0)).isEqualTo(new Interval(1, 1, 1, 0.95));
    }

    @Test
    void thousandResamplesOfThousandPlusThousandAreFast() {
        double[] m = scores(1000, 0.3, 13);
        double[] n = scores(1000, 0, 14);
        Bootstrap.auc(m, n, 100, 0.95, 0); // warm-up
        long start = System.nanoTime();
        Interval auc = Bootstrap.auc(m, n, 1000, 0.95, 1);
        Interval tpr = Bootstrap.tprAtFpr(m, n, 0.01, 1000, 0.95, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(auc.contains(auc.point())).isTrue();
        assertThat(tpr.lower()).isLessThanOrEqualTo(tpr.upper());
        assertThat(seconds).as("seconds for 2 x 1000 resamples").isLessThan(3.0);
    }

    @Test
    void rejectsBadArguments() {
        double[] ok = {1, 2};
        assertThatThrownBy(() -> Bootstrap.auc(new double[0], ok, 10, 0.95, 0)).hasMessageContaining("members");
        assertThatThrownBy(() -> Bootstrap.auc(ok, new double[] {Double.NaN}, 10, 0.95, 0))
                .hasMessageContaining("nonMembers[0]");
        assertThatThrownBy(() -> Bootstrap.auc(ok, ok, 0, 0.95, 0)).hasMessageContaining("resamples");
        assertThatThrownBy(() -> Bootstrap.auc(ok, ok, 10, 1.0, 0)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> Bootstrap.tprAtFpr(ok, ok, -0.1, 10, 0.95, 0)).hasMessageContaining("fpr");
    }

    @Test
    void pairedDifferenceCancelsSharedExampleVarianceAndKeepsItsSign() {
        double[] m = scores(300, 0.6, 21);
        double[] n = scores(150, 0, 22);
        double[] mNoise = scores(300, 0, 23);
        double[] nNoise = scores(150, 0, 24);
        // Model b sees the same examples as a, plus a little independent noise: nearly the same ranking.
        double[] bm = new double[m.length];
        double[] bn = new double[n.length];
        for (int i = 0; i < m.length; i++) {
            bm[i] = m[i] + 0.2 * mNoise[i];
        }
        for (int i = 0; i < n.length; i++) {
            bn[i] = n[i] + 0.2 * nNoise[i];
        }
        Interval d = Bootstrap.aucDifference(m, n, bm, bn, 1000, 0.95, 3);
        assertThat(d.point()).isCloseTo(RocAuc.of(m, n) - RocAuc.of(bm, bn), within(1e-12));
        assertThat(d.lower()).isLessThanOrEqualTo(d.point());
        assertThat(d.upper()).isGreaterThanOrEqualTo(d.point());
        Interval separateA = Bootstrap.auc(m, n, 1000, 0.95, 3);
        assertThat(d.upper() - d.lower()).as("paired width vs one model's own width")
                .isLessThan(0.5 * (separateA.upper() - separateA.lower()));
        assertThat(Bootstrap.aucDifference(m, n, bm, bn, 1000, 0.95, 3)).isEqualTo(d);

        double[] weaker = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            weaker[i] = m[i] - 0.6 + mNoise[i];
        }
        Interval clear = Bootstrap.aucDifference(m, n, weaker, n, 1000, 0.95, 3);
        assertThat(clear.lower()).as("stronger signal than the reference: %s", clear).isGreaterThan(0);
        Interval reversed = Bootstrap.aucDifference(weaker, n, m, n, 1000, 0.95, 3);
        assertThat(reversed.upper()).as("never flipped: %s", reversed).isLessThan(0);
    }

    @Test
    void pairedDifferenceRejectsUnpairedArrays() {
        assertThatThrownBy(() -> Bootstrap.aucDifference(new double[3], new double[2], new double[4], new double[2],
                10, 0.95, 1)).hasMessageContaining("members 3 vs 4");
    }

    @Test
    void meanIntervalIsSeededAndCentredOnTheSampleMean() {
        double[] v = scores(200, 0.3, 11);
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        Interval a = Bootstrap.mean(v, 500, 0.95, 42);
        assertThat(a.point()).isEqualTo(mean);
        assertThat(a.lower()).isLessThan(mean);
        assertThat(a.upper()).isGreaterThan(mean);
        // standard error of a mean of 200 unit-variance values is about 0.07: the 95 % interval spans about ±0.14
        assertThat(a.upper() - a.lower()).isBetween(0.2, 0.36);
        assertThat(Bootstrap.mean(v, 500, 0.95, 42)).isEqualTo(a);
        assertThat(Bootstrap.mean(v, 500, 0.95, 43)).isNotEqualTo(a);
        assertThat(Bootstrap.mean(new double[] {0.25, 0.25, 0.25}, 100, 0.95, 1))
                .isEqualTo(new Interval(0.25, 0.25, 0.25, 0.95));
        assertThatThrownBy(() -> Bootstrap.mean(new double[0], 100, 0.95, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
