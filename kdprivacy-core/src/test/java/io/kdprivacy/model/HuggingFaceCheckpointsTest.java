package io.kdprivacy.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kdprivacy.model.checkpoint.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kdprivacy.model.HfFixtures.copy;
import static io.kdprivacy.model.HfFixtures.editConfig;
import static io.kdprivacy.model.HfFixtures.expected;
import static io.kdprivacy.model.HfFixtures.logits;
import static io.kdprivacy.model.HfFixtures.maxAbsDiff;
import static io.kdprivacy.model.HfFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loading Hugging Face GPT-2, OPT and LLaMA checkpoints against independent references: the fixtures'
 * {@code expected.json} logits come from a float64 re-implementation of transformers' forward pass
 * ({@code scripts/fixtures/hf-checkpoints/}), not from kdprivacy.
 */
class HuggingFaceCheckpointsTest {

    /** The fixtures README's tolerance for a float32 consumer (float32 vs float64 differ by ≤ 6.4e-6). */
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    static String[] loadable() {
        return HfFixtures.LOADABLE;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadable")
    void logitsMatchTheFloat64Reference(String fixture) {
        Path dir = copy(fixture, tmp);
        HfFixtures.Expected expected = expected(fixture);
        try (CausalLm model = ModelCheckpoints.load(dir)) {
            assertThat(model.config().vocabSize()).isEqualTo(expected.vocab());
            float[] actual = logits(model, expected.inputIds());
            double diff = maxAbsDiff(actual, expected.flat());
            System.out.printf("HF fixture %-22s max |Δlogit| = %.3e%n", fixture, diff);
            assertThat(diff)
                    .as("%s: max |logit - float64 reference| = %.3e (tolerance %.0e)", fixture, diff, TOLERANCE)
                    .isLessThanOrEqualTo(TOLERANCE);
            // the config alone, as a scenario reads it before loading weights, is the same
            assertThat(ModelCheckpoints.readConfig(dir)).isEqualTo(model.config());
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"gpt2-sharded, gpt2-prefixed", "gpt2-sharded, gpt2", "gpt2-prefixed, gpt2", "llama-sharded, llama"})
    void shardedAndPrefixedCheckpointsLoadTheSameModel(String fixture, String reference) {
        try (CausalLm a = ModelCheckpoints.load(resource(fixture));
             CausalLm b = ModelCheckpoints.load(resource(reference))) {
            assertThat(a.config()).isEqualTo(b.config());
            assertThat(a.weightsHash()).isEqualTo(b.weightsHash());
            long[][] ids = expected(reference).inputIds();
            assertThat(logits(a, ids)).containsExactly(logits(b, ids));
        }
    }

    @Test
    void pytorchPickleWeightsAreRefusedWithAConversionHint() {
        Path dir = resource("gpt2-bin");
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("pytorch_model.bin")
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("convert them to safetensors");
    }

    @Test
    void untiedWeightsLoadedWithTieWordEmbeddingsUseTheEmbeddingAsTransformersDoes() {
        Path dir = copy("gpt2-untied", tmp);
        editConfig(dir, c -> c.put("tie_word_embeddings", true));
        HfFixtures.Expected untied = expected("gpt2-untied");
        try (CausalLm flipped = ModelCheckpoints.load(dir);
             CausalLm asFixture = ModelCheckpoints.load(resource("gpt2-untied"))) {
            assertThat(flipped.config().tiedEmbeddings()).isTrue();
            assertThat(flipped.parameters()).doesNotContainKey("lm_head.weight");
            // the tied computation: the untied model's weights without its head
            Map<String, float[]> weights = asFixture.toArrays();
            float[] head = weights.remove("lm_head.weight");
            assertThat(head).isNotEqualTo(weights.get("embed.tokens"));
            try (CausalLm tied = CausalLm.fromArrays(asFixture.config().withTiedEmbeddings(true), weights)) {
                float[] actual = logits(flipped, untied.inputIds());
                assertThat(actual).containsExactly(logits(tied, untied.inputIds()));
                double diff = maxAbsDiff(actual, untied.flat());
                assertThat(diff).as("tied logits must differ from the untied reference, max |Δ| = %.3g", diff)
                        .isGreaterThan(1.0);
            }
        }
    }

    @Test
    void dynamicRopeScalingEqualsNoScalingWithinTheMaximumPositions() {
        Path dir = copy("llama", tmp);
        editConfig(dir, c -> c.putObject("rope_scaling").put("rope_type", "dynamic").put("factor", 2.0));
        HfFixtures.Expected expected = expected("llama");
        try (CausalLm dynamic = ModelCheckpoints.load(dir);
             CausalLm plain = ModelCheckpoints.load(resource("llama"))) {
            assertThat(dynamic.config().ropeScaling().type()).isEqualTo(RopeScaling.Type.DYNAMIC);
            double diff = maxAbsDiff(logits(dynamic, expected.inputIds()), logits(plain, expected.inputIds()));
            assertThat(diff).as("dynamic vs unscaled, max |Δ| = %.3g", diff).isLessThanOrEqualTo(1e-6);
        }
    }

    /** The rope-scaling fixtures' references are far from the same weights without scaling, so they can tell. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"llama-rope-linear", "llama-rope-llama3"})
    void ropeScalingChangesTheLogitsDetectably(String fixture) {
        Path dir = copy(fixture, tmp);
        editConfig(dir, c -> c.remove("rope_scaling"));
        HfFixtures.Expected expected = expected(fixture);
        try (CausalLm unscaled = ModelCheckpoints.load(dir);
             CausalLm scaled = ModelCheckpoints.load(resource(fixture))) {
            assertThat(unscaled.config().ropeScaling()).isNull();
            float[] withScaling = logits(scaled, expected.inputIds());
            float[] without = logits(unscaled, expected.inputIds());
            assertThat(maxAbsDiff(without, withScaling)).isGreaterThan(1e-2);
            assertThat(maxAbsDiff(without, expected.flat())).isGreaterThan(1e-2);
        }
    }

    @Test
    void linearScalingAsTransformers5RopeParametersLoadsLikeRopeScaling() {
        Path dir = copy("llama-rope-linear", tmp);
        editConfig(dir, c -> {
            c.remove("rope_scaling");
            double theta = c.remove("rope_theta").doubleValue();
            c.putObject("rope_parameters").put("rope_type", "linear").put("factor", 2.0).put("rope_theta", theta);
        });
        HfFixtures.Expected expected = expected("llama-rope-linear");
        try (CausalLm model = ModelCheckpoints.load(dir)) {
            assertThat(model.config()).isEqualTo(ModelCheckpoints.readConfig(resource("llama-rope-linear")));
            assertThat(maxAbsDiff(logits(model, expected.inputIds()), expected.flat())).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void fixtureConfigsCarryTheHarmlessFieldsTransformersWrites() throws Exception {
        // guards the premise of logitsMatchTheFloat64Reference: the fixtures' configs are not stripped down
        for (String fixture : HfFixtures.LOADABLE) {
            ObjectNode config = (ObjectNode) HfFixtures.JSON.readTree(resource(fixture).resolve("config.json").toFile());
            assertThat(config.has("architectures") && config.has("transformers_version") && config.has("torch_dtype")
                    && config.has("_name_or_path") && config.has("bos_token_id") && config.has("use_cache"))
                    .as(fixture).isTrue();
        }
        ObjectNode gpt2 = (ObjectNode) HfFixtures.JSON.readTree(resource("gpt2").resolve("config.json").toFile());
        assertThat(gpt2.has("summary_type") && gpt2.has("task_specific_params") && gpt2.has("attn_pdrop")).isTrue();
    }
}
