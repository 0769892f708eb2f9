package io.kdprivacy.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Against {@code skewnorm-logcdf.json}, made once by {@code scripts/fixtures/skewnorm/make_skewnorm.py} (SciPy
 * 1.10.1, NumPy 1.24.2, mpmath 1.2.1 from Debian 12): log-CDF references at 50 digits (mpmath quadrature, equal
 * to the closed forms for α = 0, ±1 to 1e-18 and to SciPy's {@code skewnorm.logcdf} within 1e-9 where SciPy is
 * accurate) and moment fits computed in Python by the closed form.
 */
class SkewNormalTest {

    /**
     * Relative tolerance on log F. The references are good to far below double precision, so what is left is
     * this code's own error: log Φ from the series near 0 (up to ~1e-13 where ½ + φS cancels, at z = −3), density
     * ratios formed in double (~1e-15 each), the quadrature (its error estimate is held below 1e-13 of the
     * integral, an absolute error of the log) and rounding of z = (x − ξ)/ω (~2e-16 relative). Measured: 7.6e-14
     * at worst (α = 0, z = −3). 1e-12 leaves a margin of 13 and is 10⁶ times stricter than the 1e-6 needed.
     */
    private static final double LOG_CDF_TOLERANCE = 1e-12;
    private static final double FIT_TOLERANCE = 1e-9;

    private static JsonNode fixture;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = SkewNormalTest.class.getResourceAsStream("skewnorm-logcdf.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void logCdfMatchesTheReferenceFromTheDeepLeftTailToTheRightTail() {
        double worst = 0;
        List<String> misses = new ArrayList<>();
        int points = 0;
        for (JsonNode d : fixture.get("logcdf")) {
            SkewNormal distribution = new SkewNormal(d.get("location").asDouble(), d.get("scale").asDouble(),
                    d.get("alpha").asDouble());
            for (JsonNode p : d.get("points")) {
                double expected = p.get("logcdf").asDouble();
                double actual = distribution.logCdf(p.get("x").asDouble());
                double error = relativeError(actual, expected);
                worst = Math.max(worst, error);
                points++;
                if (!(error <= LOG_CDF_TOLERANCE)) {
                    misses.add(distribution + " z=" + p.get("z").asDouble() + ": " + actual + " vs " + expected);
                }
            }
        }
        System.out.printf("SkewNormal.logCdf: max relative error %.3g over %d reference points%n", worst, points);
        assertThat(misses).isEmpty();
        assertThat(points).isGreaterThan(200);
    }

    @Test
    void deepLeftTailIsFiniteAndMonotone() {
        SkewNormal d = new SkewNormal(0, 1, 20);
        double previous = Double.NEGATIVE_INFINITY;
        for (double z = -1000; z <= 5; z += 0.25) {
            double value = d.logCdf(z);
            assertThat(value).as("z=%s", z).isFinite().isLessThanOrEqualTo(0.0).isGreaterThanOrEqualTo(previous);
            previous = value;
        }
        // log F ≈ −(1 + α²) z²/2 far out: 40 scales below gives about −3.2e5
        assertThat(d.logCdf(-40)).isCloseTo(-(1 + 400) * 800.0, within(30.0));
    }

    @Test
    void alphaZeroIsTheNormalAndAlphaOneIsPhiSquared() {
        SkewNormal normal = new SkewNormal(3.5, 2, 0);
        assertThat(normal.logCdf(3.5)).isCloseTo(Math.log(0.5), within(1e-15));
        // Φ(1) = 0.8413447460685429 (A&S 26.2), Φ(−2) = 0.022750131948179207
        assertThat(normal.logCdf(5.5)).isCloseTo(Math.log(0.8413447460685429), within(1e-14));
        assertThat(normal.logCdf(-0.5)).isCloseTo(Math.log(0.022750131948179207), within(1e-13));
        // α = 1: F(z) = Φ(z)², so F(0) = 1/4; mirrored α = −1: F(0) = 3/4
        assertThat(new SkewNormal(0, 1, 1).logCdf(0)).isCloseTo(Math.log(0.25), within(1e-14));
        assertThat(new SkewNormal(0, 1, -1).logCdf(0)).isCloseTo(Math.log(0.75), within(1e-14));
        // F(ξ) = 1/2 − arctan(α)/π for any α
        assertThat(new SkewNormal(0, 1, 5).logCdf(0)).isCloseTo(Math.log(0.5 - Math.atan(5) / Math.PI), within(1e-13));
        assertThat(normal.logCdf(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(normal.logCdf(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(normal.logCdf(Double.NaN)).isNaN();
    }

    @Test
    void momentFitMatchesTheClosedFormComputedInPython() {
        for (JsonNode m : fixture.get("moments")) {
            JsonNode values = m.get("sample");
            double[] sample = new double[values.size()];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values.get(i).asDouble();
            }
            SkewNormal fit = SkewNormal.fitMoments(sample);
            String name = m.get("name").asText();
            assertThat(fit.location()).as(name).isCloseTo(m.get("location").asDouble(), tolerance(m, "location"));
            assertThat(fit.scale()).as(name).isCloseTo(m.get("scale").asDouble(), tolerance(m, "scale"));
            assertThat(fit.shape()).as(name).isCloseTo(m.get("shape").asDouble(), tolerance(m, "shape"));
        }
    }

    @Test
    void clippedSkewnessGivesTheLargestShape() {
        double[] sample = {0, 0, 0, 0, 0, 0, 0, 0, 0, 10};
        SkewNormal fit = SkewNormal.fitMoments(sample);
        SkewNormal mirrored = SkewNormal.fitMoments(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, -10});
        assertThat(fit.shape()).isCloseTo(27.85, within(0.01));
        assertThat(mirrored.shape()).isCloseTo(-fit.shape(), within(1e-12));
        assertThat(mirrored.location()).isCloseTo(-fit.location(), within(1e-12));
        assertThat(mirrored.scale()).isCloseTo(fit.scale(), within(1e-12));
    }

    @Test
    void refusesWhatCannotBeFitted() {
        assertThatThrownBy(() -> SkewNormal.fitMoments(new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 values, got 2");
        assertThatThrownBy(() -> SkewNormal.fitMoments(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
        assertThatThrownBy(() -> SkewNormal.fitMoments(new double[] {1, Double.NaN, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample[1] is NaN");
        assertThatThrownBy(() -> SkewNormal.fitMoments(new double[] {1, 2, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample[2] is Infinity");
        assertThatThrownBy(() -> SkewNormal.fitMoments(new double[] {4, 4, 4, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero variance");
        assertThatThrownBy(() -> new SkewNormal(0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> new SkewNormal(0, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    private static org.assertj.core.data.Offset<Double> tolerance(JsonNode m, String field) {
        return within(FIT_TOLERANCE * Math.max(1, Math.abs(m.get(field).asDouble())));
    }

    private static double relativeError(double actual, double expected) {
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
    }
}
