package io.kdprivacy.memorization;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TeacherConditionedTest {

    @Test
    void selectsMembersTheTeacherReproducesStrictlyAboveTau() {
        double[] teacher = {1.0, 0.9, 0.6, 0.5, 0.1};
        double[] student = {0.8, 0.4, 0.2, 0.9, 0.0};
        List<TeacherConditioned.Row> rows = TeacherConditioned.evaluate(teacher, student, List.of(0.5, 0.9, 0.99));
        assertThat(rows).hasSize(3);
        // τ = 0.5: members 0, 1, 2 (0.5 itself is not above)
        assertThat(rows.get(0).count()).isEqualTo(3);
        assertThat(rows.get(0).teacherRate()).isCloseTo(0.6, within(1e-12));
        assertThat(rows.get(0).studentMeanRatio()).isCloseTo((0.8 + 0.4 + 0.2) / 3, within(1e-12));
        // τ = 0.9: member 0 only
        assertThat(rows.get(1).count()).isEqualTo(1);
        assertThat(rows.get(1).studentMeanRatio()).isEqualTo(0.8);
        assertThat(rows.get(2).tau()).isEqualTo(0.99);
        assertThat(rows.get(2).count()).isEqualTo(1);
    }

    @Test
    void emptySelectionHasNaNStudentMeanAndDefaultsCoverThePaperTaus() {
        List<TeacherConditioned.Row> rows = TeacherConditioned.evaluate(new double[] {0.2, 0.3}, new double[] {1, 1});
        assertThat(rows).extracting(TeacherConditioned.Row::tau).containsExactly(0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.count()).isZero();
            assertThat(r.teacherRate()).isZero();
            assertThat(r.studentMeanRatio()).isNaN();
        });
    }

    @Test
    void mismatchedArraysAreRejected() {
        assertThatThrownBy(() -> TeacherConditioned.evaluate(new double[2], new double[3]))
                .hasMessageContaining("teacher has 2 ratios, student 3");
        assertThatThrownBy(() -> TeacherConditioned.evaluate(new double[0], new double[0])).hasMessageContaining("no members");
    }
}
