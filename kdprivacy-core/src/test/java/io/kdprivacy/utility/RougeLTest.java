package io.kdprivacy.utility;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RougeLTest {

    @Test
    void identicalTextsScoreOne() {
        // p = r = [the, cat, sat]; LCS 3; P = 3/3, R = 3/3, F1 = 1
        assertThat(RougeL.f1("the cat sat", "the cat sat")).isEqualTo(1.0);
    }

    @Test
    void disjointTextsScoreZero() {
        // p = [dogs, bark], r = [cats, meow]; LCS 0 -> F1 = 0
        assertThat(RougeL.f1("dogs bark", "cats meow")).isZero();
    }

    @Test
    void anEmptySideScoresZero() {
        // p = [] (punctuation only tokenizes to nothing), r = [a, b]; empty prediction -> 0
        assertThat(RougeL.f1("", "a b")).isZero();
        assertThat(RougeL.f1("?!", "a b")).isZero();
        assertThat(RougeL.f1("a b", "")).isZero();
    }

    @Test
    void caseAndPunctuationAreNormalisedAway() {
        assertThat(RougeL.tokens("Hello, World! It's 2024.")).containsExactly("hello", "world", "it", "s", "2024");
        // p = [hello, world], r = [hello, world]; LCS 2; F1 = 1
        assertThat(RougeL.f1("HELLO... world!!", "hello world")).isEqualTo(1.0);
        // non-ASCII letters are not in [a-z0-9]: "café" -> [caf]; p = [caf, au, lait], r = [caf]
        // LCS 1; P = 1/3, R = 1/1; F1 = 2·(1/3)·1 / (1/3 + 1) = 0.5
        assertThat(RougeL.f1("café au lait", "Caf")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void orderMattersUnlikeBagOfWordsOverlap() {
        // p = [c, b, a], r = [a, b, c]: bag-of-words overlap 3, but LCS 1 (any single token)
        // P = 1/3, R = 1/3, F1 = 1/3
        assertThat(RougeL.f1("c b a", "a b c")).isCloseTo(1.0 / 3, within(1e-12));
        // p = [a, x, b, c], r = [a, b, y, c]: LCS [a, b, c] = 3; P = 3/4, R = 3/4, F1 = 0.75
        assertThat(RougeL.f1("a x b c", "a b y c")).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void repeatedTokensCountOncePerMatch() {
        // p = [the, the, the, the], r = [the, cat, the]: LCS [the, the] = 2
        // P = 2/4, R = 2/3, F1 = 2·(1/2)·(2/3) / (1/2 + 2/3) = (2/3) / (7/6) = 4/7
        assertThat(RougeL.f1("the the the the", "the cat the")).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void precisionAndRecallDifferForUnequalLengths() {
        // p = [a, b], r = [a, b, c, d, e, f]: LCS 2; P = 1, R = 1/3; F1 = 2·(1/3) / (4/3) = 0.5
        assertThat(RougeL.f1("a b", "a b c d e f")).isCloseTo(0.5, within(1e-12));
        // swapping prediction and reference keeps F1
        assertThat(RougeL.f1("a b c d e f", "a b")).isCloseTo(0.5, within(1e-12));
    }
}
