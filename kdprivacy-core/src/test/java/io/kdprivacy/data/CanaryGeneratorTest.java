package io.kdprivacy.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanaryGeneratorTest {

    @Test
    void secretsMatchTheirFormats() {
        assertThat(CanaryKind.ACCOUNT_ID.pattern().matcher("ACC-4821-7730").matches()).isTrue();
        assertThat(CanaryKind.PHONE.pattern().matcher("+1-555-0134").matches()).isTrue();
        assertThat(CanaryKind.API_KEY.pattern().matcher("0123456789abcdef").matches()).isTrue();
        assertThat(CanaryKind.API_KEY.pattern().matcher("0123456789abcdeg").matches()).isFalse();
        List<Canary> canaries = new CanaryGenerator(1).generate(300, CanaryKind.values());
        for (Canary c : canaries) {
            assertThat(c.kind().pattern().matcher(c.secret()).matches()).as(c.id()).isTrue();
            assertThat(c.prompt()).matches("The (account number|phone number|API key) of customer \\d+ is");
        }
        assertThat(canaries).extracting(Canary::kind).containsOnly(CanaryKind.values());
        assertThat(canaries.get(0).kind()).isEqualTo(CanaryKind.ACCOUNT_ID);
        assertThat(canaries.get(1).kind()).isEqualTo(CanaryKind.PHONE);
        assertThat(canaries.get(2).kind()).isEqualTo(CanaryKind.API_KEY);
    }

    @Test
    void sameSeedSameCanariesOtherSeedOthers() {
        List<Canary> a = new CanaryGenerator(42).generate(20, CanaryKind.values());
        List<Canary> b = new CanaryGenerator(42).generate(20, CanaryKind.values());
        List<Canary> c = new CanaryGenerator(43).generate(20, CanaryKind.values());
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().map(Canary::secret).toList()).isNotEqualTo(c.stream().map(Canary::secret).toList());
    }

    @Test
    void idsPromptsAndSecretsAreDistinctAcrossCalls() {
        CanaryGenerator g = new CanaryGenerator(7);
        List<Canary> first = g.generate(40, CanaryKind.PHONE);
        List<Canary> second = g.generate(40, CanaryKind.PHONE);
        var all = new java.util.ArrayList<>(first);
        all.addAll(second);
        assertThat(new HashSet<>(all.stream().map(Canary::id).toList())).hasSize(80);
        assertThat(new HashSet<>(all.stream().map(Canary::prompt).toList())).hasSize(80);
        assertThat(new HashSet<>(all.stream().map(Canary::secret).toList())).hasSize(80);
        assertThat(second.get(0).id()).isEqualTo("canary-40");
    }

    @Test
    void randomSecretsUseTheWholeAlphabet() {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            keys.append(CanaryKind.API_KEY.randomSecret(r));
        }
        assertThat(keys.chars().distinct().count()).isEqualTo(16);
    }

    @Test
    void toStringHidesTheSecretAndBadSecretsAreRejected() {
        Canary c = new CanaryGenerator(5).generate(1, CanaryKind.ACCOUNT_ID).get(0);
        assertThat(c.toString()).contains(c.id()).doesNotContain(c.secret());
        assertThat(c.example().response()).isEqualTo(" " + c.secret());
        assertThatThrownBy(() -> new Canary("x", CanaryKind.PHONE, "p", "555-0134"))
                .hasMessageContaining("does not match the PHONE format")
                .hasMessageNotContaining("555-0134");
        assertThatThrownBy(() -> new CanaryGenerator(1).generate(1)).hasMessageContaining("at least one kind");
    }
}
