package io.kdprivacy.results.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.results.Estimate;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void numbersHaveAtMostFourDecimalsAndNoLocale() {
        assertThat(Numbers.format(0.62)).isEqualTo("0.62");
        assertThat(Numbers.format(0.123456)).isEqualTo("0.1235");
        assertThat(Numbers.format(3.0)).isEqualTo("3");
        assertThat(Numbers.format(-0.00001)).isEqualTo("0");
        assertThat(Numbers.format(1e-7)).isEqualTo("0");
        assertThat(Numbers.format(110000.0)).isEqualTo("110000");
        assertThat(Numbers.format(null)).isEqualTo("-");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.delta(0.03)).isEqualTo("+0.03");
        assertThat(Numbers.delta(-0.1)).isEqualTo("-0.1");
        assertThat(Numbers.delta(null)).isEqualTo("-");
    }

    @Test
    void intervalsShowTheLevelOnlyWhenItIsNot95Percent() {
        assertThat(Numbers.interval(new Estimate(0.62, 0.57, 0.67, 0.95))).isEqualTo("0.62 (0.57 to 0.67)");
        assertThat(Numbers.interval(new Estimate(0.62, 0.6, 0.64, 0.9))).isEqualTo("0.62 (0.6 to 0.64, 90%)");
        assertThat(Numbers.interval(null)).isEqualTo("-");
    }
}
