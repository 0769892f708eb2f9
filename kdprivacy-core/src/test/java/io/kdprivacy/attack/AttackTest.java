package io.kdprivacy.attack;

import io.kdprivacy.model.TokenScores;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

import static io.kdprivacy.attack.ScoringMode.PAPER_COMPATIBLE;
import static io.kdprivacy.attack.ScoringMode.PUBLISHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AttackTest {

    private static final double EPS = 1e-6;
    private static final String TEXT = "the cat sat on the mat, the cat sat on the mat";

    /** T = 5, log p = (−1, −2, −3, −4, −0.5): sum NLL 10.5, mean 2.1. */
    private static TokenScores five() {
        return new TokenScores(new float[] {-1, -2, -3, -4, -0.5f}, new float[] {-1, -1, -1, -1, -1},
                new float[] {1, 2, 1, 4, 0});
    }

    /** T = 4, log p = (−1, −1, −2, −2): mean NLL 1.5. */
    private static TokenScores four() {
        return new TokenScores(new float[] {-1, -1, -2, -2}, new float[] {-1, -1, -1, -1}, new float[] {1, 1, 1, 1});
    }

    private static ScoreCache cache(TokenScores... rows) {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        return new ScoreCache(List.of(rows), java.util.Collections.nCopies(rows.length, text));
    }

    @Test
    void lossIsNegativeMeanNllInBothModes() {
        ScoreCache c = cache(five(), four());
        assertThat(Attack.LOSS.scores(c, PUBLISHED)).containsExactly(new double[] {-2.1, -1.5}, within(EPS));
        assertThat(Attack.LOSS.scores(c, PAPER_COMPATIBLE)).containsExactly(new double[] {-2.1, -1.5}, within(EPS));
    }

    @Test
    void minKAveragesTheFloorCountOfLowestLogProbsAtLeastOne() {
        ScoreCache c = cache(five(), four());
        // k = 0.2: ⌊1⌋ = 1 of 5 → −4; ⌊0.8⌋ = 0 of 4, at least 1 → −2 (the reference code's empty slice is NaN)
        assertThat(Attack.MIN_K.scores(c, PUBLISHED)).containsExactly(new double[] {-4, -2}, within(EPS));
        // k = 0.5: ⌊2.5⌋ = 2 → mean(−4, −3) = −3.5 (a ceiling count, 3, would give −3)
        assertThat(Attack.MIN_K.scores(c, null, PUBLISHED, 0.5)[0]).isCloseTo(-3.5, within(EPS));
        // k = 0.7: ⌊3.5⌋ = 3 → mean(−4, −3, −2) = −3
        assertThat(Attack.MIN_K.scores(c, null, PUBLISHED, 0.7)[0]).isCloseTo(-3, within(EPS));
    }

    @Test
    void paperMinKAveragesProbabilitiesWithFloorCountAndDropsEmptySlices() {
        ScoreCache c = cache(five(), four());
        double[] s = Attack.MIN_K.scores(c, PAPER_COMPATIBLE);
        assertThat(s[0]).isCloseTo(Math.exp(-4), within(EPS)); // ⌊1⌋ = 1 lowest probability
        assertThat(s[1]).as("⌊0.8⌋ = 0 tokens: undefined, dropped").isNaN();
        // k = 0.5: ⌊2.5⌋ = 2 → mean(e^−4, e^−3)
        assertThat(Attack.MIN_K.scores(c, null, PAPER_COMPATIBLE, 0.5)[0])
                .isCloseTo((Math.exp(-4) + Math.exp(-3)) / 2, within(EPS));
    }

    @Test
    void minKPlusPlusStandardisesLogProbs() {
        // z = (lp − μ)/σ = (0, −0.5, −2, −0.75, 0.5/1e-6); k = 0.4: ⌈2⌉ = 2 → mean(−2, −0.75)
        double s = Attack.MIN_K_PLUS_PLUS.scores(cache(five()), null, PUBLISHED, 0.4)[0];
        assertThat(s).isCloseTo(-1.375, within(EPS));
        // k = 0.5: ⌊2.5⌋ = 2, the same two (a ceiling count, 3, would add −0.5: −1.0833)
        assertThat(Attack.MIN_K_PLUS_PLUS.scores(cache(five()), null, PUBLISHED, 0.5)[0]).isCloseTo(-1.375, within(EPS));
        double top = Attack.MIN_K_PLUS_PLUS.scores(cache(five()), null, PUBLISHED, 1.0)[0];
        assertThat(top).as("σ = 0 is floored, not a division by zero").isFinite()
                .isCloseTo((0 - 0.5 - 2 - 0.75 + 0.5 / Attack.MIN_SIGMA) / 5, within(1e-3));
    }

    @Test
    void paperMinKPlusPlusPutsProbabilityInNumerator() {
        double[] z = {Math.exp(-1) + 1, (Math.exp(-2) + 1) / 2, Math.exp(-3) + 1, (Math.exp(-4) + 1) / 4};
        double s = Attack.MIN_K_PLUS_PLUS.scores(cache(five()), null, PAPER_COMPATIBLE, 0.4)[0];
        assertThat(s).isCloseTo((z[3] + z[1]) / 2, within(EPS));
        assertThat(Attack.MIN_K_PLUS_PLUS.scores(cache(four()), PAPER_COMPATIBLE)[0]).isNaN();
    }

    @Test
    void zlibDividesTheMeanNllByTheDeflatedLengthInBothModes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        int length = bytes.size();
        assertThat(Attack.zlibLength(TEXT.getBytes(StandardCharsets.UTF_8))).isEqualTo(length);
        // mean NLL (1 + 2 + 3 + 4 + 0.5) / 5 = 2.1, as Carlini et al. and the Min-K%++ / MIMIR code (not the sum, 10.5)
        assertThat(Attack.ZLIB.scores(cache(five()), PUBLISHED)[0]).isCloseTo(-2.1 / length, within(EPS));
        assertThat(Attack.ZLIB.scores(cache(five()), PAPER_COMPATIBLE)[0]).isCloseTo(-2.1 / length, within(EPS));
    }

    @Test
    void zlibLengthMatchesPythonZlibCompress() {
        // len(zlib.compress(b"")) == 8 and len(zlib.compress(b"a")) == 9: 2-byte header + deflate + Adler-32
        assertThat(Attack.zlibLength(new byte[0])).isEqualTo(8);
        assertThat(Attack.zlibLength(new byte[] {'a'})).isEqualTo(9);
    }

    @Test
    void referenceRewardsFittingBetterThanTheReference() {
        ScoreCache target = cache(five(), four());
        ScoreCache reference = cache(four(), five());
        // −(2.1 − 1.5) = −0.6 and −(1.5 − 2.1) = +0.6
        assertThat(Attack.REFERENCE.scores(target, reference, PUBLISHED, Attack.DEFAULT_K))
                .containsExactly(new double[] {-0.6, 0.6}, within(EPS));
        assertThatThrownBy(() -> Attack.REFERENCE.scores(target, PUBLISHED)).hasMessageContaining("needs");
        assertThatThrownBy(() -> Attack.LOSS.scores(target, reference, PUBLISHED, 0.2)).hasMessageContaining("takes no");
        assertThatThrownBy(() -> Attack.REFERENCE.scores(target, cache(five()), PUBLISHED, 0.2))
                .hasMessageContaining("reference has 1");
    }

    @Test
    void emptyResponseScoresNaN() {
        ScoreCache c = cache(new TokenScores(new float[0], new float[0], new float[0]));
        for (Attack a : new Attack[] {Attack.LOSS, Attack.ZLIB, Attack.MIN_K, Attack.MIN_K_PLUS_PLUS}) {
            assertThat(a.scores(c, PUBLISHED)[0]).as(a.toString()).isNaN();
        }
    }

    @Test
    void badKIsRejected() {
        assertThatThrownBy(() -> Attack.MIN_K.scores(cache(five()), null, PUBLISHED, 0)).hasMessageContaining("k must");
    }

    @Test
    void cacheDoesNotPrintItsTexts() {
        assertThat(cache(five()).toString()).doesNotContain("cat").contains("1 examples");
        assertThat(java.io.Serializable.class.isAssignableFrom(ScoreCache.class)).isFalse();
    }
}
