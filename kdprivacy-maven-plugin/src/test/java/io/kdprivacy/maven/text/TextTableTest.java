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
}
