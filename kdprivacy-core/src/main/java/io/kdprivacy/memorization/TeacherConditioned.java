package io.kdprivacy.memorization;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's teacher-conditioned memorization ({@code w_teacher}): among the members the teacher
 * reproduces with exact-match ratio strictly above τ, how much the student reproduces.
 */
public final class TeacherConditioned {

    /** Default thresholds τ. */
    public static final List<Double> DEFAULT_TAUS = List.of(0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99);

    private TeacherConditioned() {
    }

    /**
     * One row per threshold.
     *
     * @param tau             threshold on the teacher's ratio (members with r_T &gt; τ count)
     * @param teacherRate     fraction of members with r_T &gt; τ ({@code teacher_memorize_ratio})
     * @param studentMeanRatio mean student ratio over those members, NaN when there are none
     *                        ({@code student_ratio_on_teacher_ratio})
     * @param count           how many members that is ({@code student_base_count_on_teacher_ratio})
     */
    public record Row(double tau, double teacherRate, double studentMeanRatio, int count) {
    }

    /** Rows for {@link #DEFAULT_TAUS}. */
    public static List<Row> evaluate(double[] teacherRatios, double[] studentRatios) {
        return evaluate(teacherRatios, studentRatios, DEFAULT_TAUS);
    }

    /**
     * Rows for the given thresholds, in their order.
     *
     * @param teacherRatios per-member teacher ratios
     * @param studentRatios per-member student ratios, same members in the same order
     * @throws IllegalArgumentException on arrays of different or zero length
     */
    public static List<Row> evaluate(double[] teacherRatios, double[] studentRatios, List<Double> taus) {
        if (teacherRatios.length != studentRatios.length) {
            throw new IllegalArgumentException("teacher has " + teacherRatios.length + " ratios, student "
                    + studentRatios.length);
        }
        if (teacherRatios.length == 0) {
            throw new IllegalArgumentException("no members");
        }
        List<Row> rows = new ArrayList<>(taus.size());
        for (double tau : taus) {
            int count = 0;
            double sum = 0;
            for (int i = 0; i < teacherRatios.length; i++) {
                if (teacherRatios[i] > tau) {
                    count++;
                    sum += studentRatios[i];
                }
            }
            rows.add(new Row(tau, (double) count / teacherRatios.length, count == 0 ? Double.NaN : sum / count, count));
        }
        return List.copyOf(rows);
    }
}
