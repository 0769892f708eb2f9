package io.kdprivacy.scenario;

import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.TrainingConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything a privacy test needs to know to build and audit its models: the private data, the teacher,
 * the student, how each is trained and how they are attacked. Immutable; made by {@link #builder()} (the
 * escape hatch behind {@code @PrivacyTest(scenario = "...")}) or from the annotations.
 *
 * <p>The protocol (see docs/concepts.md): the members file is split, with the seed, into a <b>private</b>
 * half (the teacher's fine-tuning data, plus planted canaries: the members the audit asks about) and a
 * <b>public</b> half (student initialisation, distillation, and the no-KD reference student); the
 * non-members file is the holdout the audit compares members with.
 */
public final class PrivacyScenario {

    private final ExampleSource members;
    private final ExampleSource nonMembers;
    private final int canaries;
    private final int canaryRepetitions;
    private final int canaryCandidates;
    private final ModelSpec teacher;
    private final TrainingConfig teacherTraining;
    private final ModelSpec student;
    private final TrainingConfig studentTraining;
    private final UnaryOperator<DistillationConfig.Builder> distillation;
    private final AuditSettings audit;
    private final long seed;
    private final int maxLength;

    private PrivacyScenario(Builder b) {
        this.members = b.members;
        this.nonMembers = b.nonMembers;
        this.canaries = b.canaries;
        this.canaryRepetitions = b.canaryRepetitions;
        this.canaryCandidates = b.canaryCandidates;
        this.teacher = b.teacher;
        this.teacherTraining = b.teacherTraining.withMaxLength(b.maxLength).withSeed(b.seed);
        this.student = b.student;
        this.studentTraining = b.studentTraining.withMaxLength(b.maxLength).withSeed(b.seed);
        this.distillation = b.distillation;
        this.audit = b.audit.withLengths(b.audit.batchSize(), b.maxLength);
        this.seed = b.seed;
        this.maxLength = b.maxLength;
    }

    /** A builder starting from this scenario. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.members = members;
        b.nonMembers = nonMembers;
        b.canaries = canaries;
        b.canaryRepetitions = canaryRepetitions;
        b.canaryCandidates = canaryCandidates;
        b.teacher = teacher;
        b.teacherTraining = teacherTraining;
        b.student = student;
        b.studentTraining = studentTraining;
        b.distillation = distillation;
        b.audit = audit;
        b.seed = seed;
        b.maxLength = maxLength;
        return b;
    }

    /**
     * A quick version of this scenario that checks the wiring, not the privacy: one epoch everywhere, 16
     * sampled / probed tokens, MoPe M = 2, 200 bootstrap resamples.
     */
    public PrivacyScenario smoke() {
        AuditSettings a = audit;
        MemorizationConfig probe = a.memorization() == null ? null
                : new MemorizationConfig(16, a.memorization().noRepeatNgram(), 16);
        return toBuilder().teacherTraining(teacherTraining.withEpochs(1)).studentTraining(studentTraining.withEpochs(1))
                .distillation(d -> d.epochs(1).maxNewTokens(16))
                .audit(new AuditSettings(a.attacks(), a.mode(), a.minK(), Math.min(a.mopePerturbations(), 2),
                        a.teacherSigma(), a.studentSigma(), a.perBlock(), probe, a.batchSize(), a.maxLength(),
                        Math.min(a.bootstrapResamples(), 200), a.seed()))
                .build();
    }

    /** A builder with the defaults: GPT-2 {@code tiny} teacher, {@code nano} student, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Problems that make this scenario impossible to run, found without training anything (missing files,
     * a student bigger than its teacher, ...).
     *
     * @throws PrivacyConfigurationException listing every problem found
     */
    public PrivacyScenario validate() {
        List<String> problems = new ArrayList<>();
        addIfPresent(problems, members.check());
        addIfPresent(problems, nonMembers.check());
        for (ModelSpec spec : List.of(teacher, student)) {
            if (spec.isCheckpoint() && !java.nio.file.Files.isDirectory(spec.checkpoint())) {
                problems.add("checkpoint directory not found: " + spec.checkpoint().toAbsolutePath());
            }
        }
        if (problems.isEmpty()) {
            Tokenizer tokenizer = tokenizer();
            ModelConfig t = teacher.config(tokenizer.vocabSize(), tokenizer.eosId(), maxLength);
            ModelConfig s = student.config(tokenizer.vocabSize(), tokenizer.eosId(), maxLength);
            if (s.hiddenSize() > t.hiddenSize() || s.layers() > t.layers()) {
                problems.add("student (d=" + s.hiddenSize() + ", " + s.layers() + " layers) is bigger than its teacher (d="
                        + t.hiddenSize() + ", " + t.layers() + " layers); a distilled student must not be larger");
            }
            int positions = Math.min(t.maxPositions(), s.maxPositions());
            if (audit.memorization() != null && audit.memorization().newTokens() >= positions) {
                problems.add("the memorization probe generates " + audit.memorization().newTokens()
                        + " tokens, which leaves no room for a prompt within " + positions + " positions");
            }
            for (KdTechnique technique : KdTechnique.values()) {
                int sampled = distillation(technique).maxNewTokens();
                if (technique != KdTechnique.KD && sampled >= positions) {
                    problems.add(technique.displayName() + " samples " + sampled + " new tokens, which leaves no room "
                            + "for a prompt within " + positions + " positions");
                }
            }
            if (s.vocabSize() != t.vocabSize()) {
                problems.add("student and teacher vocabularies differ: " + s.vocabSize() + " vs " + t.vocabSize());
            }
        }
        if (!problems.isEmpty()) {
            throw new PrivacyConfigurationException("invalid privacy scenario: " + String.join("; ", problems));
        }
        return this;
    }

    private static void addIfPresent(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** The tokenizer every model shares (byte level). */
    public Tokenizer tokenizer() {
        return new ByteTokenizer();
    }

    /** The distillation hyper-parameters for {@code technique}. */
    public DistillationConfig distillation(KdTechnique technique) {
        DistillationConfig.Builder b = DistillationConfig.builder(technique).maxLength(maxLength).seed(seed);
        return distillation.apply(b).build();
    }

    public ExampleSource members() {
        return members;
    }

    public ExampleSource nonMembers() {
        return nonMembers;
    }

    public int canaries() {
        return canaries;
    }

    public int canaryRepetitions() {
        return canaryRepetitions;
    }

    public int canaryCandidates() {
        return canaryCandidates;
    }

    public ModelSpec teacher() {
        return teacher;
    }

    public TrainingConfig teacherTraining() {
        return teacherTraining;
    }

    public ModelSpec student() {
        return student;
    }

    /** Training of the initial student (on public data) and of the no-KD reference student. */
    public TrainingConfig studentTraining() {
        return studentTraining;
    }

    public AuditSettings audit() {
        return audit;
    }

    public long seed() {
        return seed;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Builds a {@link PrivacyScenario}; every setter checks its argument. */
    public static final class Builder {

        private ExampleSource members;
        private ExampleSource nonMembers;
        private ExampleGenerator generator;
        private int[] generatedCounts;
        private int canaries;
        private int canaryRepetitions = 4;
        private int canaryCandidates = 100;
        private ModelSpec teacher = ModelSpec.of(ModelFamily.GPT2, "tiny");
        private TrainingConfig teacherTraining = TrainingConfig.defaults().withLearningRate(2e-3).withWarmupSteps(10)
                .withEpochs(6);
        private ModelSpec student = ModelSpec.of(ModelFamily.GPT2, "nano");
        private TrainingConfig studentTraining = TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(2);
        private UnaryOperator<DistillationConfig.Builder> distillation = UnaryOperator.identity();
        private AuditSettings audit = AuditSettings.defaults();
        private long seed = 42;
        private int maxLength = 256;

        private Builder() {
        }

        /** The teacher's candidate members (split into private and public halves). */
        public Builder members(Path jsonl) {
            return members(ExampleSource.file(jsonl));
        }

        public Builder members(ExampleSource source) {
            this.members = Objects.requireNonNull(source, "members");
            this.generator = null;
            return this;
        }

        /** The holdout: examples no model ever trains on. */
        public Builder nonMembers(Path jsonl) {
            return nonMembers(ExampleSource.file(jsonl));
        }

        public Builder nonMembers(ExampleSource source) {
            this.nonMembers = Objects.requireNonNull(source, "nonMembers");
            this.generator = null;
            return this;
        }

        /**
         * Members and non-members from one generator, drawn with distinct seeds derived from the scenario's
         * (replacing earlier {@code members} / {@code nonMembers}; a later call of those replaces this).
         */
        public Builder generated(ExampleGenerator generator, int memberCount, int nonMemberCount) {
            this.generator = Objects.requireNonNull(generator, "generator");
            this.generatedCounts = new int[] {memberCount, nonMemberCount};
            return this;
        }

        /** Seeded canary secrets planted in the teacher's private data, each {@code repetitions} times. */
        public Builder canaries(int count, int repetitions) {
            if (count < 0 || repetitions < 1) {
                throw new PrivacyConfigurationException("canaries need count >= 0 and repetitions >= 1, got "
                        + count + " and " + repetitions);
            }
            this.canaries = count;
            this.canaryRepetitions = repetitions;
            return this;
        }

        /** Random candidate secrets each canary is ranked against (exposure resolution: log2 of this + 1). */
        public Builder canaryCandidates(int count) {
            if (count < 1) {
                throw new PrivacyConfigurationException("canary candidates must be >= 1, got " + count);
            }
            this.canaryCandidates = count;
            return this;
        }

        public Builder teacher(ModelSpec spec) {
            this.teacher = Objects.requireNonNull(spec, "teacher");
            return this;
        }

        public Builder teacherTraining(TrainingConfig config) {
            this.teacherTraining = Objects.requireNonNull(config, "teacherTraining");
            return this;
        }

        public Builder student(ModelSpec spec) {
            this.student = Objects.requireNonNull(spec, "student");
            return this;
        }

        /** Training of the initial student on public data, also used for the no-KD reference student. */
        public Builder studentTraining(TrainingConfig config) {
            this.studentTraining = Objects.requireNonNull(config, "studentTraining");
            return this;
        }

        /** Adjusts every technique's distillation hyper-parameters (after the defaults and earlier adjustments). */
        public Builder distillation(UnaryOperator<DistillationConfig.Builder> customizer) {
            Objects.requireNonNull(customizer, "distillation");
            UnaryOperator<DistillationConfig.Builder> before = distillation;
            this.distillation = d -> customizer.apply(before.apply(d));
            return this;
        }

        public Builder audit(AuditSettings settings) {
            this.audit = Objects.requireNonNull(settings, "audit");
            return this;
        }

        /** The memorization probe's settings (null turns the probe off). */
        public Builder memorization(MemorizationConfig config) {
            this.audit = audit.withMemorization(config);
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Longest prompt + response any model sees. */
        public Builder maxLength(int tokens) {
            if (tokens < 8) {
                throw new PrivacyConfigurationException("maxLength must be >= 8, got " + tokens);
            }
            this.maxLength = tokens;
            return this;
        }

        /**
         * The scenario.
         *
         * @throws PrivacyConfigurationException if members or non-members are missing
         */
        public PrivacyScenario build() {
            if (generator != null) {
                members = ExampleSource.generated(generator, generatedCounts[0], seed * 31 + 1);
                nonMembers = ExampleSource.generated(generator, generatedCounts[1], seed * 31 + 2);
            }
            if (members == null || nonMembers == null) {
                throw new PrivacyConfigurationException("a privacy scenario needs members and non-members "
                        + "(files, lists or a generator)");
            }
            return new PrivacyScenario(this);
        }
    }
}
