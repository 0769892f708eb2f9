package io.kdprivacy.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RocAucTest {

    @Test
    void perfectSeparationIsOneAndReversedIsZero() {
        assertThat(RocAuc.of(new double[] {3, 4}, new double[] {1, 2})).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(0.0);
    }

    @Test
    void handWorkedCaseWithTies() {
        // pairs (m, n): (1,0)>,(1,1)=,(1,2)<, (2,0)>,(2,1)>,(2,2)=, (3,*) all > : 6 wins + 2 ties of 9
        assertThat(RocAuc.of(new double[] {1, 2, 3}, new double[] {0, 1, 2})).isCloseTo((6 + 1.0) / 9, within(1e-12));
        assertThat(RocAuc.of(new double[] {5, 5}, new double[] {5})).isEqualTo(0.5);
    }

    @Test
    void rejectsEmptyGroupsAndNaN() {
        assertThatThrownBy(() -> RocAuc.of(new double[0], new double[] {1})).hasMessageContaining("non-members");
        assertThatThrownBy(() -> RocAuc.of(new double[] {Double.NaN}, new double[] {1})).hasMessageContaining("NaN");
    }
}
