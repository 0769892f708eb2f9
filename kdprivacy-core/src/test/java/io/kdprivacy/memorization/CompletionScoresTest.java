package io.kdprivacy.memorization;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CompletionScoresTest {

    @Test
    void exactMatchCountsPositionsNotSubsequences() {
        int[] completion = {1, 2, 3, 4, 5, 6};
        int[] reference = {1, 9, 3, 4, 0, 6};
        assertThat(CompletionScores.exactMatches(completion, reference, 4)).isEqualTo(3); // 1, 3, 4
        assertThat(CompletionScores.exactMatchRatio(completion, reference, 4)).isEqualTo(0.75);
        // shifted by one: same tokens, no positional matches
        assertThat(CompletionScores.exactMatches(new int[] {0, 1, 2, 3}, new int[] {1, 2, 3, 4}, 4)).isZero();
    }

    @Test
    void referencePositionsPastTheEndAreNonMatchesInTheDenominator() {
        int[] completion = {7, 8, 9, 1, 1, 1, 1, 1};
        int[] reference = {7, 8, 9}; // 3 of 8 compared positions exist
        assertThat(CompletionScores.exactMatchRatio(completion, reference, 8)).isEqualTo(3.0 / 8);
        // a short completion also loses the missing positions
        assertThat(CompletionScores.exactMatchRatio(new int[] {7}, new int[] {7, 8}, 4)).isEqualTo(0.25);
    }

    @Test
    void kExtractableNeedsEveryComparedTokenOrTheWholeShortResponse() {
        assertThat(CompletionScores.kExtractable(new int[] {1, 2, 3, 4, 9}, new int[] {1, 2, 3, 4, 5}, 4)).isTrue();
        assertThat(CompletionScores.kExtractable(new int[] {1, 2, 0, 4, 5}, new int[] {1, 2, 3, 4, 5}, 4)).isFalse();
        // response shorter than compared: all of its tokens suffice, later completion tokens are ignored
        assertThat(CompletionScores.kExtractable(new int[] {5, 6, 42, 42}, new int[] {5, 6}, 4)).isTrue();
        assertThat(CompletionScores.kExtractable(new int[] {5, 7, 42, 42}, new int[] {5, 6}, 4)).isFalse();
        assertThat(CompletionScores.kExtractable(new int[] {5}, new int[] {5, 6}, 4)).isFalse();
        assertThat(CompletionScores.kExtractable(new int[] {1, 2}, new int[0], 4)).as("empty response").isFalse();
    }

    @Test
    void rougeLIsTheF1OfTheLongestCommonSubsequence() {
        // c = 1 2 3 4 5 6, r = 1 3 5 7: LCS = 1 3 5 (3); P = 3/6, R = 3/4, F1 = 2·(1/2)(3/4)/(5/4) = 0.6
        assertThat(CompletionScores.rougeLF1(new int[] {1, 2, 3, 4, 5, 6}, new int[] {1, 3, 5, 7}, 32))
                .isCloseTo(0.6, within(1e-12));
        // truncation to `compared`: c = 1 2, r = 2 1 -> LCS 1, P = R = 1/2
        assertThat(CompletionScores.rougeLF1(new int[] {1, 2, 3}, new int[] {2, 1, 3}, 2)).isCloseTo(0.5, within(1e-12));
        assertThat(CompletionScores.rougeLF1(new int[] {4, 4}, new int[] {4, 4}, 8)).isEqualTo(1.0);
        assertThat(CompletionScores.rougeLF1(new int[] {1, 2}, new int[] {3, 4}, 8)).isZero();
        assertThat(CompletionScores.rougeLF1(new int[] {1, 2}, new int[0], 8)).isZero();
        // a shifted reproduction scores high on ROUGE-L but zero on positional exact match
        int[] shifted = {0, 1, 2, 3};
        int[] reference = {1, 2, 3, 4};
        assertThat(CompletionScores.rougeLF1(shifted, reference, 4)).isCloseTo(0.75, within(1e-12));
        assertThat(CompletionScores.exactMatchRatio(shifted, reference, 4)).isZero();
    }

    @Test
    void lcsOfHandWorkedStrings() {
        int[] a = "ABCBDAB".chars().toArray();
        int[] b = "BDCABA".chars().toArray();
        assertThat(CompletionScores.lcsLength(a, a.length, b, b.length)).isEqualTo(4); // BCBA
    }

    @Test
    void probeScoresAndResultSummariseHandMadeSequences() {
        List<int[]> memberCompletions = List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6, 0, 0});
        List<int[]> memberRefs = List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8});
        List<int[]> nonCompletions = List.of(new int[] {9, 9, 9, 9}, new int[] {1, 0, 0, 0});
        List<int[]> nonRefs = List.of(new int[] {1, 2, 3, 4}, new int[] {1, 2});
        ProbeScores members = ProbeScores.of(memberCompletions, memberRefs, 4);
        ProbeScores nonMembers = ProbeScores.of(nonCompletions, nonRefs, 4);
        assertThat(members.ratios()).containsExactly(1.0, 0.5);
        assertThat(members.extractable()).containsExactly(true, false);
        assertThat(nonMembers.ratios()).containsExactly(0.0, 0.25);

        MemorizationResult r = MemorizationResult.of(members, nonMembers);
        assertThat(r.memberRate()).isEqualTo(0.75);
        assertThat(r.nonMemberRate()).isEqualTo(0.125);
        assertThat(r.gap()).isEqualTo(0.625);
        assertThat(r.memberExtractable().point()).isEqualTo(0.5);
        assertThat(r.memberExtractable().lower()).isGreaterThan(0).isLessThan(0.5);
        assertThat(r.nonMemberExtractable().point()).isZero();
        assertThat(r.nonMemberExtractable().upper()).isGreaterThan(0.5); // n = 2 tells little
        // member ROUGE-L: (1 + 0.5) / 2; non-member: 0 and LCS(1 0 0 0, 1 2) = 1 -> P 1/4, R 1/2, F1 1/3
        assertThat(r.memberRougeL()).isCloseTo(0.75, within(1e-12));
        assertThat(r.nonMemberRougeL()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(r.memberRatios()).containsExactly(1.0, 0.5);
        assertThat(r.toString()).doesNotContain("[I@"); // numbers only, no raw id arrays
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> CompletionScores.exactMatches(new int[1], new int[1], 0))
                .hasMessageContaining("compared");
        assertThatThrownBy(() -> ProbeScores.of(List.of(new int[1]), List.of(), 4))
                .hasMessageContaining("1 completions for 0 references");
        ProbeScores empty = ProbeScores.of(List.of(), List.of(), 4);
        assertThatThrownBy(() -> MemorizationResult.of(empty, empty)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> new MemorizationConfig(16, 6, 32)).hasMessageContaining("comparedTokens");
    }
}
