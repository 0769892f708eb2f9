package io.kdprivacy.memorization;

import io.kdprivacy.data.Canary;
import io.kdprivacy.data.CanaryGenerator;
import io.kdprivacy.data.CanaryKind;
import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.text.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CanaryExposureTest {

    @Test
    void rankIsOneForTheLowestNllAndTiesArePessimistic() {
        assertThat(CanaryExposure.pessimisticRank(new double[] {1.0, 2.0, 3.0, 4.0})).isEqualTo(1);
        assertThat(CanaryExposure.pessimisticRank(new double[] {3.5, 2.0, 3.0, 4.0})).isEqualTo(3);
        assertThat(CanaryExposure.pessimisticRank(new double[] {2.0, 2.0, 2.0, 1.0})).isEqualTo(4);
    }

    @Test
    void exposureIsLog2CandidatesMinusLog2Rank() {
        assertThat(CanaryExposure.exposure(1024, 1)).isCloseTo(10, within(1e-12));
        assertThat(CanaryExposure.exposure(1024, 4)).isCloseTo(8, within(1e-12));
        assertThat(CanaryExposure.exposure(1024, 1024)).isCloseTo(0, within(1e-12));
    }

    @Test
    void extrapolatedExposureGoesPastTheEnumerationCapForASecretFarBelowTheCandidates() {
        double[] candidates = candidateNlls(100, 7);
        double sd = Math.sqrt(Arrays.stream(candidates).map(v -> v * v).average().orElseThrow()
                - Math.pow(Arrays.stream(candidates).average().orElseThrow(), 2));
        double lowest = Arrays.stream(candidates).min().orElseThrow();
        double cap = CanaryExposure.exposure(101, 1);
        double previous = cap;
        for (double below : new double[] {3, 10, 20, 100}) {
            double[] nll = withSecret(lowest - below * sd, candidates);
            assertThat(CanaryExposure.exposure(101, CanaryExposure.pessimisticRank(nll))).isEqualTo(cap);
            double extrapolated = CanaryExposure.extrapolatedExposure(nll);
            assertThat(extrapolated).as("%s sd below the lowest candidate", below).isFinite().isGreaterThan(previous);
            previous = extrapolated;
        }
        assertThat(CanaryExposure.extrapolatedExposure(withSecret(lowest - 20 * sd, candidates))).isGreaterThan(100);
    }

    @Test
    void extrapolatedExposureIsNearTheEnumeratedOneForAnOrdinaryDraw() {
        double[] candidates = candidateNlls(100, 11);
        double[] sorted = candidates.clone();
        Arrays.sort(sorted);
        for (int j : new int[] {10, 25, 50, 75, 90}) {
            double[] nll = withSecret(0.5 * (sorted[j - 1] + sorted[j]), candidates);
            double enumerated = CanaryExposure.exposure(101, CanaryExposure.pessimisticRank(nll));
            assertThat(CanaryExposure.pessimisticRank(nll)).isEqualTo(j + 1);
            assertThat(CanaryExposure.extrapolatedExposure(nll)).as("secret ranked %d of 101", j + 1)
                    .isCloseTo(enumerated, within(0.4));
        }
    }

    @Test
    void extrapolatedExposureIsNaNWhenNoSkewNormalCanBeFitted() {
        assertThat(CanaryExposure.extrapolatedExposure(new double[] {1, 5, 6})).isNaN();
        assertThat(CanaryExposure.extrapolatedExposure(new double[] {1, 5, 5, 5})).isNaN();
        assertThat(CanaryExposure.extrapolatedExposure(new double[] {1, 5, 6, 7})).isFinite();
    }

    /** Total NLLs shaped like a secret's: the sum of 12 per-token NLLs, each exponential with mean 2 (skewed). */
    private static double[] candidateNlls(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < 12; t++) {
                out[i] -= 2 * Math.log(1 - random.nextDouble());
            }
        }
        return out;
    }

    private static double[] withSecret(double secret, double[] candidates) {
        double[] nll = new double[candidates.length + 1];
        nll[0] = secret;
        System.arraycopy(candidates, 0, nll, 1, candidates.length);
        return nll;
    }

    @Test
    void candidatesAreTheSecretThenDistinctSeededSecretsOfTheSameFormat() {
        List<Canary> canaries = new CanaryGenerator(4).generate(3, CanaryKind.values());
        CanaryExposure exposure = new CanaryExposure(new ByteTokenizer(), 200, 17, 8);
        for (Canary c : canaries) {
            List<String> candidates = exposure.candidates(c);
            assertThat(candidates).hasSize(201);
            assertThat(candidates.get(0)).isEqualTo(c.secret());
            assertThat(new HashSet<>(candidates)).hasSize(201);
            assertThat(candidates).allSatisfy(s -> assertThat(s).matches(c.kind().pattern()));
            assertThat(new CanaryExposure(new ByteTokenizer(), 200, 17, 8).candidates(c)).isEqualTo(candidates);
            assertThat(new CanaryExposure(new ByteTokenizer(), 200, 18, 8).candidates(c)).isNotEqualTo(candidates);
        }
        Canary phone = new CanaryGenerator(4).generate(1, CanaryKind.PHONE).get(0);
        assertThatThrownBy(() -> new CanaryExposure(new ByteTokenizer(), 10_000, 1, 8).candidates(phone))
                .hasMessageContaining("PHONE has only 10000 secrets; 10001 candidates requested");
    }

    @Test
    void resultsOfAnUntrainedModelHoldNoSecretsAndAreInRange() {
        List<Canary> canaries = new CanaryGenerator(8).generate(6, CanaryKind.values());
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 3)) {
            CanaryExposureResult result = new CanaryExposure(new ByteTokenizer(), 31, 5, 64).measure(model, canaries);
            assertThat(result.candidates()).isEqualTo(32);
            assertThat(result.maxExposure()).isCloseTo(5, within(1e-12));
            assertThat(result.outcomes()).extracting(CanaryExposureResult.Outcome::canaryId)
                    .containsExactlyElementsOf(canaries.stream().map(Canary::id).toList());
            assertThat(result.outcomes()).allSatisfy(o -> {
                assertThat(o.rank()).isBetween(1, 32);
                assertThat(o.exposure()).isBetween(0.0, 5.0);
                assertThat(o.extrapolatedExposure()).isFinite().isNotNegative();
                assertThat(o.extracted()).isFalse();
            });
            assertThat(result.extraction().point()).isZero();
            String report = result.toString();
            assertThat(canaries).allSatisfy(c -> assertThat(report).doesNotContain(c.secret()));
        }
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new CanaryExposure(new ByteTokenizer(), 0, 1, 8)).hasMessageContaining("randomCandidates");
        assertThatThrownBy(() -> new CanaryExposure(new ByteTokenizer(), 10, 1, 0)).hasMessageContaining("batchSize");
    }
}
