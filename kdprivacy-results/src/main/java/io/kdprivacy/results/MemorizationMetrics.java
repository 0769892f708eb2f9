package io.kdprivacy.results;

/**
 * Verbatim reproduction of the teacher's members by one model (greedy completion of each prompt).
 *
 * @param memberRate           positional exact-match rate over the compared response tokens, members
 * @param nonMemberRate        the same for non-members
 * @param gap                  memberRate − nonMemberRate (the paper's memorization gap)
 * @param memberExtractable    share of members whose compared tokens are all reproduced, with a
 *                             Clopper–Pearson interval
 * @param nonMemberExtractable the same for non-members
 * @param memberRougeL         mean ROUGE-L F1 of member completions
 * @param members              members probed
 * @param nonMembers           non-members probed
 */
public record MemorizationMetrics(double memberRate, double nonMemberRate, double gap, Estimate memberExtractable,
                                  Estimate nonMemberExtractable, double memberRougeL, int members, int nonMembers) {
}
