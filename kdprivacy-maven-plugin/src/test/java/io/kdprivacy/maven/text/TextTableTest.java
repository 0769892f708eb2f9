package io.kdprivacy.maven.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheWidestCell() {
        List<String> lines = new TextTable(List.of("a", "metric")).row(List.of("long cell", "x"))
                .row(Arrays.asList(null, "y")).lines();
        assertThat(lines).containsExactly("a          metric", "---------  ------", "long cell  x", "-          y");
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable(List.of("a", "b")).row(List.of("x")))
                .hasMessageContaining("row has 1 cells, header 2");
    }

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
}
