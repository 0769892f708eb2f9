package io.kdprivacy.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.kdprivacy.model.Torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DivergencesTest {

    private static final int B = 2;
    private static final int T = 2;
    private static final int V = 4;

    /** [B][T][V]; position (0,1) is masked and has wildly different teacher and student logits. */
    private static final double[][][] TEACHER = {
            {{1.0, 0.5, -0.3, 2.0}, {30.0, -30.0, 0.0, 5.0}},
            {{0.2, 0.1, 0.0, -0.1}, {-1.5, 2.5, 0.7, 0.0}},
    };
    private static final double[][][] STUDENT = {
            {{0.3, 1.2, -1.0, 0.8}, {-25.0, 40.0, 3.0, -10.0}},
            {{2.0, -1.0, 0.5, 0.0}, {0.1, 0.4, 1.9, -2.2}},
    };
    private static final double[][] MASK = {{1, 0}, {1, 1}};

    private static final double[] PARAMETERS = {0.0, 0.1, 0.5, 0.9, 1.0};

    // ---------------------------------------------------------------- plain-double reference

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] mix(double w, double[] a, double[] b) {
        double[] m = new double[a.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = w * a[i] + (1 - w) * b[i];
        }
        return m;
    }

    private static double kl(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                s += a[i] * Math.log(a[i] / b[i]);
            }
        }
        return s;
    }

    /** The divergence at one position, from teacher and student logits, in doubles. */
    private static double reference(Divergence d, double[] teacherLogits, double[] studentLogits, double w) {
        double[] q = softmax(teacherLogits);
        double[] p = softmax(studentLogits);
        switch (d) {
            case FORWARD_KL:
                return kl(q, p);
            case REVERSE_KL:
                return kl(p, q);
            case SKEW_FORWARD_KL:
                return kl(q, mix(w, q, p));
            case SKEW_REVERSE_KL:
                return kl(p, mix(w, p, q));
            case SYMMETRIC_KL:
                return kl(q, p) + kl(p, q);
            case GENERALIZED_JSD: {
                double[] m = mix(w, p, q);
                return w * kl(p, m) + (1 - w) * kl(q, m);
            }
            case TOTAL_VARIATION: {
                double s = 0;
                for (int i = 0; i < p.length; i++) {
                    s += Math.abs(p[i] - q[i]);
                }
                return s / 2;
            }
            default:
                throw new AssertionError(d);
        }
    }

    private static double referenceMean(Divergence d, double[][][] teacher, double[][][] student, double[][] mask,
                                        double w) {
        double sum = 0;
        double count = 0;
        for (int b = 0; b < teacher.length; b++) {
            for (int t = 0; t < teacher[b].length; t++) {
                if (mask[b][t] != 0) {
                    sum += reference(d, teacher[b][t], student[b][t], w);
                    count++;
                }
            }
        }
        return sum / count;
    }

    // ---------------------------------------------------------------- helpers

    private static NDArray logits(NDManager m, double[][][] values) {
        int b = values.length;
        int t = values[0].length;
        int v = values[0][0].length;
        float[] flat = new float[b * t * v];
        int k = 0;
        for (double[][] row : values) {
            for (double[] pos : row) {
                for (double z : pos) {
                    flat[k++] = (float) z;
                }
            }
        }
        return m.create(flat, new Shape(b, t, v));
    }

    private static NDArray mask(NDManager m, double[][] values) {
        float[] flat = new float[values.length * values[0].length];
        int k = 0;
        for (double[] row : values) {
            for (double x : row) {
                flat[k++] = (float) x;
            }
        }
        return m.create(flat, new Shape(values.length, values[0].length));
    }

    private static double value(Divergence d, double[][][] teacher, double[][][] student, double[][] mask, double w) {
        try (NDManager m = Torch.newManager()) {
            NDArray result = d.compute(logits(m, teacher), logits(m, student), mask(m, mask), w);
            assertThat(result.getShape()).isEqualTo(new Shape());
            return result.getFloat();
        }
    }

    private static double[][] allOnes(int b, int t) {
        double[][] mask = new double[b][t];
        for (double[] row : mask) {
            java.util.Arrays.fill(row, 1.0);
        }
        return mask;
    }

    private static double[][][] random(SplittableRandom r, int b, int t, int v, double scale) {
        double[][][] x = new double[b][t][v];
        for (double[][] row : x) {
            for (double[] pos : row) {
                for (int i = 0; i < v; i++) {
                    pos[i] = (r.nextDouble() * 2 - 1) * scale;
                }
            }
        }
        return x;
    }

    static Stream<Arguments> everyDivergenceAndParameter() {
        List<Arguments> cases = new ArrayList<>();
        for (Divergence d : Divergence.values()) {
            if (d.parameterized()) {
                for (double w : PARAMETERS) {
                    cases.add(Arguments.of(d, w));
                }
            } else {
                cases.add(Arguments.of(d, Double.NaN));
            }
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------- values

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("everyDivergenceAndParameter")
    void identicalDistributionsGiveZero(Divergence d, double w) {
        // Same distribution, different logits: a constant shift leaves the softmax unchanged.
        double[][][] shifted = new double[B][T][V];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int v = 0; v < V; v++) {
                    shifted[b][t][v] = TEACHER[b][t][v] + 3.0;
                }
            }
        }
        assertThat(value(d, TEACHER, shifted, allOnes(B, T), w)).isCloseTo(0.0, within(2e-6));
        assertThat(value(d, STUDENT, STUDENT, MASK, w)).isCloseTo(0.0, within(2e-6));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("everyDivergenceAndParameter")
    void matchesAPlainDoubleReferenceAndIgnoresMaskedPositions(Divergence d, double w) {
        double expected = referenceMean(d, TEACHER, STUDENT, MASK, w);
        assertThat(value(d, TEACHER, STUDENT, MASK, w)).isCloseTo(expected, within(1e-5 + 1e-5 * expected));
        // The masked position alone is far from the others, so counting it would show.
        double masked = reference(d, TEACHER[0][1], STUDENT[0][1], w);
        double unmaskedCount = 3;
        if (expected > 0) {
            assertThat(Math.abs((expected * unmaskedCount + masked) / 4 - expected)).isGreaterThan(1e-3);
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("everyDivergenceAndParameter")
    void perTokenGivesEveryPositionUnmasked(Divergence d, double w) {
        try (NDManager m = Torch.newManager()) {
            NDArray perToken = d.perToken(logits(m, TEACHER), logits(m, STUDENT), w);
            assertThat(perToken.getShape()).isEqualTo(new Shape(B, T));
            float[] values = perToken.toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    double expected = reference(d, TEACHER[b][t], STUDENT[b][t], w);
                    assertThat((double) values[b * T + t]).as("position (%d,%d)", b, t)
                            .isCloseTo(expected, within(2e-5 + 2e-5 * Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void handWorkedTwoTokenExample() {
        // q = (1/4, 3/4), p = (1/2, 1/2)
        double[][][] teacher = {{{0.0, Math.log(3)}}};
        double[][][] student = {{{0.7, 0.7}}};
        double[][] mask = {{1}};
        assertThat(value(Divergence.FORWARD_KL, teacher, student, mask, Double.NaN))
                .isCloseTo(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), within(1e-6)); // 0.1308120
        assertThat(value(Divergence.REVERSE_KL, teacher, student, mask, Double.NaN))
                .isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), within(1e-6)); // 0.1438410
        assertThat(value(Divergence.TOTAL_VARIATION, teacher, student, mask, Double.NaN))
                .isCloseTo(0.25, within(1e-6));
        // SRKL(α = 0.5): mixture 0.5·p + 0.5·q = (3/8, 5/8)
        assertThat(value(Divergence.SKEW_REVERSE_KL, teacher, student, mask, 0.5))
                .isCloseTo(0.5 * Math.log(0.5 / 0.375) + 0.5 * Math.log(0.5 / 0.625), within(1e-6));
    }

    @Test
    void namedMethodsMatchTheEnum() {
        try (NDManager m = Torch.newManager()) {
            NDArray q = logits(m, TEACHER);
            NDArray p = logits(m, STUDENT);
            NDArray k = mask(m, MASK);
            assertThat(Divergences.forwardKl(q, p, k).getFloat())
                    .isEqualTo(Divergence.FORWARD_KL.compute(q, p, k, 0).getFloat());
            assertThat(Divergences.reverseKl(q, p, k).getFloat())
                    .isEqualTo(Divergence.REVERSE_KL.compute(q, p, k, 0).getFloat());
            assertThat(Divergences.skewForwardKl(q, p, k, 0.3).getFloat())
                    .isEqualTo(Divergence.SKEW_FORWARD_KL.compute(q, p, k, 0.3).getFloat());
            assertThat(Divergences.skewReverseKl(q, p, k, 0.3).getFloat())
                    .isEqualTo(Divergence.SKEW_REVERSE_KL.compute(q, p, k, 0.3).getFloat());
            assertThat(Divergences.symmetricKl(q, p, k).getFloat())
                    .isEqualTo(Divergence.SYMMETRIC_KL.compute(q, p, k, 0).getFloat());
            assertThat(Divergences.generalizedJsd(q, p, k, 0.3).getFloat())
                    .isEqualTo(Divergence.GENERALIZED_JSD.compute(q, p, k, 0.3).getFloat());
            assertThat(Divergences.totalVariation(q, p, k).getFloat())
                    .isEqualTo(Divergence.TOTAL_VARIATION.compute(q, p, k, 0).getFloat());
            // defaults are the reference code's
            assertThat(Divergence.SKEW_REVERSE_KL.compute(q, p, k).getFloat())
                    .isEqualTo(Divergences.skewReverseKl(q, p, k, 0.1).getFloat());
            assertThat(Divergence.GENERALIZED_JSD.compute(q, p, k).getFloat())
                    .isEqualTo(Divergences.generalizedJsd(q, p, k, 0.9).getFloat());
        }
    }

    @Test
    void symmetricKlIsForwardPlusReverse() {
        double f = value(Divergence.FORWARD_KL, TEACHER, STUDENT, MASK, Double.NaN);
        double r = value(Divergence.REVERSE_KL, TEACHER, STUDENT, MASK, Double.NaN);
        assertThat(value(Divergence.SYMMETRIC_KL, TEACHER, STUDENT, MASK, Double.NaN)).isCloseTo(f + r, within(1e-5));
        assertThat(f).isNotCloseTo(r, within(1e-3)); // the two directions genuinely differ here
    }

    @Test
    void klDivergencesAreNonNegativeOnRandomLogits() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 5; trial++) {
            double[][][] teacher = random(r, 3, 5, 11, 4.0);
            double[][][] student = random(r, 3, 5, 11, 4.0);
            double[][] mask = allOnes(3, 5);
            for (Divergence d : Divergence.values()) {
                double w = d.parameterized() ? r.nextDouble() : Double.NaN;
                double v = value(d, teacher, student, mask, w);
                assertThat(v).as("%s(%s) trial %d", d, w, trial).isGreaterThanOrEqualTo(-1e-6);
                if (d != Divergence.TOTAL_VARIATION) {
                    assertThat(v).isCloseTo(referenceMean(d, teacher, student, mask, w), within(1e-4));
                }
            }
        }
    }

    @Test
    void jsdAtOneHalfIsSymmetricAndAtMostLn2() {
        double pq = value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 0.5);
        double qp = value(Divergence.GENERALIZED_JSD, STUDENT, TEACHER, MASK, 0.5);
        assertThat(pq).isGreaterThan(0.01).isCloseTo(qp, within(1e-6)).isLessThanOrEqualTo(Math.log(2));
        // at β = 0.9 it is not symmetric
        assertThat(value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 0.9))
                .isNotCloseTo(value(Divergence.GENERALIZED_JSD, STUDENT, TEACHER, MASK, 0.9), within(1e-4));
        // nearly disjoint supports approach ln 2 from below
        double[][][] teacher = {{{40, -40, -40, -40}}};
        double[][][] student = {{{-40, 40, -40, -40}}};
        double disjoint = value(Divergence.GENERALIZED_JSD, teacher, student, new double[][] {{1}}, 0.5);
        assertThat(disjoint).isLessThanOrEqualTo(Math.log(2) + 1e-6).isCloseTo(Math.log(2), within(1e-5));
    }

    @Test
    void skewKlLimits() {
        double forward = value(Divergence.FORWARD_KL, TEACHER, STUDENT, MASK, Double.NaN);
        double reverse = value(Divergence.REVERSE_KL, TEACHER, STUDENT, MASK, Double.NaN);
        assertThat(forward).isGreaterThan(0.1);
        assertThat(reverse).isGreaterThan(0.1);
        // α = 0: the plain KL; α = 1: the mixture is the KL's own first argument, so 0
        assertThat(value(Divergence.SKEW_FORWARD_KL, TEACHER, STUDENT, MASK, 0.0)).isCloseTo(forward, within(1e-6));
        assertThat(value(Divergence.SKEW_FORWARD_KL, TEACHER, STUDENT, MASK, 1.0)).isCloseTo(0.0, within(1e-7));
        assertThat(value(Divergence.SKEW_REVERSE_KL, TEACHER, STUDENT, MASK, 0.0)).isCloseTo(reverse, within(1e-6));
        assertThat(value(Divergence.SKEW_REVERSE_KL, TEACHER, STUDENT, MASK, 1.0)).isCloseTo(0.0, within(1e-7));
        // continuous at both ends (no NaN from log 0 near the limits)
        assertThat(value(Divergence.SKEW_FORWARD_KL, TEACHER, STUDENT, MASK, 1e-7)).isCloseTo(forward, within(1e-4));
        assertThat(value(Divergence.SKEW_REVERSE_KL, TEACHER, STUDENT, MASK, 1 - 1e-7)).isCloseTo(0.0, within(1e-5));
        // and decreasing in α in between (KL is convex in its second argument)
        double previous = Double.POSITIVE_INFINITY;
        for (double a = 0; a <= 1.0001; a += 0.1) {
            double v = value(Divergence.SKEW_REVERSE_KL, TEACHER, STUDENT, MASK, Math.min(a, 1));
            assertThat(v).as("alpha %s", a).isLessThan(previous);
            previous = v;
        }
    }

    @Test
    void generalizedJsdVanishesAtBothEnds() {
        assertThat(value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 0.0)).isCloseTo(0.0, within(1e-7));
        assertThat(value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 1.0)).isCloseTo(0.0, within(1e-7));
        assertThat(value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 1e-6)).isCloseTo(0.0, within(1e-4));
        assertThat(value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 1 - 1e-6)).isCloseTo(0.0, within(1e-4));
        assertThat(value(Divergence.GENERALIZED_JSD, TEACHER, STUDENT, MASK, 0.9)).isGreaterThan(0.01);
    }

    @Test
    void totalVariationLiesInTheUnitInterval() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            double[][][] teacher = random(r, 2, 3, 7, 5.0);
            double[][][] student = random(r, 2, 3, 7, 5.0);
            double tv = value(Divergence.TOTAL_VARIATION, teacher, student, allOnes(2, 3), Double.NaN);
            assertThat(tv).isBetween(0.0, 1.0)
                    .isCloseTo(referenceMean(Divergence.TOTAL_VARIATION, teacher, student, allOnes(2, 3), 0),
                            within(1e-5));
        }
        double[][][] teacher = {{{40, -40, -40}}};
        double[][][] student = {{{-40, 40, -40}}};
        assertThat(value(Divergence.TOTAL_VARIATION, teacher, student, new double[][] {{1}}, Double.NaN))
                .isBetween(1 - 1e-6, 1.0 + 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Divergence.class)
    void staysFiniteAndAccurateWhenSoftmaxUnderflows(Divergence d) {
        // exp(-200) underflows float32: softmax-then-log would give -inf / NaN; log-softmax does not.
        // The last position has a token (v = 3) that is far below every other under both models, so even
        // the mixture's probability underflows unless the mixture stays in log space.
        double[][][] teacher = {{{0, -200, 5, -150}, {-120, 0, 80, 1}, {0, -200, 5, -150}}};
        double[][][] student = {{{-180, 0, 2, 3}, {10, -90, 0, 60}, {-180, 0, 2, -190}}};
        double[][] mask = {{1, 1, 1}};
        double w = d.parameterized() ? 0.3 : Double.NaN;
        double v = value(d, teacher, student, mask, w);
        double expected = referenceMean(d, teacher, student, mask, w);
        assertThat(v).isFinite().isCloseTo(expected, within(1e-3 + 1e-5 * expected));
    }

    @Test
    void emptyMaskGivesZeroNotNaN() {
        double[][] none = {{0, 0}, {0, 0}};
        for (Divergence d : Divergence.values()) {
            assertThat(value(d, TEACHER, STUDENT, none, 0.5)).as(d.name()).isEqualTo(0.0);
        }
    }

    @Test
    void rejectsBadShapesAndParameters() {
        try (NDManager m = Torch.newManager()) {
            NDArray q = logits(m, TEACHER);
            NDArray p = logits(m, STUDENT);
            NDArray k = mask(m, MASK);
            assertThatThrownBy(() -> Divergences.skewReverseKl(q, p, k, 1.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
            assertThatThrownBy(() -> Divergences.generalizedJsd(q, p, k, -0.1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
            assertThatThrownBy(() -> Divergences.skewForwardKl(q, p, k, Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Divergences.forwardKl(q, p.get("0:1"), k))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
            assertThatThrownBy(() -> Divergences.forwardKl(q, p, k.get("0:1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask");
            assertThatThrownBy(() -> Divergences.forwardKl(q.reshape(4, 4), p.reshape(4, 4), k))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[B,T,V]");
        }
    }

    // ---------------------------------------------------------------- gradients

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("everyDivergenceAndParameter")
    void gradientsReachOnlyTheStudentAndOnlyAtUnmaskedPositions(Divergence d, double w) {
        // The generalized JSD at β = 0 or 1 and the skew KLs at α = 1 are identically 0: zero gradient.
        boolean identicallyZero = (d == Divergence.GENERALIZED_JSD && (w == 0 || w == 1))
                || ((d == Divergence.SKEW_FORWARD_KL || d == Divergence.SKEW_REVERSE_KL) && w == 1);
        try (NDManager m = Torch.newManager()) {
            NDArray teacher = logits(m, TEACHER);
            NDArray student = logits(m, STUDENT);
            Torch.requireGrad(teacher, true);
            Torch.requireGrad(student, true);
            NDArray loss = Torch.withGrad(() -> d.compute(teacher, student, mask(m, MASK), w));
            Torch.backward(loss);

            // PyTorch leaves the gradient of a leaf that no backward path reaches undefined (None);
            // DJL 0.36's getGradient (behind Torch.gradient) then hands back fresh zeros instead of null.
            assertThat(JniUtils.getGradient((PtNDArray) teacher)).as("libtorch teacher .grad").isNull();
            NDArray teacherGrad = Torch.gradient(teacher);
            if (teacherGrad != null) {
                assertThat(teacherGrad.abs().sum().getFloat()).as("teacher gradient").isZero();
            }

            NDArray grad = Torch.gradient(student);
            assertThat(grad).isNotNull();
            assertThat(grad.getShape()).isEqualTo(new Shape(B, T, V));
            float[] g = grad.toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    double norm = 0;
                    for (int v = 0; v < V; v++) {
                        float x = g[(b * T + t) * V + v];
                        assertThat(x).isFinite();
                        norm += x * x;
                    }
                    if (MASK[b][t] == 0 || identicallyZero) {
                        assertThat(norm).as("masked or zero-loss position (%d,%d)", b, t).isLessThan(1e-20);
                    } else {
                        assertThat(norm).as("position (%d,%d)", b, t).isGreaterThan(1e-10);
                    }
                }
            }
        }
    }

    @Test
    void forwardKlGradientIsStudentMinusTeacherOverCount() {
        try (NDManager m = Torch.newManager()) {
            NDArray student = logits(m, STUDENT);
            Torch.requireGrad(student, true);
            NDArray loss = Torch.withGrad(() -> Divergences.forwardKl(logits(m, TEACHER), student, mask(m, MASK)));
            Torch.backward(loss);
            float[] g = Torch.gradient(student).toFloatArray();
            double count = 3;
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    double[] q = softmax(TEACHER[b][t]);
                    double[] p = softmax(STUDENT[b][t]);
                    for (int v = 0; v < V; v++) {
                        double expected = MASK[b][t] == 0 ? 0 : (p[v] - q[v]) / count;
                        assertThat((double) g[(b * T + t) * V + v]).as("(%d,%d,%d)", b, t, v)
                                .isCloseTo(expected, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void reverseKlGradientMatchesItsClosedForm() {
        // d/dz_j Σ_v p (log p − log q) = p_j (log p_j − log q_j − KL(p ‖ q))
        try (NDManager m = Torch.newManager()) {
            NDArray student = logits(m, STUDENT);
            Torch.requireGrad(student, true);
            NDArray loss = Torch.withGrad(() -> Divergences.reverseKl(logits(m, TEACHER), student, mask(m, MASK)));
            Torch.backward(loss);
            float[] g = Torch.gradient(student).toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    double[] q = softmax(TEACHER[b][t]);
                    double[] p = softmax(STUDENT[b][t]);
                    double kl = kl(p, q);
                    for (int v = 0; v < V; v++) {
                        double expected = MASK[b][t] == 0 ? 0 : p[v] * (Math.log(p[v] / q[v]) - kl) / 3;
                        assertThat((double) g[(b * T + t) * V + v]).as("(%d,%d,%d)", b, t, v)
                                .isCloseTo(expected, within(1e-6));
                    }
                }
            }
        }
    }
}
