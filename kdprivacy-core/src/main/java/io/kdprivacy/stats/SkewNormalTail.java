package io.kdprivacy.stats;

/**
 * The standard skew-normal's lower tail in log space: log ∫_{−∞}^z 2φ(t)Φ(αt) dt for z at most the mean. The
 * integrand is divided by its value at z and integrated in the distance u = z − t, so it starts at 1 (or rises a
 * little, between the mode and the mean) and falls off; panels [0, w], [w, 3w], [3w, 7w], … double in width from
 * the fall-off scale w = 1/max(1, |d log f/dt|) at z until a panel adds less than 1e-17 of the total. Each panel
 * is integrated by adaptive Gauss–Kronrod 7/15 (QUADPACK's qk15 nodes) until |Kronrod − Gauss| is below 1e-13 of
 * the running total (the Kronrod value itself is far more accurate than that estimate).
 */
final class SkewNormalTail {

    private static final double[] KRONROD_NODES = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] KRONROD_WEIGHTS = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Weights of the 7-point Gauss rule on the odd Kronrod nodes (1, 3, 5, 7). */
    private static final double[] GAUSS_WEIGHTS = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    private static final double RELATIVE_TOLERANCE = 1e-13;
    private static final double NEGLIGIBLE = 1e-17;
    private static final int MAX_PANELS = 200;
    private static final int MAX_DEPTH = 30;

    private final double z;
    private final double alpha;

    private SkewNormalTail(double z, double alpha) {
        this.z = z;
        this.alpha = alpha;
    }

    /** log F(z) of the standard skew-normal with shape {@code alpha}, for z at most its mean. */
    static double logLower(double z, double alpha) {
        double top = SkewNormal.logDensity(z, alpha);
        if (top == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return top + Math.log(new SkewNormalTail(z, alpha).integral());
    }

    /** ∫_0^∞ f(z − u)/f(z) du. */
    private double integral() {
        double slope = -z + alpha * Math.exp(Normal.logPdf(alpha * z) - Normal.logCdf(alpha * z));
        double width = 1 / Math.max(1, Math.abs(slope));
        double total = 0;
        double start = 0;
        for (int panel = 0; panel < MAX_PANELS; panel++) {
            double end = start + width;
            double part = adaptive(start, end, RELATIVE_TOLERANCE * Math.max(total, width * ratio(start)), 0);
            total += part;
            if (part <= NEGLIGIBLE * total) {
                return total;
            }
            start = end;
            width *= 2;
        }
        throw new ArithmeticException("skew-normal tail integral did not converge at z=" + z + ", alpha=" + alpha);
    }

    private double adaptive(double a, double b, double tolerance, int depth) {
        double half = 0.5 * (b - a);
        double centre = a + half;
        double kronrod = KRONROD_WEIGHTS[7] * ratio(centre);
        double gauss = GAUSS_WEIGHTS[3] * ratio(centre);
        for (int i = 0; i < 7; i++) {
            double pair = ratio(centre - half * KRONROD_NODES[i]) + ratio(centre + half * KRONROD_NODES[i]);
            kronrod += KRONROD_WEIGHTS[i] * pair;
            if (i % 2 == 1) {
                gauss += GAUSS_WEIGHTS[i / 2] * pair;
            }
        }
        kronrod *= half;
        gauss *= half;
        if (Math.abs(kronrod - gauss) <= tolerance || depth >= MAX_DEPTH) {
            return kronrod;
        }
        return adaptive(a, centre, tolerance / 2, depth + 1) + adaptive(centre, b, tolerance / 2, depth + 1);
    }

    /**
     * f(z − u)/f(z) = exp(zu − u²/2) · Φ(α(z − u))/Φ(αz), the exponent formed from the differences, not from two
     * large logs: deep in the tail log f(z) is −3e5 and its rounding alone would be noise of 1e-11.
     */
    private double ratio(double u) {
        return Math.exp(z * u - 0.5 * u * u + Normal.logCdfShift(alpha * z, -alpha * u));
    }
}
