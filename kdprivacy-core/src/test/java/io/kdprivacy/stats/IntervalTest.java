package io.kdprivacy.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IntervalTest {

    @Test
    void containsIsInclusiveAndWidthIsUpperMinusLower() {
        Interval i = new Interval(0.2, 0.3, 0.5, 0.95);
        assertThat(i.contains(0.2)).isTrue();
        assertThat(i.contains(0.5)).isTrue();
        assertThat(i.contains(0.35)).isTrue();
        assertThat(i.contains(0.19)).isFalse();
        assertThat(i.contains(Double.NaN)).isFalse();
        assertThat(i.width()).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void rejectsInvertedEndsNaNAndBadConfidence() {
        assertThatThrownBy(() -> new Interval(0.6, 0.5, 0.4, 0.95)).hasMessageContaining("lower");
        assertThatThrownBy(() -> new Interval(Double.NaN, 0.5, 0.4, 0.95)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Interval(0, 0.5, 1, 0)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> new Interval(0, 0.5, 1, 1)).hasMessageContaining("confidence");
    }
}
