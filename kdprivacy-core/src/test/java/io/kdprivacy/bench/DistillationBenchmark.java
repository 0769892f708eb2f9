package io.kdprivacy.bench;

import io.kdprivacy.data.DataSplit;
import io.kdprivacy.data.Example;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.DistillationResult;
import io.kdprivacy.distill.Distiller;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall time and peak RSS of each KD technique at the sample project's size: the sample's 300 training
 * tickets split into private / public halves, a GPT-2 {@code tiny} teacher fine-tuned on the private
 * half, a {@code nano} student initialised on the public half, byte tokens, sequences up to 320.
 * Each technique runs in its own JVM so its peak RSS is its own.
 *
 * <p>Run: {@code ./mvnw -B -q -ntp -pl kdprivacy-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.DistillationBenchmark}
 */
public final class DistillationBenchmark {

    private static final int MAX_LENGTH = 320;

    private DistillationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3) {
            child(KdTechnique.valueOf(args[0]), Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path support = args.length > 0 ? Path.of(args[0]) : defaultSupport();
        Path work = Files.createTempDirectory("kdprivacy-bench");
        Data data = Data.load(support);
        long t0 = System.nanoTime();
        Tokenizer tokenizer = new ByteTokenizer();
        ModelConfig teacherConfig = ModelConfig.named(ModelFamily.GPT2, "tiny", tokenizer.vocabSize(), tokenizer.eosId(), MAX_LENGTH);
        ModelConfig studentConfig = ModelConfig.named(ModelFamily.GPT2, "nano", tokenizer.vocabSize(), tokenizer.eosId(), MAX_LENGTH);
        TrainingConfig sft = TrainingConfig.defaults().withLearningRate(2e-3).withWarmupSteps(10).withMaxLength(MAX_LENGTH);
        try (CausalLm teacher = CausalLm.initialize(teacherConfig, 7);
             CausalLm student = CausalLm.initialize(studentConfig, 8)) {
            new SftTrainer(sft.withEpochs(6)).named("teacher").train(teacher, data.privateSet);
            new SftTrainer(sft.withEpochs(1)).named("student-init").train(student, data.publicSet);
            ModelCheckpoints.save(teacher, work.resolve("teacher"));
            ModelCheckpoints.save(student, work.resolve("student-init"));
        }
        System.out.printf("teacher + student init: %.1f s (private %d, public %d)%n", (System.nanoTime() - t0) / 1e9,
                data.privateSet.size(), data.publicSet.size());
        System.out.println("| technique | steps | wall time s | peak RSS MiB |");
        System.out.println("|---|---|---|---|");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (KdTechnique technique : KdTechnique.values()) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    DistillationBenchmark.class.getName(), technique.name(), work.toString(),
                    support.toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("|")) {
                        System.out.println(line);
                    }
                }
            }
            p.waitFor();
        }
    }

    /** The sample project's data, from the repository root (exec:java) or from this module. */
    private static Path defaultSupport() {
        Path fromRoot = Path.of("sample-project/src/test/resources/support");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("../sample-project/src/test/resources/support");
    }

    private static void child(KdTechnique technique, Path work, Path support) throws IOException {
        Data data = Data.load(support);
        try (CausalLm teacher = ModelCheckpoints.load(work.resolve("teacher"));
             CausalLm student = ModelCheckpoints.load(work.resolve("student-init"))) {
            DistillationConfig config = DistillationConfig.builder(technique).maxLength(MAX_LENGTH).seed(7).build();
            long t0 = System.nanoTime();
            DistillationResult result = new Distiller(config).distill(teacher, student, data.publicSet,
                    data.publicSet.subList(0, 16));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("| %s | %d | %.1f | %d |%n", technique.displayName(), result.steps(), seconds, ProcessMemory.peakRssMiB());
        }
    }

    /** The sample's tickets, split as the protocol does. */
    private static final class Data {
        final List<PromptResponse> privateSet;
        final List<PromptResponse> publicSet;

        private Data(List<PromptResponse> privateSet, List<PromptResponse> publicSet) {
            this.privateSet = privateSet;
            this.publicSet = publicSet;
        }

        static Data load(Path support) {
            DataSplit split = DataSplit.of(JsonlDataset.load(support.resolve("train.jsonl")),
                    JsonlDataset.load(support.resolve("holdout.jsonl")), false, 7);
            return new Data(encode(split.privateSet()), encode(split.publicSet()));
        }

        private static List<PromptResponse> encode(List<Example> examples) {
            Tokenizer tokenizer = new ByteTokenizer();
            return examples.stream().map(e -> new PromptResponse(tokenizer.encode(e.prompt()),
                    tokenizer.encode(e.response()))).toList();
        }
    }
}
