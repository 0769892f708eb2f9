package io.kdprivacy.stats;

/**
 * The standard normal's log density and log CDF, self-contained (Java has no erf) and accurate far into both
 * tails. log Φ(x) is computed three ways: for |x| ≤ 3 from Marsaglia's series Φ(x) = ½ + φ(x) Σ x^(2n+1)/(2n+1)!!
 * (relative error of Φ below about 1e-13 there, the worst at x = −3 where ½ + φS cancels 2.5 digits); for
 * x &lt; −3 as log φ(x) + log R(−x) with Mills' ratio R(t) = (1 − Φ(t))/φ(t) from Laplace's continued fraction
 * 1/(t + 1/(t + 2/(t + 3/(t + …)))), evaluated by the modified Lentz method to 1e-16 (no underflow however deep:
 * log Φ(−1000) = −500007.83); for x &gt; 0 as log1p(−Φ(−x)), so tiny upper tails keep their relative accuracy.
 * Checked against 50-digit values in {@code SkewNormalTest} (α = 0 rows of the fixture).
 */
final class Normal {

    /** log √(2π). */
    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private static final double SERIES_LIMIT = 3;
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 10_000;

    private Normal() {
    }

    /** log φ(x) = −x²/2 − log √(2π). */
    static double logPdf(double x) {
        return -0.5 * x * x - LOG_SQRT_2PI;
    }

    /** log Φ(x); −∞ at −∞, 0 at +∞, NaN for NaN. */
    static double logCdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > 0) {
            return Math.log1p(-lowerTail(-x));
        }
        if (x >= -SERIES_LIMIT) {
            return Math.log(series(x));
        }
        return logPdf(x) + Math.log(millsRatio(-x));
    }

    /**
     * log Φ(y + d) − log Φ(y), accurate to the difference's own size also deep in the lower tail: there the
     * Gaussian parts are subtracted exactly as −d(2y + d)/2 and only the Mills ratios' logs are differenced.
     */
    static double logCdfShift(double y, double d) {
        double x = y + d;
        if (x < -SERIES_LIMIT && y < -SERIES_LIMIT) {
            return -0.5 * d * (2 * y + d) + Math.log(millsRatio(-x) / millsRatio(-y));
        }
        return logCdf(x) - logCdf(y);
    }

    /** Φ(x) for x ≤ 0, accurate relative to its own size. */
    private static double lowerTail(double x) {
        if (x >= -SERIES_LIMIT) {
            return series(x);
        }
        return Math.exp(logPdf(x)) * millsRatio(-x);
    }

    /** Φ(x) = ½ + φ(x) (x + x³/3 + x⁵/(3·5) + …), for |x| ≤ 3 (Marsaglia 2004). */
    private static double series(double x) {
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= x2 / (2 * n + 1);
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
        }
        return 0.5 + Math.exp(logPdf(x)) * sum;
    }

    /** (1 − Φ(t))/φ(t) for t ≥ 3 by Laplace's continued fraction t + 1/(t + 2/(t + …)), inverted. */
    private static double millsRatio(double t) {
        if (t == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double f = t;
        double c = f;
        double d = 0;
        for (int j = 1; j < MAX_TERMS; j++) {
            d = t + j * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = t + j / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < EPS) {
                return 1 / f;
            }
        }
        throw new ArithmeticException("Mills ratio continued fraction did not converge at " + t);
    }
}
