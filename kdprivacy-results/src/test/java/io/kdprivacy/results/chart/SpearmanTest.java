package io.kdprivacy.results.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void reversedRankingsCorrelateMinusOneAndEqualOnesPlusOne() {
        assertThat(Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isCloseTo(-1, within(1e-12));
        assertThat(Spearman.rho(new double[] {0.6, 0.7, 0.9}, new double[] {0.01, 0.05, 0.2})).isCloseTo(1, within(1e-12));
    }

    @Test
    void tiesShareTheirAverageRank() {
        assertThat(Spearman.ranks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
        assertThat(Spearman.ranks(new double[] {0.5, 0.5, 0.5})).containsExactly(2, 2, 2);
        // a = [1, 2, 2, 3] -> ranks [1, 2.5, 2.5, 4], mean 2.5, deviations [-1.5, 0, 0, 1.5], sum of squares 4.5
        // b = [1, 3, 2, 4] -> ranks [1, 3, 2, 4],     mean 2.5, deviations [-1.5, 0.5, -0.5, 1.5], sum of squares 5
        // covariance sum = 2.25 + 0 + 0 + 2.25 = 4.5, so rho = 4.5 / sqrt(4.5 * 5) = 0.9486832980505138
        assertThat(Spearman.rho(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
                .isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12)).isCloseTo(0.948683, within(1e-6));
    }

    @Test
    void undefinedWithoutTwoPairsOrWithoutSpread() {
        assertThat(Spearman.rho(new double[] {1}, new double[] {2})).isNaN();
        assertThat(Spearman.rho(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThatThrownBy(() -> Spearman.rho(new double[] {1, 2}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
