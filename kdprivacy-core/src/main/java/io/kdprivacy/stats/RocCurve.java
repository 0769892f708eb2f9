package io.kdprivacy.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The empirical ROC curve of a membership score (higher = "member").
 *
 * <p>An example is flagged at threshold {@code t} when its score is {@code >= t}. There is one point per
 * distinct score, plus the point (0, 0) at threshold +∞; tied scores therefore move the curve diagonally
 * in a single step. Points run from (0, 0) to (1, 1) with FPR and TPR non-decreasing.
 *
 * <p>All operating-point statistics use the <em>achievable</em> points only: no interpolation between
 * points (no randomised classifiers).
 */
public final class RocCurve {

    /**
     * One operating point.
     *
     * @param threshold flag scores {@code >= threshold}; {@code +Infinity} for the (0, 0) point
     * @param fpr       fraction of non-members flagged
     * @param tpr       fraction of members flagged
     */
    public record Point(double threshold, double fpr, double tpr) {
    }

    private final int memberCount;
    private final int nonMemberCount;
    private final List<Point> points;
    private final long[] truePositives;
    private final long[] falsePositives;

    private RocCurve(int memberCount, int nonMemberCount, List<Point> points, long[] tp, long[] fp) {
        this.memberCount = memberCount;
        this.nonMemberCount = nonMemberCount;
        this.points = points;
        this.truePositives = tp;
        this.falsePositives = fp;
    }

    /**
     * Builds the curve.
     *
     * @throws IllegalArgumentException if either array is null, empty or holds NaN
     */
    public static RocCurve of(double[] members, double[] nonMembers) {
        Checks.scores(members, "members");
        Checks.scores(nonMembers, "nonMembers");
        double[] m = Checks.sortedCopy(members);
        double[] n = Checks.sortedCopy(nonMembers);
        int i = m.length; // members with index >= i are flagged
        int j = n.length;
        List<Point> points = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        counts.add(new long[] {0, 0});
        while (i > 0 || j > 0) {
            double t = Math.max(i > 0 ? m[i - 1] : Double.NEGATIVE_INFINITY, j > 0 ? n[j - 1] : Double.NEGATIVE_INFINITY);
            while (i > 0 && m[i - 1] == t) {
                i--;
            }
            while (j > 0 && n[j - 1] == t) {
                j--;
            }
            long tp = m.length - i;
            long fp = n.length - j;
            points.add(new Point(t, (double) fp / n.length, (double) tp / m.length));
            counts.add(new long[] {tp, fp});
        }
        long[] tp = new long[counts.size()];
        long[] fp = new long[counts.size()];
        for (int k = 0; k < tp.length; k++) {
            tp[k] = counts.get(k)[0];
            fp[k] = counts.get(k)[1];
        }
        return new RocCurve(m.length, n.length, Collections.unmodifiableList(points), tp, fp);
    }

    /** Number of member scores. */
    public int memberCount() {
        return memberCount;
    }

    /** Number of non-member scores. */
    public int nonMemberCount() {
        return nonMemberCount;
    }

    /** All points, from (0, 0) at threshold +∞ to (1, 1), thresholds decreasing (strictly unless a score is +∞); unmodifiable. */
    public List<Point> points() {
        return points;
    }

    /**
     * Area under the curve by the trapezoid rule over all points, in exact integer arithmetic; equals
     * {@link RocAuc#of} (the diagonal tie steps are the mid-rank half-credit).
     */
    public double auc() {
        long twiceArea = 0;
        for (int k = 1; k < truePositives.length; k++) {
            twiceArea += (falsePositives[k] - falsePositives[k - 1]) * (truePositives[k] + truePositives[k - 1]);
        }
        return twiceArea / (2.0 * memberCount * nonMemberCount);
    }

    /**
     * The largest TPR among the points with {@code FPR <= target}: the best true-positive rate achievable
     * by a threshold without exceeding the false-positive budget. With {@code target = 0} it is the fraction
     * of members scoring strictly above every non-member. No interpolation.
     *
     * @throws IllegalArgumentException if {@code target} is outside [0, 1]
     */
    public double tprAtFpr(double target) {
        Checks.closedUnit(target, "target");
        double best = 0;
        for (Point p : points) {
            if (p.fpr() <= target) {
                best = Math.max(best, p.tpr());
            }
        }
        return best;
    }

    /** The membership advantage max(TPR − FPR) over all points; at least 0 thanks to the (0, 0) point. */
    public double advantage() {
        double best = 0;
        for (Point p : points) {
            best = Math.max(best, p.tpr() - p.fpr());
        }
        return best;
    }

    /**
     * The points that can be drawn on log–log axes: those with FPR &gt; 0 and TPR &gt; 0, unchanged (raw
     * rates, not logarithms), in the order of {@link #points()}. The plotter takes log10 of both.
     */
    public List<Point> logLogPoints() {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (p.fpr() > 0 && p.tpr() > 0) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * At most {@code maxPoints} points of the curve for plotting: (0, 0), (1, 1), and for log-spaced
     * false-positive rates between the smallest non-zero one and 1 the highest point at or below each, so
     * the low-FPR region stays resolved on log axes. Returns all points when there are few enough.
     *
     * @throws IllegalArgumentException if {@code maxPoints < 3}
     */
    public List<Point> thinned(int maxPoints) {
        if (maxPoints < 3) {
            throw new IllegalArgumentException("maxPoints must be >= 3, got " + maxPoints);
        }
        if (points.size() <= maxPoints) {
            return points;
        }
        double smallest = 1.0 / nonMemberCount;
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>(List.of(0, points.size() - 1));
        int grid = maxPoints - 2;
        int at = 0;
        for (int g = 0; g < grid; g++) {
            double target = smallest * Math.pow(1 / smallest, (double) g / (grid - 1));
            while (at + 1 < points.size() && points.get(at + 1).fpr() <= target * (1 + 1e-12)) {
                at++;
            }
            keep.add(at);
        }
        List<Point> out = new ArrayList<>(keep.size());
        keep.forEach(i -> out.add(points.get(i)));
        return Collections.unmodifiableList(out);
    }

    // ---- primitive kernels on ascending sorted arrays, shared with Bootstrap ----

    /** Mann–Whitney AUC of ascending-sorted scores by a two-pointer merge, O(m + n). */
    static double aucOfSorted(double[] members, double[] nonMembers) {
        long twiceWins = 0;
        int below = 0; // non-members < current member score
        int atOrBelow = 0; // non-members <= current member score
        for (double s : members) {
            while (below < nonMembers.length && nonMembers[below] < s) {
                below++;
            }
            if (atOrBelow < below) {
                atOrBelow = below;
            }
            while (atOrBelow < nonMembers.length && nonMembers[atOrBelow] <= s) {
                atOrBelow++;
            }
            twiceWins += below + (long) atOrBelow;
        }
        return twiceWins / (2.0 * members.length * nonMembers.length);
    }

    /** Largest false-positive count {@code fp} with {@code (double) fp / n <= target}. */
    static int maxFalsePositives(double target, int n) {
        int fp = (int) Math.min(n, Math.floor(target * n));
        while (fp < n && (double) (fp + 1) / n <= target) {
            fp++;
        }
        while (fp > 0 && (double) fp / n > target) {
            fp--;
        }
        return fp;
    }

    /** {@link #tprAtFpr} on ascending-sorted scores, O(log m). */
    static double tprAtFprOfSorted(double[] members, double[] nonMembers, double target) {
        int k = maxFalsePositives(target, nonMembers.length);
        if (k >= nonMembers.length) {
            return 1.0;
        }
        double cut = nonMembers[nonMembers.length - 1 - k]; // (k+1)-th largest: must stay unflagged
        int lo = 0;
        int hi = members.length; // first index with members[idx] > cut
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (members[mid] > cut) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return (double) (members.length - lo) / members.length;
    }
}
