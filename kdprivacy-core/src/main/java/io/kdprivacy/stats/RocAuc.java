package io.kdprivacy.stats;

import java.util.Arrays;

/** Area under the ROC curve of a score that should be higher for members than for non-members. */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * The Mann–Whitney estimate P(s_member &gt; s_nonmember) + ½·P(equal), from mid-ranks so ties count
     * one half. Never flipped: a value below 0.5 means the score points the other way.
     *
     * @throws IllegalArgumentException if either group is empty or a score is NaN
     */
    public static double of(double[] members, double[] nonMembers) {
        if (members.length == 0 || nonMembers.length == 0) {
            throw new IllegalArgumentException("AUC needs members and non-members, got "
                    + members.length + " and " + nonMembers.length);
        }
        int n = members.length + nonMembers.length;
        double[] all = new double[n];
        boolean[] isMember = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double s = i < members.length ? members[i] : nonMembers[i - members.length];
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            all[i] = s;
            isMember[i] = i < members.length;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double memberRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (isMember[order[k]]) {
                    memberRankSum += midRank;
                }
            }
            i = j + 1;
        }
        double m = members.length;
        double u = memberRankSum - m * (m + 1) / 2;
        return u / (m * nonMembers.length);
    }
}
