package io.kdprivacy.scenario;

import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.cache.CacheKey;
import io.kdprivacy.data.Example;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.scenario.RandomRecords;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.HuggingFaceCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.text.HuggingFaceTokenizer;
import io.kdprivacy.text.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scenarios with real-model inputs: Hugging Face bases and checkpoints carrying GPT-2's BPE tokenizer (50,257
 * tokens). The bases are small random models exported through the public API; what is tested is the wiring —
 * who is trained from what, which tokenizer, what is never trained — not the privacy of random models.
 */
class RealModelScenarioTest {

    static final int GPT2_VOCAB = 50_257;
    static final int EOS = 50_256;

    @TempDir
    static Path models;

    static Path gpt2Tokenizer;
    static Path teacherBase;
    static Path studentBase;

    @BeforeAll
    static void exportBases() throws URISyntaxException {
        gpt2Tokenizer = Path.of(RealModelScenarioTest.class.getResource("/io/kdprivacy/text/gpt2/tokenizer.json").toURI());
        teacherBase = export(ModelConfig.of(ModelFamily.GPT2, GPT2_VOCAB, 64, 2, 4, 64, EOS), 1, "teacher-base");
        studentBase = export(ModelConfig.of(ModelFamily.GPT2, GPT2_VOCAB, 32, 2, 2, 64, EOS), 2, "student-base");
    }

    static Path export(ModelConfig config, long seed, String name) {
        Path dir = models.resolve(name);
        try (CausalLm model = CausalLm.initialize(config, seed)) {
            HuggingFaceCheckpoints.export(model, gpt2Tokenizer, dir);
        }
        return dir;
    }

    static PrivacyScenario.Builder small() {
        return PrivacyScenario.builder().generated(new RandomRecords(), 24, 12).maxLength(48).seed(5);
    }

    @Test
    void aGpt2BpeScenarioWithBaseTeacherAndStudentRunsEveryTechnique(@TempDir Path cache, @TempDir Path exported)
            throws IOException {
        PrivacyScenario scenario = small().canaries(2, 2).canaryCandidates(15)
                .teacher(ModelSpec.base(teacherBase)).student(ModelSpec.base(studentBase)).exportStudentsTo(exported)
                .teacherTraining(PrivacyScenario.SCRATCH_TEACHER_TRAINING).build().smoke();
        Tokenizer tokenizer = scenario.tokenizer();
        try (HuggingFaceTokenizer bpe = (HuggingFaceTokenizer) tokenizer) {
            assertThat(bpe.vocabSize()).isEqualTo(GPT2_VOCAB);
            assertThat(bpe.eosId()).isEqualTo(EOS);
            assertThat(bpe.file()).isEqualTo(teacherBase.resolve("tokenizer.json"));
        }
        String baseHash;
        try (CausalLm base = io.kdprivacy.model.ModelCheckpoints.load(studentBase)) {
            baseHash = base.weightsHash();
        }
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(cache))) {
            List<String> studentHashes = new ArrayList<>();
            Set<Integer> budgets = new java.util.HashSet<>();
            for (KdTechnique technique : KdTechnique.values()) {
                PrivacyReport report = runner.run(scenario, technique, "real#" + technique);
                assertThat(report.models()).extracting(ModelReport::role).containsExactly("teacher", "student", "reference");
                assertThat(report.model("teacher").orElseThrow().size()).isEqualTo("teacher-base");
                assertThat(report.provenance().hashes()).containsEntry("tokenizer", sha256(gpt2Tokenizer))
                        .containsKeys("teacher.base", "student.base");
                assertThat(report.inheritedLeakage()).isNotEmpty();
                assertThat(report.notMeasured()).isEmpty();
                ModelReport student = report.model("student").orElseThrow();
                assertThat(student.parameters()).as("the student base's own shape")
                        .isEqualTo(GPT2_VOCAB * 32L + 64 * 32 + 2 * (12L * 32 * 32 + 13 * 32) + 2 * 32);
                studentHashes.add(student.weightsHash());
                assertThat(student.training().rule()).startsWith("equal optimizer steps: ");
                assertThat(report.model("reference").orElseThrow().training().optimizerSteps())
                        .as("the no-KD control gets the students' budget").isEqualTo(student.training().optimizerSteps());
                assertThat(report.model("teacher").orElseThrow().training()).isNull();
                budgets.add(student.training().optimizerSteps());
                assertExported(exported.resolve(technique.displayName()), report, gpt2Tokenizer);
            }
            assertThat(budgets).as("every technique's student took the same optimizer steps").hasSize(1);
            assertThat(studentHashes).as("each technique distils its own student from the base")
                    .doesNotHaveDuplicates().doesNotContain(baseHash);
            Set<String> kinds = runner.cacheOutcomes().keySet().stream().map(CacheKey::kind).collect(Collectors.toSet());
            assertThat(kinds).as("a base student starts as it is: no initial fine-tune is built")
                    .contains("teacher", "reference", "student").doesNotContain("student-init");
        }
    }

    @Test
    void anAuditOnlyScenarioOfCheckpointsTrainsNothing(@TempDir Path cache, @TempDir Path dir) throws IOException {
        Path teacher = export(ModelConfig.of(ModelFamily.GPT2, GPT2_VOCAB, 64, 2, 4, 64, EOS), 11, "audit-teacher");
        Path student = export(ModelConfig.of(ModelFamily.GPT2, GPT2_VOCAB, 32, 2, 2, 64, EOS), 12, "audit-student");
        Path reference = export(ModelConfig.of(ModelFamily.GPT2, GPT2_VOCAB, 32, 2, 2, 64, EOS), 13, "audit-reference");
        List<Example> all = new RandomRecords().generate(36, 3);
        PrivacyScenario.Builder builder = PrivacyScenario.builder()
                .members(ExampleSource.of("teacher's training data", all.subList(0, 12)))
                .studentData(ExampleSource.of("student's distillation data", all.subList(12, 24)))
                .nonMembers(ExampleSource.of("holdout", all.subList(24, 36)))
                .teacher(ModelSpec.checkpoint(teacher)).student(ModelSpec.checkpoint(student)).maxLength(48).seed(5);
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(cache))) {
            PrivacyReport withReference = runner.run(builder.reference(ModelSpec.checkpoint(reference)).build().smoke(),
                    KdTechnique.GKD, "audit#GKD");
            assertThat(withReference.models()).extracting(ModelReport::role)
                    .containsExactly("teacher", "student", "reference");
            assertThat(withReference.inheritedLeakage()).isNotEmpty();
            assertThat(withReference.models()).as("a checkpoint's training is not ours to report")
                    .allSatisfy(m -> assertThat(m.training()).isNull());
            assertThat(withReference.model("student").orElseThrow().membership().get(0).members())
                    .as("every declared member is audited: nothing is split off").isEqualTo(12);
            try (CausalLm loaded = io.kdprivacy.model.ModelCheckpoints.load(student)) {
                assertThat(withReference.model("student").orElseThrow().weightsHash()).isEqualTo(loaded.weightsHash());
            }
            Set<String> kinds = runner.cacheOutcomes().keySet().stream().map(CacheKey::kind).collect(Collectors.toSet());
            assertThat(kinds).as("only audits go through the cache").allMatch(k -> k.startsWith("audit-"));
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .doesNotContain("teacher", "student-init", "reference", "student");
        }
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(cache))) {
            PrivacyReport withoutReference = runner.run(PrivacyScenario.builder()
                    .members(ExampleSource.of("teacher's training data", all.subList(0, 12)))
                    .nonMembers(ExampleSource.of("holdout", all.subList(24, 36)))
                    .teacher(ModelSpec.checkpoint(teacher)).student(ModelSpec.checkpoint(student)).maxLength(48).seed(5)
                    .build().smoke(), KdTechnique.KD, "audit#KD");
            assertThat(withoutReference.models()).extracting(ModelReport::role).containsExactly("teacher", "student");
            assertThat(withoutReference.inheritedLeakage()).isEmpty();
            assertThat(withoutReference.notMeasured("inheritedLeakage.auc", "student")).get()
                    .extracting(n -> n.reason()).asString().contains("no reference checkpoint was named");
            assertThat(withoutReference.notMeasured("membership.auc", "student")).isPresent();
        }
    }

    @Test
    void badRealModelInputFailsNamingTheProblemBeforeAnyTraining(@TempDir Path cache, @TempDir Path dir)
            throws IOException, URISyntaxException {
        Path noTokenizer = copy(studentBase, dir.resolve("no-tokenizer"));
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertInvalid(small().teacher(ModelSpec.base(teacherBase)).student(ModelSpec.base(noTokenizer)), cache,
                "student (" + noTokenizer + ") has no tokenizer.json");

        Path otherVocabulary = copy(studentBase, dir.resolve("other-vocabulary"));
        Files.copy(Path.of(getClass().getResource("/io/kdprivacy/text/tokenizer.json").toURI()),
                otherVocabulary.resolve("tokenizer.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertInvalid(small().teacher(ModelSpec.base(teacherBase)).student(ModelSpec.base(otherVocabulary)), cache,
                "the teacher's tokenizer " + teacherBase.resolve("tokenizer.json") + " (50257 tokens) and the student's "
                        + "tokenizer " + otherVocabulary.resolve("tokenizer.json"));

        Path bert = copy(teacherBase, dir.resolve("bert"));
        edit(bert, "\"model_type\" : \"gpt2\"", "\"model_type\" : \"bert\"");
        assertInvalid(small().teacher(ModelSpec.base(bert)), cache, "model_type 'bert' is not supported");

        Path unknownField = copy(teacherBase, dir.resolve("unknown-field"));
        edit(unknownField, "\"model_type\" : \"gpt2\",", "\"model_type\" : \"gpt2\", \"scale_qk_by_moon_phase\" : true,");
        assertInvalid(small().teacher(ModelSpec.base(unknownField)), cache, "scale_qk_by_moon_phase");

        Path truncated = copy(studentBase, dir.resolve("truncated"));
        Path weights = truncated.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertInvalid(small().teacher(ModelSpec.base(teacherBase)).student(ModelSpec.base(truncated)), cache,
                weights.toString());

        assertThatThrownBy(() -> PrivacyScenario.builder().nonMembers(ExampleSource.of("holdout", List.of()))
                .teacher(ModelSpec.checkpoint(teacherBase)).build())
                .isInstanceOf(PrivacyConfigurationException.class)
                .hasMessageContaining("a teacher checkpoint needs its members declared");

        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries).as("nothing was trained").isEmpty();
        }
    }

    @Test
    void aStudentDistilledFromScratchIsExportedWithAByteLevelTokenizer(@TempDir Path cache, @TempDir Path exported)
            throws IOException {
        PrivacyScenario scenario = small().teacher(ModelSpec.of(ModelFamily.LLAMA, "nano"))
                .student(ModelSpec.of(ModelFamily.LLAMA, "nano")).exportStudentsTo(exported).build().smoke();
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(cache))) {
            PrivacyReport report = runner.run(scenario, KdTechnique.KD, "scratch#KD");
            Path dir = exported.resolve("KD");
            assertExported(dir, report, null);
            try (ScenarioRunner warm = new ScenarioRunner(new ArtifactCache(cache))) {
                assertThat(warm.run(scenario, KdTechnique.KD, "scratch#KD").model("student").orElseThrow().training())
                        .as("the budget is cached beside the student").isEqualTo(report.model("student").orElseThrow().training())
                        .isNotNull();
            }
            assertThat(Files.readString(dir.resolve("tokenizer.json"))).isEqualTo(io.kdprivacy.text.ByteTokenizer.huggingFaceJson());
        }
    }

    /** The exported student is the audited one: same weights hash in the report, in the file and after reloading. */
    private static void assertExported(Path dir, PrivacyReport report, Path tokenizer) throws IOException {
        String audited = report.model("student").orElseThrow().weightsHash();
        assertThat(report.provenance().hashes()).containsEntry("student.weights", audited);
        assertThat(io.kdprivacy.model.checkpoint.SafeTensors.read(dir.resolve("model.safetensors")).metadata())
                .containsEntry(HuggingFaceCheckpoints.WEIGHTS_HASH_KEY, audited);
        assertThat(Files.readString(dir.resolve("config.json"))).contains("\"model_type\"");
        if (tokenizer != null) {
            assertThat(dir.resolve("tokenizer.json")).hasSameBinaryContentAs(tokenizer);
        }
        try (CausalLm reloaded = io.kdprivacy.model.ModelCheckpoints.load(dir)) {
            assertThat(reloaded.weightsHash()).isEqualTo(audited);
        }
    }

    private static void assertInvalid(PrivacyScenario.Builder scenario, Path cache, String message) {
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(cache))) {
            assertThatThrownBy(() -> runner.run(scenario.build(), KdTechnique.KD, "bad"))
                    .isInstanceOf(PrivacyConfigurationException.class).hasMessageContaining(message);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static void edit(Path dir, String from, String to) throws IOException {
        Path config = dir.resolve("config.json");
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
