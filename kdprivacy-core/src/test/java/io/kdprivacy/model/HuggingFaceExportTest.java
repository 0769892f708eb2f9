package io.kdprivacy.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.kdprivacy.model.checkpoint.SafeTensorFile;
import io.kdprivacy.model.checkpoint.SafeTensors;
import io.kdprivacy.model.checkpoint.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.kdprivacy.model.HfFixtures.JSON;
import static io.kdprivacy.model.HfFixtures.expected;
import static io.kdprivacy.model.HfFixtures.logits;
import static io.kdprivacy.model.HfFixtures.maxAbsDiff;
import static io.kdprivacy.model.HfFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HuggingFaceCheckpoints#export}: what it writes loads back to the same model, carries the weights hash,
 * and is laid out as transformers' {@code save_pretrained} lays it out (checked against the independent
 * fixtures' own files).
 */
class HuggingFaceExportTest {

    @TempDir
    Path tmp;

    /** Every family and variant the exporter supports, as fixtures (F32 and 16-bit). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt2", "gpt2-untied", "gpt2-gelu", "gpt2-f16", "opt", "opt-untied", "opt-nobias",
            "llama", "llama-bf16", "llama-tied", "llama-attention-bias", "llama-mlp-bias", "llama-rope-linear",
            "llama-rope-llama3"})
    void exportedFixtureLoadsBackToTheSameModel(String fixture) throws IOException {
        Path out = tmp.resolve("export");
        HfFixtures.Expected expected = expected(fixture);
        try (CausalLm model = ModelCheckpoints.load(resource(fixture))) {
            HuggingFaceCheckpoints.export(model, null, out);
            assertThat(Files.exists(out.resolve(HuggingFaceCheckpoints.TOKENIZER_FILE))).isFalse();
            try (CausalLm reloaded = ModelCheckpoints.load(out)) {
                assertThat(reloaded.config()).isEqualTo(model.config());
                assertThat(reloaded.weightsHash()).isEqualTo(model.weightsHash());
                float[] before = logits(model, expected.inputIds());
                assertThat(logits(reloaded, expected.inputIds())).containsExactly(before);
                assertThat(maxAbsDiff(before, expected.flat())).isLessThanOrEqualTo(HuggingFaceCheckpointsTest.TOLERANCE);
            }
            SafeTensorFile written = SafeTensors.read(out.resolve("model.safetensors"));
            assertThat(written.metadata()).containsEntry(HuggingFaceCheckpoints.WEIGHTS_HASH_KEY, model.weightsHash())
                    .containsEntry("format", "pt");
            JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
            assertThat(config.path("model_type").asText())
                    .isEqualTo(model.config().family().name().toLowerCase(Locale.ROOT));
            assertThat(config.path("tie_word_embeddings").asBoolean())
                    .isEqualTo(model.config().tiedEmbeddings());
        }
    }

    /**
     * The exported tensors have the names, shapes and values of the fixtures' own files, which the independent
     * script wrote the way {@code save_pretrained} does (GPT-2 with the {@code transformer.} prefix and Conv1D
     * weights [in, out]; OPT and LLaMA with separate q/k/v, gate/up projections). F32 fixtures only, so the
     * values compare exactly; {@code gpt2-prefixed} is {@code gpt2} with save_pretrained's names.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt2-prefixed", "gpt2-untied", "opt", "opt-untied", "opt-nobias", "llama", "llama-tied",
            "llama-attention-bias", "llama-mlp-bias"})
    void exportedTensorsAreTheFixturesOwnTensors(String fixture) {
        Path out = tmp.resolve("export");
        try (CausalLm model = ModelCheckpoints.load(resource(fixture))) {
            HuggingFaceCheckpoints.export(model, null, out);
        }
        Map<String, TensorData> original = byName(SafeTensors.read(resource(fixture).resolve("model.safetensors")));
        Map<String, TensorData> exported = byName(SafeTensors.read(out.resolve("model.safetensors")));
        assertThat(exported.keySet()).containsExactlyElementsOf(original.keySet());
        original.forEach((name, t) -> assertThat(exported.get(name)).as(name).isEqualTo(t));
    }

    private static Map<String, TensorData> byName(SafeTensorFile file) {
        assertThat(file.undecoded()).isEmpty();
        Map<String, TensorData> out = new TreeMap<>();
        file.tensors().forEach(t -> out.put(t.name(), t));
        return out;
    }

    static Stream<Arguments> freshConfigs() {
        ModelConfig gpt2 = Bytes.config(ModelFamily.GPT2, "nano");
        ModelConfig opt = Bytes.config(ModelFamily.OPT, "nano");
        ModelConfig llama = Bytes.config(ModelFamily.LLAMA, "nano");
        return Stream.of(
                Arguments.of("gpt2", gpt2),
                Arguments.of("gpt2 untied gelu_new", gpt2.withTiedEmbeddings(false)
                        .withActivation(ModelFamily.Activation.GELU_TANH)),
                Arguments.of("opt", opt),
                Arguments.of("opt untied without biases", opt.withTiedEmbeddings(false).withBiases(false, false)),
                Arguments.of("llama", llama),
                Arguments.of("llama tied with biases", llama.withTiedEmbeddings(true).withBiases(true, true)),
                Arguments.of("llama linear rope", llama.withRopeScaling(RopeScaling.linear(4))),
                Arguments.of("llama llama3 rope", llama.withRopeScaling(RopeScaling.llama3(8, 1, 4, 32))),
                Arguments.of("llama dynamic rope",
                        llama.withRopeScaling(new RopeScaling(RopeScaling.Type.DYNAMIC, 2, 0, 0, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("freshConfigs")
    void exportedFreshModelLoadsBackToTheSameModel(String name, ModelConfig config) throws IOException {
        Path out = tmp.resolve("export");
        long[][] ids = {{1, 72, 101, 108, 108, 111, 256}, {0, 255, 3, 4, 5, 6, 7}};
        try (CausalLm model = CausalLm.initialize(config, 31)) {
            // initialize() gives zero biases and unit norms; random ones make a mixed-up bias or norm visible
            model.parameters().forEach((n, p) -> {
                if (n.endsWith(".bias") || n.contains("norm")) {
                    Torch.noGrad(() -> p.addi(p.getManager().randomNormal(0, 0.1f, p.getShape(), p.getDataType())));
                }
            });
            HuggingFaceCheckpoints.export(model, null, out);
            assertThat(HfFixtures.JSON.readTree(out.resolve("config.json").toFile()).has("model_type")).isTrue();
            assertThat(SafeTensors.read(out.resolve("model.safetensors")).metadata())
                    .containsEntry(HuggingFaceCheckpoints.WEIGHTS_HASH_KEY, model.weightsHash());
            try (CausalLm reloaded = ModelCheckpoints.load(out)) {
                assertThat(reloaded.config()).isEqualTo(config);
                assertThat(reloaded.weightsHash()).isEqualTo(model.weightsHash());
                assertThat(logits(reloaded, ids)).containsExactly(logits(model, ids));
            }
        }
    }

    @Test
    void exportCopiesTheTokenizerAndReplacesAnEarlierExport() throws IOException {
        Path tokenizer = Files.writeString(tmp.resolve("my-tokenizer.json"), "{\"version\": \"1.0\", \"model\": {}}");
        Path out = tmp.resolve("export");
        try (CausalLm first = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 1);
             CausalLm second = CausalLm.initialize(Bytes.config(ModelFamily.LLAMA, "nano"), 2)) {
            HuggingFaceCheckpoints.export(first, null, out);
            HuggingFaceCheckpoints.export(second, tokenizer, out);
            assertThat(out.resolve(HuggingFaceCheckpoints.TOKENIZER_FILE)).hasSameBinaryContentAs(tokenizer);
            try (CausalLm reloaded = ModelCheckpoints.load(out)) {
                assertThat(reloaded.weightsHash()).isEqualTo(second.weightsHash());
            }
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("config.json", "model.safetensors", "tokenizer.json");
            }
            try (Stream<Path> siblings = Files.list(tmp)) {
                assertThat(siblings.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("export", "my-tokenizer.json");
            }
        }
    }

    @Test
    void missingTokenizerFileIsRefusedBeforeAnythingIsWritten() {
        Path out = tmp.resolve("export");
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.OPT, "nano"), 1)) {
            assertThatThrownBy(() -> HuggingFaceCheckpoints.export(model, tmp.resolve("nope.json"), out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.json");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void modelsTheirFamilyCannotExpressAreNotExported() {
        ModelConfig gpt2 = Bytes.config(ModelFamily.GPT2, "nano");
        ModelConfig opt = Bytes.config(ModelFamily.OPT, "nano");
        for (ModelConfig config : new ModelConfig[] {gpt2.withBiases(false, false), gpt2.withBiases(true, false),
                opt.withBiases(true, false),
                new ModelConfig(ModelFamily.OPT, opt.vocabSize(), opt.hiddenSize(), opt.layers(), opt.heads(),
                        opt.intermediateSize(), opt.maxPositions(), opt.activation(), 1e-6, opt.ropeTheta(),
                        opt.eosTokenId())}) {
            try (CausalLm model = CausalLm.initialize(config, 1)) {
                assertThatThrownBy(() -> HuggingFaceCheckpoints.export(model, null, tmp.resolve("export")))
                        .as(config.toString()).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
