package io.kdprivacy.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanaryInjectorTest {

    private static List<Example> training(int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example("question " + i, " answer " + i));
        }
        return out;
    }

    @Test
    void keepsOriginalsInOrderAndAddsEachCanaryRepetitionsTimes() {
        List<Example> original = training(30);
        List<Canary> canaries = new CanaryGenerator(1).generate(4, CanaryKind.values());
        CanaryInjector.Injection injection = new CanaryInjector(9, 3).inject(original, canaries);
        List<Example> out = injection.examples();
        assertThat(out).hasSize(30 + 4 * 3);
        assertThat(out.stream().filter(original::contains).toList()).containsExactlyElementsOf(original);
        for (Canary c : canaries) {
            assertThat(out.stream().filter(c.example()::equals).count()).isEqualTo(3);
        }
        assertThat(injection.canaries()).containsExactlyElementsOf(canaries);
        assertThat(out.subList(30, out.size())).as("canaries are spread, not all appended")
                .isNotEqualTo(out.stream().filter(e -> !original.contains(e)).toList());
        assertThat(injection.toString()).doesNotContain(canaries.get(0).secret());
    }

    @Test
    void positionsAreSeeded() {
        List<Example> original = training(50);
        List<Canary> canaries = new CanaryGenerator(2).generate(5, CanaryKind.API_KEY);
        assertThat(new CanaryInjector(1, 1).inject(original, canaries).examples())
                .isEqualTo(new CanaryInjector(1, 1).inject(original, canaries).examples())
                .isNotEqualTo(new CanaryInjector(2, 1).inject(original, canaries).examples());
    }

    @Test
    void worksOnAnEmptyListAndRejectsZeroRepetitions() {
        List<Canary> canaries = new CanaryGenerator(3).generate(2, CanaryKind.PHONE);
        assertThat(new CanaryInjector(1, 1).inject(List.of(), canaries).examples()).hasSize(2);
        assertThatThrownBy(() -> new CanaryInjector(1, 0)).hasMessageContaining("repetitions");
    }
}
