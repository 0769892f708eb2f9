package io.kdprivacy.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden values from SciPy 1.10.1 (Debian python3-scipy), computed with
 * {@code /usr/bin/python3 -c "from scipy.stats import beta; print(beta.ppf(a/2, k, n-k+1), beta.ppf(1-a/2, k+1, n-k))"}
 * (two-sided, a = 1 - confidence), {@code beta.ppf(c, k+1, n-k)} (one-sided upper) and
 * {@code beta.cdf(x, a, b)} (incomplete beta).
 */
class ClopperPearsonTest {

    @ParameterizedTest
    @CsvSource({
        "0, 100, 0.95, 0, 0.03621669265",
        "5, 20, 0.95, 0.0865714691, 0.4910458717",
        "1, 10, 0.95, 0.002528578544, 0.445016117",
        "50, 100, 0.95, 0.3983211295, 0.6016788705",
        "3, 1000, 0.99, 0.0003381445291, 0.01093377742",
        "20, 20, 0.95, 0.831566529, 1",
        "7, 300, 0.90, 0.01100106363, 0.04337867564",
    })
    void twoSidedMatchesScipy(int k, int n, double confidence, double lower, double upper) {
        Interval i = ClopperPearson.interval(k, n, confidence);
        assertThat(i.lower()).isCloseTo(lower, within(1e-9));
        assertThat(i.upper()).isCloseTo(upper, within(1e-9));
        assertThat(i.point()).isEqualTo((double) k / n);
        assertThat(i.confidence()).isEqualTo(confidence);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 299, 0.95, 0.009969146793",
        "0, 298, 0.95, 0.01000243244",
        "2, 500, 0.95, 0.01253760541",
        "10, 1000, 0.99, 0.0200426059",
    })
    void oneSidedUpperMatchesScipy(int k, int n, double confidence, double upper) {
        assertThat(ClopperPearson.upperBound(k, n, confidence)).isCloseTo(upper, within(1e-9));
    }

    @Test
    void edgeCases() {
        assertThat(ClopperPearson.interval(0, 10, 0.95).lower()).isEqualTo(0.0);
        assertThat(ClopperPearson.interval(10, 10, 0.95).upper()).isEqualTo(1.0);
        assertThat(ClopperPearson.upperBound(5, 5, 0.95)).isEqualTo(1.0);
        assertThat(ClopperPearson.lowerBound(0, 5, 0.95)).isEqualTo(0.0);
        // rule of three: k = 0 one-sided 95% upper bound is about 3/n
        assertThat(ClopperPearson.upperBound(0, 3000, 0.95)).isCloseTo(0.001, within(1e-5));
        // one-sided bounds are tighter than the two-sided interval's ends at the same confidence
        Interval two = ClopperPearson.interval(5, 20, 0.95);
        assertThat(ClopperPearson.upperBound(5, 20, 0.95)).isLessThan(two.upper());
        assertThat(ClopperPearson.lowerBound(5, 20, 0.95)).isGreaterThan(two.lower());
        // and equal to the two-sided ends at twice the tail
        assertThat(ClopperPearson.upperBound(5, 20, 0.975)).isCloseTo(two.upper(), within(1e-12));
        assertThat(ClopperPearson.lowerBound(5, 20, 0.975)).isCloseTo(two.lower(), within(1e-12));
    }

    @Test
    void largeNStaysAccurate() {
        // n = 10^6: k = 0 closed form, k = 1 general path, and p = 1/2 close to the normal approximation
        double u0 = ClopperPearson.upperBound(0, 1_000_000, 0.95);
        double u1 = ClopperPearson.upperBound(1, 1_000_000, 0.95);
        assertThat(u0).isCloseTo(2.995732e-6, within(1e-10));
        assertThat(u1).isGreaterThan(u0).isLessThan(1e-5);
        Interval half = ClopperPearson.interval(500_000, 1_000_000, 0.95);
        assertThat(half.lower() + half.upper()).isCloseTo(1.0, within(1e-9));
        assertThat(half.width()).isCloseTo(2 * 1.959964 * 0.0005, within(1e-5));
    }

    @Test
    void incompleteBetaMatchesClosedFormsAndScipy() {
        for (double x : new double[] {1e-6, 0.01, 0.3, 0.5, 0.77, 0.999}) {
            assertThat(Beta.regularized(x, 1, 1)).isCloseTo(x, within(1e-14));
            assertThat(Beta.regularized(x, 3, 1)).isCloseTo(x * x * x, within(1e-14));
            assertThat(Beta.regularized(x, 1, 4)).isCloseTo(1 - Math.pow(1 - x, 4), within(1e-14));
            assertThat(Beta.regularized(x, 2.5, 4) + Beta.regularized(1 - x, 4, 2.5)).isCloseTo(1, within(1e-14));
        }
        assertThat(Beta.regularized(0.3, 2.5, 4.0)).isCloseTo(0.352197585906767, within(1e-13));
        assertThat(Beta.regularized(0.9, 50, 3)).isCloseTo(0.0966332851372522, within(1e-13));
        assertThat(Beta.regularized(0.01, 1, 200)).isCloseTo(0.866020325142038, within(1e-13));
        assertThat(Beta.inverseRegularized(0.352197585906767, 2.5, 4.0)).isCloseTo(0.3, within(1e-12));
        assertThat(Beta.logGamma(10)).isCloseTo(Math.log(362880), within(1e-12));
        assertThat(Beta.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ClopperPearson.interval(-1, 10, 0.95)).hasMessageContaining("k");
        assertThatThrownBy(() -> ClopperPearson.interval(11, 10, 0.95)).hasMessageContaining("k");
        assertThatThrownBy(() -> ClopperPearson.interval(0, 0, 0.95)).hasMessageContaining("n");
        assertThatThrownBy(() -> ClopperPearson.upperBound(1, 10, 1.0)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> ClopperPearson.lowerBound(1, 10, Double.NaN)).hasMessageContaining("confidence");
    }
}
