package io.kdprivacy.memorization;

import io.kdprivacy.stats.ClopperPearson;
import io.kdprivacy.stats.Interval;

/**
 * Memorization of members against non-members (numbers only, no text).
 *
 * @param memberRate           positional exact-match rate over members (the paper's memorization accuracy)
 * @param nonMemberRate        the same over non-members
 * @param memberExtractable    k-extractable rate of members with its Clopper–Pearson interval
 * @param nonMemberExtractable k-extractable rate of non-members with its Clopper–Pearson interval
 * @param memberRougeL         mean ROUGE-L F1 of members' completions
 * @param nonMemberRougeL      mean ROUGE-L F1 of non-members' completions
 * @param members              per-member scores, in input order
 * @param nonMembers           per-non-member scores, in input order
 */
public record MemorizationResult(double memberRate, double nonMemberRate, Interval memberExtractable,
                                 Interval nonMemberExtractable, double memberRougeL, double nonMemberRougeL,
                                 ProbeScores members, ProbeScores nonMembers) {

    /** Confidence of the extractable-rate intervals. */
    public static final double CONFIDENCE = 0.95;

    /** Summarises two score sets.
     *
     * @throws IllegalArgumentException if either set is empty */
    public static MemorizationResult of(ProbeScores members, ProbeScores nonMembers) {
        if (members.size() == 0 || nonMembers.size() == 0) {
            throw new IllegalArgumentException("members and non-members must not be empty, got "
                    + members.size() + " and " + nonMembers.size());
        }
        return new MemorizationResult(members.meanRatio(), nonMembers.meanRatio(),
                ClopperPearson.interval(members.extractableCount(), members.size(), CONFIDENCE),
                ClopperPearson.interval(nonMembers.extractableCount(), nonMembers.size(), CONFIDENCE),
                members.meanRougeL(), nonMembers.meanRougeL(), members, nonMembers);
    }

    /** Memorization gap = member rate − non-member rate (signed, as in the paper's JSON). */
    public double gap() {
        return memberRate - nonMemberRate;
    }

    /** Per-member exact-match ratios, in input order. */
    public double[] memberRatios() {
        return members.ratios();
    }

    /** Per-non-member exact-match ratios, in input order. */
    public double[] nonMemberRatios() {
        return nonMembers.ratios();
    }
}
