package io.kdprivacy.utility;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.TokenScores;
import io.kdprivacy.text.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UtilityProbeTest {

    private static final ByteTokenizer TOKENIZER = new ByteTokenizer();

    private static final List<String> PROMPTS = List.of("Where is my lamp?\n", "Hi\n", "Name a colour.\n",
            "What is two plus two?\n", "Say yes.\n", "Spell cat.\n");
    private static final List<String> RESPONSES = List.of("Your lamp was shipped on Monday and arrives soon.", "Hello",
            "Blue", "Two plus two is four, as everyone knows.", "Yes", "C A T");

    private static List<PromptResponse> examples() {
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < PROMPTS.size(); i++) {
            out.add(new PromptResponse(TOKENIZER.encode(PROMPTS.get(i)), TOKENIZER.encode(RESPONSES.get(i))));
        }
        return out;
    }

    private static CausalLm model() {
        return CausalLm.initialize(ModelConfig.named(ModelFamily.GPT2, "nano", TOKENIZER.vocabSize(),
                TOKENIZER.eosId(), 128), 7);
    }

    @Test
    void holdoutNllIsTheTokenWeightedMeanOfTheScorersTokenScores() {
        try (CausalLm model = model()) {
            List<PromptResponse> examples = examples();
            List<TokenScores> scores = new ResponseScorer(model, 4, 128).score(examples);
            double sum = 0;
            long tokens = 0;
            for (TokenScores s : scores) {
                for (float lp : s.logProbs()) {
                    sum -= lp;
                }
                tokens += s.length();
            }
            UtilityResult r = new UtilityProbe(new UtilityConfig(4, 0), 4, 200, 1)
                    .run(model, TOKENIZER, examples, RESPONSES, scores);
            assertThat(r.examples()).isEqualTo(examples.size());
            assertThat(r.tokens()).isEqualTo(tokens).isEqualTo(RESPONSES.stream().mapToInt(String::length).sum());
            assertThat(r.holdoutNll()).isCloseTo(sum / tokens, within(1e-9));
            assertThat(r.perplexity()).isCloseTo(Math.exp(sum / tokens), within(1e-6));
            assertThat(r.rougeL()).hasSize(examples.size());
            assertThat(java.util.Arrays.stream(r.rougeL()).boxed().toList()).allSatisfy(x -> assertThat(x).isBetween(0.0, 1.0));
        }
    }

    @Test
    void nllPoolsTokensRatherThanAveragingExamples() {
        // example 0: one token, NLL 1; example 1: three tokens, NLL 2 each -> pooled (1 + 6) / 4 = 1.75
        // (the mean of the per-example means would be 1.5)
        List<TokenScores> scores = List.of(scores(-1f), scores(-2f, -2f, -2f));
        List<PromptResponse> examples = examples().subList(0, 2);
        try (CausalLm model = model()) {
            UtilityResult r = new UtilityProbe(new UtilityConfig(2, 0), 2, 100, 1)
                    .run(model, TOKENIZER, examples, RESPONSES.subList(0, 2), scores);
            assertThat(r.tokens()).isEqualTo(4);
            assertThat(r.holdoutNll()).isCloseTo(1.75, within(1e-12));
        }
    }

    @Test
    void greedyResponsesHonourMaxNewTokensAndTheRunIsDeterministic() {
        try (CausalLm model = model()) {
            List<PromptResponse> examples = examples();
            UtilityProbe probe = new UtilityProbe(new UtilityConfig(5, 0), 4, 200, 3);
            List<int[]> responses = probe.respond(model, examples.stream().map(PromptResponse::prompt).toList());
            assertThat(responses).hasSize(examples.size()).allSatisfy(x -> assertThat(x.length).isBetween(0, 5));
            assertThat(responses.stream().mapToInt(x -> x.length).max().orElseThrow()).isEqualTo(5);

            List<TokenScores> scores = new ResponseScorer(model, 4, 128).score(examples);
            UtilityResult a = probe.run(model, TOKENIZER, examples, RESPONSES, scores);
            UtilityResult b = probe.run(model, TOKENIZER, examples, RESPONSES, scores);
            assertThat(b.rougeL()).containsExactly(a.rougeL());
            assertThat(b.meanRougeL()).isEqualTo(a.meanRougeL());
            assertThat(a.meanRougeL().point())
                    .isCloseTo(java.util.Arrays.stream(a.rougeL()).average().orElseThrow(), within(1e-12));
            assertThat(a.maxNewTokens()).isEqualTo(5);
        }
    }

    @Test
    void responsesLeaveAtLeastHalfTheContextToThePrompt() {
        try (CausalLm small = CausalLm.initialize(ModelConfig.named(ModelFamily.GPT2, "nano", TOKENIZER.vocabSize(),
                TOKENIZER.eosId(), 16), 7)) {
            List<PromptResponse> examples = examples();
            UtilityProbe probe = new UtilityProbe(new UtilityConfig(100, 0), 4, 50, 3);
            assertThat(probe.respond(small, examples.stream().map(PromptResponse::prompt).toList()))
                    .allSatisfy(x -> assertThat(x.length).isBetween(0, 8));
            UtilityResult r = probe.run(small, TOKENIZER, examples, RESPONSES,
                    new ResponseScorer(small, 4, 16).score(examples));
            assertThat(r.maxNewTokens()).isEqualTo(8);
        }
    }

    @Test
    void anExampleCapMeasuresASeededSubsample() {
        UtilityProbe probe = new UtilityProbe(new UtilityConfig(3, 4), 4, 100, 9);
        int[] rows = probe.rows(6);
        assertThat(rows).hasSize(4).isSorted().doesNotHaveDuplicates();
        assertThat(rows[0]).isGreaterThanOrEqualTo(0);
        assertThat(rows[3]).isLessThanOrEqualTo(5);
        assertThat(new UtilityProbe(new UtilityConfig(3, 4), 4, 100, 9).rows(6)).containsExactly(rows);
        assertThat(new UtilityProbe(new UtilityConfig(3, 0), 4, 100, 9).rows(6)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(new UtilityProbe(new UtilityConfig(3, 10), 4, 100, 9).rows(6)).containsExactly(0, 1, 2, 3, 4, 5);
        try (CausalLm model = model()) {
            List<PromptResponse> examples = examples();
            UtilityResult r = probe.run(model, TOKENIZER, examples, RESPONSES,
                    new ResponseScorer(model, 4, 128).score(examples));
            assertThat(r.examples()).isEqualTo(4);
            assertThat(r.rougeL()).hasSize(4);
            long tokens = java.util.Arrays.stream(rows).map(i -> RESPONSES.get(i).length()).sum();
            assertThat(r.tokens()).isEqualTo(tokens);
        }
    }

    @Test
    void settingsTheProbeCannotRunAreRefused() {
        assertThat(UtilityConfig.defaults()).isEqualTo(new UtilityConfig(128, 0));
        assertThatThrownBy(() -> new UtilityConfig(0, 0)).hasMessageContaining("maxNewTokens must be >= 1");
        assertThatThrownBy(() -> new UtilityConfig(8, -1)).hasMessageContaining("examples must be >= 0");
    }

    private static TokenScores scores(float... logProbs) {
        return new TokenScores(logProbs, new float[logProbs.length], new float[logProbs.length]);
    }
}
