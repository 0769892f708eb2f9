package io.kdprivacy.memorization;

import io.kdprivacy.data.Example;
import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MemorizationProbeTest {

    static List<PromptResponse> orders(int n, long seed) {
        String[] items = {"lamp", "chair", "kettle", "desk", "mirror", "sofa"};
        String[] states = {"shipped", "delayed", "delivered", "packed"};
        Random r = new Random(seed);
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = items[r.nextInt(items.length)];
            int order = 100 + r.nextInt(900);
            out.add(Bytes.example("Where is my " + item + " (order " + order + ")?\n",
                    "Your " + item + " order " + order + " is " + states[r.nextInt(states.length)] + "."));
        }
        return out;
    }

    @Test
    void untrainedModelHasNoMemorizationGap() {
        MemorizationProbe probe = new MemorizationProbe(MemorizationConfig.defaults(), 16);
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 21)) {
            List<PromptResponse> members = orders(16, 1);
            List<int[]> completions = probe.complete(model, members);
            assertThat(completions).allSatisfy(c -> assertThat(c).hasSize(64)); // forced length
            MemorizationResult r = probe.run(model, members, orders(16, 2));
            assertThat(r.memberRatios()).hasSize(16);
            assertThat(r.memberRate()).isLessThan(0.1);
            assertThat(Math.abs(r.gap())).isLessThan(0.05);
            assertThat(r.memberExtractable().point()).isZero();
            assertThat(r.nonMemberExtractable().point()).isZero();
        }
    }

    @Test
    void configDefaultsAreThePapersAndDriveGeneration() {
        MemorizationConfig c = MemorizationConfig.defaults();
        assertThat(c.newTokens()).isEqualTo(64);
        assertThat(c.noRepeatNgram()).isEqualTo(6);
        assertThat(c.comparedTokens()).isEqualTo(32);
        assertThat(c.generation().maxNewTokens()).isEqualTo(64);
        assertThat(c.generation().minNewTokens()).isEqualTo(64);
        assertThat(c.generation().noRepeatNgramSize()).isEqualTo(6);
        assertThat(c.generation().greedyDecoding()).isTrue();
        assertThat(c.withComparedTokens(8).withNewTokens(16).withNoRepeatNgram(0))
                .isEqualTo(new MemorizationConfig(16, 0, 8));
    }

    @Test
    void textExamplesAreTokenisedPromptAndResponseSeparately() {
        List<PromptResponse> ids = MemorizationProbe.tokenize(new ByteTokenizer(),
                List.of(new Example("Q: hi\n", " A: yo"), new Example("", "x")));
        assertThat(ids).containsExactly(Bytes.example("Q: hi\n", " A: yo"), Bytes.example("", "x"));
    }
}
