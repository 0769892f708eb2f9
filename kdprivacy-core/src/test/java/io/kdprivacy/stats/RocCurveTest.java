package io.kdprivacy.stats;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RocCurveTest {

    private static final double EPS = 1e-12;

    @Test
    void handWorkedCurveWithTies() {
        // members {1,2,3}, non-members {0,1,2}; thresholds +inf,3,2,1,0 (score >= t is flagged)
        RocCurve curve = RocCurve.of(new double[] {1, 2, 3}, new double[] {0, 1, 2});
        assertThat(curve.memberCount()).isEqualTo(3);
        assertThat(curve.nonMemberCount()).isEqualTo(3);
        assertThat(curve.points()).containsExactly(
                new RocCurve.Point(Double.POSITIVE_INFINITY, 0, 0),
                new RocCurve.Point(3, 0, 1 / 3.0),
                new RocCurve.Point(2, 1 / 3.0, 2 / 3.0),
                new RocCurve.Point(1, 2 / 3.0, 1),
                new RocCurve.Point(0, 1, 1));
        // trapezoids: 1/6 + 5/18 + 1/3 = 7/9, the RocAucTest value
        assertThat(curve.auc()).isCloseTo(7 / 9.0, within(EPS));
        assertThat(curve.advantage()).isCloseTo(1 / 3.0, within(EPS));
        assertThat(curve.tprAtFpr(0)).isCloseTo(1 / 3.0, within(EPS));
        assertThat(curve.tprAtFpr(0.3)).isCloseTo(1 / 3.0, within(EPS));
        // linear interpolation at 0.5 would say 5/6; only 2/3 is achievable
        assertThat(curve.tprAtFpr(0.5)).isCloseTo(2 / 3.0, within(EPS));
        assertThat(curve.tprAtFpr(1)).isEqualTo(1.0);
    }

    @Test
    void tiedMemberAndNonMemberMoveDiagonallyAndTheDiagonalIsNotAchievable() {
        // members {3,2,2}, non-members {2,1}: the threshold 2 flags two members and one non-member together
        RocCurve curve = RocCurve.of(new double[] {3, 2, 2}, new double[] {2, 1});
        assertThat(curve.points()).extracting(RocCurve.Point::fpr).containsExactly(0.0, 0.0, 0.5, 1.0);
        assertThat(curve.points()).extracting(RocCurve.Point::tpr).containsExactly(0.0, 1 / 3.0, 1.0, 1.0);
        // interpolating along the tie's diagonal at FPR 0.25 would give 2/3
        assertThat(curve.tprAtFpr(0.25)).isCloseTo(1 / 3.0, within(EPS));
        assertThat(curve.tprAtFpr(0.5)).isEqualTo(1.0);
        assertThat(curve.auc()).isCloseTo(RocAuc.of(new double[] {3, 2, 2}, new double[] {2, 1}), within(EPS));
    }

    @Test
    void interpolationWouldOverstateTprAtLowFpr() {
        // points (0,0),(0,.25),(.25,.25),(.25,.5),(.25,.75),(.5,.75),(.5,1),(.75,1),(1,1);
        // np.interp(0.2) on the convex corners (0,.25)-(.25,.75) would give 0.65
        RocCurve curve = RocCurve.of(new double[] {5, 4, 3, 1}, new double[] {4.5, 2, 0, -1});
        assertThat(curve.points()).hasSize(9);
        assertThat(curve.tprAtFpr(0.2)).isEqualTo(0.25);
        assertThat(curve.tprAtFpr(0.25)).isEqualTo(0.75);
        assertThat(curve.advantage()).isEqualTo(0.5);
    }

    @Test
    void fprExactlyZeroCountsOnlyMembersAboveEveryNonMember() {
        // member 4 ties the top non-member, so it cannot be flagged without a false positive
        RocCurve curve = RocCurve.of(new double[] {5, 4, 3}, new double[] {4, 1});
        assertThat(curve.tprAtFpr(0)).isCloseTo(1 / 3.0, within(EPS));
        assertThat(curve.tprAtFpr(0.49)).isCloseTo(1 / 3.0, within(EPS));
        assertThat(curve.tprAtFpr(0.5)).isEqualTo(1.0);
        assertThat(RocCurve.of(new double[] {1}, new double[] {2}).tprAtFpr(0)).isEqualTo(0.0);
    }

    @Test
    void logLogPointsDropZeroRates() {
        RocCurve curve = RocCurve.of(new double[] {5, 4, 3}, new double[] {4, 1});
        List<RocCurve.Point> loglog = curve.logLogPoints();
        assertThat(loglog).allSatisfy(p -> assertThat(p.fpr()).isPositive())
                .allSatisfy(p -> assertThat(p.tpr()).isPositive());
        assertThat(loglog).extracting(RocCurve.Point::fpr).containsExactly(0.5, 0.5, 1.0);
        assertThat(loglog).extracting(RocCurve.Point::threshold).containsExactly(4.0, 3.0, 1.0);
    }

    @Test
    void reversedScoreHasZeroAdvantageAndAucZero() {
        RocCurve curve = RocCurve.of(new double[] {1, 2}, new double[] {3, 4});
        assertThat(curve.auc()).isEqualTo(0.0);
        assertThat(curve.advantage()).isEqualTo(0.0);
        assertThat(curve.tprAtFpr(0.5)).isEqualTo(0.0);
    }

    @Test
    void aucAgreesWithRocAucAndKernelsAgreeWithTheCurveOnRandomTiedData() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] m = new double[1 + random.nextInt(40)];
            double[] n = new double[1 + random.nextInt(40)];
            for (int i = 0; i < m.length; i++) {
                m[i] = Math.round(random.nextGaussian() * 3 + 1); // rounding makes many ties
            }
            for (int i = 0; i < n.length; i++) {
                n[i] = Math.round(random.nextGaussian() * 3);
            }
            RocCurve curve = RocCurve.of(m, n);
            double expected = RocAuc.of(m, n);
            assertThat(curve.auc()).isCloseTo(expected, within(EPS));
            double[] sm = Checks.sortedCopy(m);
            double[] sn = Checks.sortedCopy(n);
            assertThat(RocCurve.aucOfSorted(sm, sn)).isCloseTo(expected, within(EPS));
            for (double target : new double[] {0, 0.01, 0.1, 1.0 / 3, 0.5, 0.999, 1}) {
                assertThat(RocCurve.tprAtFprOfSorted(sm, sn, target))
                        .as("trial %d target %s", trial, target).isEqualTo(curve.tprAtFpr(target));
            }
        }
    }

    @Test
    void pointsAreMonotoneFromOriginToOne() {
        RocCurve curve = RocCurve.of(new double[] {0.3, 0.3, -0.0, 7}, new double[] {0.0, 0.3, 9});
        List<RocCurve.Point> pts = curve.points();
        assertThat(pts.get(0)).isEqualTo(new RocCurve.Point(Double.POSITIVE_INFINITY, 0, 0));
        assertThat(pts.get(pts.size() - 1).fpr()).isEqualTo(1.0);
        assertThat(pts.get(pts.size() - 1).tpr()).isEqualTo(1.0);
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i).threshold()).isLessThan(pts.get(i - 1).threshold());
            assertThat(pts.get(i).fpr()).isGreaterThanOrEqualTo(pts.get(i - 1).fpr());
            assertThat(pts.get(i).tpr()).isGreaterThanOrEqualTo(pts.get(i - 1).tpr());
        }
        assertThat(pts).hasSize(5); // +inf, 9, 7, 0.3, 0 (-0.0 and 0.0 are one threshold)
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> RocCurve.of(new double[0], new double[] {1})).hasMessageContaining("members");
        assertThatThrownBy(() -> RocCurve.of(new double[] {1}, new double[0])).hasMessageContaining("nonMembers");
        assertThatThrownBy(() -> RocCurve.of(new double[] {1}, new double[] {0, Double.NaN}))
                .hasMessageContaining("nonMembers[1]");
        assertThatThrownBy(() -> RocCurve.of(null, new double[] {1})).hasMessageContaining("members");
        RocCurve curve = RocCurve.of(new double[] {1}, new double[] {0});
        assertThatThrownBy(() -> curve.tprAtFpr(1.5)).hasMessageContaining("target");
        assertThatThrownBy(() -> curve.tprAtFpr(Double.NaN)).hasMessageContaining("target");
        assertThatThrownBy(() -> curve.points().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void thinnedCurveKeepsEndsAndLowFalsePositiveRatesWithinTheBudget() {
        Random random = new Random(5);
        double[] m = new double[2000];
        double[] n = new double[2000];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextGaussian() + 1;
            n[i] = random.nextGaussian();
        }
        RocCurve curve = RocCurve.of(m, n);
        List<RocCurve.Point> thin = curve.thinned(50);
        assertThat(thin).hasSizeLessThanOrEqualTo(50).hasSizeGreaterThan(20);
        assertThat(thin.get(0)).isEqualTo(curve.points().get(0));
        assertThat(thin.get(thin.size() - 1)).isEqualTo(curve.points().get(curve.points().size() - 1));
        assertThat(thin.stream().filter(p -> p.fpr() > 0 && p.fpr() <= 0.01).count())
                .as("points at FPR <= 1%").isGreaterThanOrEqualTo(10);
        assertThat(curve.points()).containsAll(thin);
        for (int i = 1; i < thin.size(); i++) {
            assertThat(thin.get(i).fpr()).isGreaterThanOrEqualTo(thin.get(i - 1).fpr());
        }
        assertThat(RocCurve.of(new double[] {1, 2}, new double[] {0}).thinned(50)).hasSize(4);
        assertThatThrownBy(() -> curve.thinned(2)).hasMessageContaining("maxPoints");
    }
}
