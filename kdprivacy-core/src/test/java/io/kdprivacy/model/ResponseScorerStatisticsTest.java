package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scorer's per-position statistics at a real vocabulary size, against the same quantities computed in
 * double precision from the same float32 logits.
 */
class ResponseScorerStatisticsTest {

    private static final int VOCAB = 50_257;

    /** Near-uniform rows (logit spread {@code spread}) are where E[(log p)²] − μ² cancels catastrophically. */
    @Test
    void statisticsOfANearUniformFiftyThousandTokenDistributionMatchDoublePrecision() {
        double[] spreads = {0.002, 0.01, 0.05, 1.0, 4.0};
        float[] logits = new float[spreads.length * VOCAB];
        long[] targets = new long[spreads.length];
        SplittableRandom random = new SplittableRandom(7);
        for (int r = 0; r < spreads.length; r++) {
            float offset = (float) (random.nextDouble() * 40 - 20);   // logits are not centred on 0
            for (int v = 0; v < VOCAB; v++) {
                logits[r * VOCAB + v] = (float) (offset + spreads[r] * gaussian(random));
            }
            targets[r] = random.nextInt(VOCAB);
        }
        float[][] stats;
        try (NDManager m = Torch.newManager()) {
            NDArray[] out = Torch.noGrad(() -> ResponseScorer.statistics(m.create(logits, new Shape(spreads.length, VOCAB)),
                    m.create(targets), true));
            stats = new float[][] {out[0].toFloatArray(), out[1].toFloatArray(), out[2].toFloatArray()};
        }
        for (int r = 0; r < spreads.length; r++) {
            double[] expected = doublePrecision(logits, r, (int) targets[r]);
            double sigma = expected[2];
            assertThat((double) stats[0][r]).as("log p of the target, spread %s", spreads[r]).isCloseTo(expected[0], within(2e-6));
            assertThat((double) stats[1][r]).as("mu, spread %s", spreads[r]).isCloseTo(expected[1], within(2e-6));
            assertThat((double) stats[2][r]).as("sigma, spread %s", spreads[r]).isCloseTo(sigma, within(1e-4 * sigma));
            double minKpp = (stats[0][r] - stats[1][r]) / stats[2][r];
            double expectedMinKpp = (expected[0] - expected[1]) / sigma;
            assertThat(minKpp).as("Min-K%%++ token score, spread %s", spreads[r])
                    .isCloseTo(expectedMinKpp, within(2e-3 * Math.max(1, Math.abs(expectedMinKpp))));
        }
    }

    /** The uncentred float32 formula this replaces fails the same check: the test can tell the two apart. */
    @Test
    void theUncentredSecondMomentInFloat32IsFarOff() {
        float[] logits = new float[VOCAB];
        SplittableRandom random = new SplittableRandom(11);
        for (int v = 0; v < VOCAB; v++) {
            logits[v] = (float) (3 + 0.01 * gaussian(random));
        }
        double sigma = doublePrecision(logits, 0, 0)[2];
        float uncentred;
        try (NDManager m = Torch.newManager()) {
            NDArray logp = m.create(logits, new Shape(1, VOCAB)).logSoftmax(-1);
            NDArray pLogp = logp.exp().mul(logp);
            NDArray mu = pLogp.sum(new int[] {-1});
            uncentred = pLogp.mul(logp).sum(new int[] {-1}).sub(mu.square()).maximum(0f).sqrt().getFloat(0);
        }
        assertThat(Math.abs(uncentred - sigma) / sigma).isGreaterThan(1e-2);
    }

    /** [log p(target), μ, σ] of row {@code r} in double precision, by the textbook formulas. */
    private static double[] doublePrecision(float[] logits, int r, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < VOCAB; v++) {
            max = Math.max(max, logits[r * VOCAB + v]);
        }
        double sum = 0;
        for (int v = 0; v < VOCAB; v++) {
            sum += Math.exp(logits[r * VOCAB + v] - max);
        }
        double lse = max + Math.log(sum);
        double mu = 0;
        for (int v = 0; v < VOCAB; v++) {
            double lp = logits[r * VOCAB + v] - lse;
            mu += Math.exp(lp) * lp;
        }
        double var = 0;
        for (int v = 0; v < VOCAB; v++) {
            double lp = logits[r * VOCAB + v] - lse;
            var += Math.exp(lp) * (lp - mu) * (lp - mu);
        }
        return new double[] {logits[r * VOCAB + target] - lse, mu, Math.sqrt(var)};
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
