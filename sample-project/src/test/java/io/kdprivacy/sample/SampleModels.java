package io.kdprivacy.sample;

import io.kdprivacy.data.Example;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.Distiller;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.distill.ReferenceStudents;
import io.kdprivacy.memorization.MemorizationProbe;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.HuggingFaceCheckpoints;
import io.kdprivacy.model.ModelCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.HuggingFaceTokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The models {@link RealModelPrivacyTest} needs, made here through kdprivacy's public API because the sample
 * may download nothing. A real project has them already: its pretrained bases (e.g. {@code gpt2} and
 * {@code distilgpt2}, saved with {@code save_pretrained}) and the teacher and student it ships.
 *
 * <ul>
 *   <li>Stand-in <b>bases</b>: GPT-2-shaped models with GPT-2's real 50,257-token vocabulary and BPE tokenizer,
 *       small (d = 128 and 64) so the sample runs in minutes on two cores, "pretrained" for an epoch on
 *       support transcripts that {@link RealModelPrivacyTest} does not audit (tickets 150-249, agent replies
 *       given the customer's message): a base that has seen the domain, as a real one would, rather than random
 *       weights, next to which any member's name or number stands out.</li>
 *   <li>The team's <b>shipped checkpoints</b>: the teacher base fine-tuned on the team's private tickets, a
 *       student distilled from it with KD on other tickets, and the no-KD reference (the student base
 *       fine-tuned on those other tickets only).</li>
 * </ul>
 * Everything is written once into {@code target/kdprivacy-models/tickets-<hash of the tickets>} in Hugging Face
 * layout and reused while the tickets stay the same.
 */
final class SampleModels {

    static final Path TOKENIZER = Path.of("src/test/resources/models/gpt2-tokenizer/tokenizer.json");
    static final Path TICKETS = Path.of("src/test/resources/support/train.jsonl");
    /**
     * Where the stand-ins are kept between runs: one directory per version of the tickets they are trained on, so that
     * changed tickets never meet models built from the old ones.
     */
    static final Path DIR = Path.of("target/kdprivacy-models")
            .resolve("tickets-" + io.kdprivacy.results.Sha256.of(TICKETS).substring(0, 12));
    static final Path HOLDOUT = Path.of("src/test/resources/support/holdout.jsonl");

    private static final int VOCAB = 50_257;
    private static final int EOS = 50_256;
    private static final int POSITIONS = 256;

    private SampleModels() {
    }

    /** Tickets {@code from} (inclusive) to {@code to} (exclusive) of the support data. */
    static List<Example> tickets(int from, int to) {
        return JsonlDataset.load(TICKETS).subList(from, to);
    }

    /** Holdout tickets {@code from} to {@code to}. */
    static List<Example> holdout(int from, int to) {
        return JsonlDataset.load(HOLDOUT).subList(from, to);
    }

    static synchronized Path teacherBase() {
        return base("gpt2-teacher-base", ModelConfig.of(ModelFamily.GPT2, VOCAB, 128, 2, 4, POSITIONS, EOS), 101);
    }

    static synchronized Path studentBase() {
        return base("gpt2-student-base", ModelConfig.of(ModelFamily.GPT2, VOCAB, 64, 2, 4, POSITIONS, EOS), 102);
    }

    private static Path base(String name, ModelConfig config, long seed) {
        Path dir = DIR.resolve(name);
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            List<Example> corpus = tickets(150, 250);
            try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(TOKENIZER);
                 CausalLm model = CausalLm.initialize(config, seed)) {
                new SftTrainer(TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(1).withMaxLength(POSITIONS))
                        .named(name + " pretraining").train(model, MemorizationProbe.tokenize(tokenizer, corpus));
                HuggingFaceCheckpoints.export(model, TOKENIZER, dir);
            }
        }
        return dir;
    }

    /** The directories of the team's shipped teacher, student and no-KD reference. */
    record Shipped(Path teacher, Path student, Path reference) {
    }

    /**
     * The team's models: a teacher fine-tuned on {@code teacherData}, a student distilled from it with KD on
     * {@code studentData}, and the reference fine-tuned on {@code studentData} alone.
     */
    static synchronized Shipped shipped(List<Example> teacherData, List<Example> studentData) {
        Shipped shipped = new Shipped(DIR.resolve("support-teacher"), DIR.resolve("support-student"),
                DIR.resolve("support-no-kd"));
        if (Files.isRegularFile(shipped.reference().resolve("config.json"))) {
            return shipped;
        }
        TrainingConfig sft = TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(8).withMaxLength(POSITIONS);
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(TOKENIZER);
             CausalLm teacher = ModelCheckpoints.load(teacherBase());
             CausalLm student = ModelCheckpoints.load(studentBase())) {
            List<PromptResponse> teacherIds = MemorizationProbe.tokenize(tokenizer, teacherData);
            List<PromptResponse> studentIds = MemorizationProbe.tokenize(tokenizer, studentData);
            new SftTrainer(sft).named("team teacher").train(teacher, teacherIds);
            HuggingFaceCheckpoints.export(teacher, TOKENIZER, shipped.teacher());
            try (CausalLm reference = ReferenceStudents.noKdControl(student, studentIds, sft.withEpochs(3))) {
                HuggingFaceCheckpoints.export(reference, TOKENIZER, shipped.reference().resolveSibling(".building"));
                new Distiller(DistillationConfig.builder(KdTechnique.KD).epochs(2).maxLength(POSITIONS).build())
                        .distill(teacher, student, studentIds, studentIds.subList(0, 8));
                HuggingFaceCheckpoints.export(student, TOKENIZER, shipped.student());
                // the reference goes in place last: its presence marks the set as complete
                Files.move(shipped.reference().resolveSibling(".building"), shipped.reference());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return shipped;
    }
}
