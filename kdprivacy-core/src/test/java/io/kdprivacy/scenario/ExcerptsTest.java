package io.kdprivacy.scenario;

import io.kdprivacy.data.Canary;
import io.kdprivacy.data.CanaryGenerator;
import io.kdprivacy.data.CanaryKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptsTest {

    @Test
    void masksEveryCanarySecretWherePresent() {
        List<Canary> canaries = new CanaryGenerator(3).generate(2, CanaryKind.values());
        String a = canaries.get(0).secret();
        String b = canaries.get(1).secret();
        String masked = Excerpts.mask("call " + a + " now, " + a + " or " + b + "!", canaries);
        assertThat(masked).doesNotContain(a).doesNotContain(b)
                .isEqualTo("call " + "*".repeat(a.length()) + " now, " + "*".repeat(a.length()) + " or "
                        + "*".repeat(b.length()) + "!");
        assertThat(Excerpts.mask("nothing secret", canaries)).isEqualTo("nothing secret");
    }
}
