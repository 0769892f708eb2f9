package io.kdprivacy.scenario;

import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.checkpoint.CheckpointException;
import io.kdprivacy.model.checkpoint.Checkpoints;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.TrainingConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything a privacy test needs to know to build and audit its models: the private data, the teacher,
 * the student, how each is trained and how they are attacked. Immutable; made by {@link #builder()} (the
 * escape hatch behind {@code @PrivacyTest(scenario = "...")}) or from the annotations.
 *
 * <p>The protocol (see docs/concepts.md) when kdprivacy trains the teacher (from scratch or from a
 * {@link ModelSpec#base base}): the members file is split, with the seed, into a <b>private</b> half (the
 * teacher's fine-tuning data, plus planted canaries: the members the audit asks about) and a <b>public</b>
 * half (student initialisation, distillation, and the no-KD reference student); the non-members file is the
 * holdout the audit compares members with.
 *
 * <p>With a teacher {@link ModelSpec#checkpoint checkpoint} nothing is split: the members are what the
 * teacher was trained on, {@link Builder#studentData studentData} is what the student was (or is to be)
 * distilled on, and the non-members are the holdout. A student checkpoint is audited as it is; its no-KD
 * reference is a checkpoint the user names ({@link Builder#reference}) or is absent, and then inherited
 * leakage is reported as not measured.
 */
public final class PrivacyScenario {

    /** Copies of each planted canary by default: {@value}. */
    public static final int DEFAULT_CANARY_REPETITIONS = 4;
    /** Random candidates each canary is ranked against by default: {@value}. */
    public static final int DEFAULT_CANARY_CANDIDATES = 100;
    /** The scenario's seed by default: {@value}. */
    public static final long DEFAULT_SEED = 42;
    /** Longest prompt + response any model sees, by default: {@value}. */
    public static final int DEFAULT_MAX_LENGTH = 256;

    /** Teacher training from scratch: 6 epochs at lr 2e-3, 10 warm-up steps. */
    public static final TrainingConfig SCRATCH_TEACHER_TRAINING = TrainingConfig.defaults().withLearningRate(2e-3)
            .withWarmupSteps(10).withEpochs(6);
    /** Teacher fine-tuning of a base, as the paper's teacher SFT: 5 epochs at lr 5e-5, no warm-up. */
    public static final TrainingConfig BASE_TEACHER_TRAINING = TrainingConfig.defaults().withLearningRate(5e-5)
            .withEpochs(5);
    /** Student initialisation from scratch: 2 epochs at lr 2e-3 (the no-KD reference trains as long as the students distil). */
    public static final TrainingConfig SCRATCH_STUDENT_TRAINING = TrainingConfig.defaults().withLearningRate(2e-3)
            .withEpochs(2);
    /** No-KD reference from a student base, as the paper's reference SFT: lr 5e-5, for the students' budget (the epochs here are replaced by the distillation's). */
    public static final TrainingConfig BASE_STUDENT_TRAINING = TrainingConfig.defaults().withLearningRate(5e-5)
            .withEpochs(5);

    private final ExampleSource members;
    private final ExampleSource nonMembers;
    private final ExampleGenerator generator;
    private final int[] generatedCounts;
    private final ExampleSource studentData;
    private final ModelSpec reference;
    private final Path tokenizerFile;
    private final Path exportStudentsTo;
    private final int canaries;
    private final int canaryRepetitions;
    private final int canaryCandidates;
    private final ModelSpec teacher;
    private final TrainingConfig teacherTraining;
    private final TrainingConfig explicitTeacherTraining;
    private final ModelSpec student;
    private final TrainingConfig studentTraining;
    private final TrainingConfig explicitStudentTraining;
    private final UnaryOperator<DistillationConfig.Builder> distillation;
    private final AuditSettings audit;
    private final long seed;
    private final int maxLength;

    private PrivacyScenario(Builder b) {
        // generated data is drawn with the seed the scenario ends up with, however the builder was reached
        this.generator = b.generator;
        this.generatedCounts = b.generatedCounts;
        this.members = b.generator != null ? ExampleSource.generated(b.generator, b.generatedCounts[0], b.seed * 31 + 1)
                : b.members;
        this.nonMembers = b.generator != null
                ? ExampleSource.generated(b.generator, b.generatedCounts[1], b.seed * 31 + 2) : b.nonMembers;
        this.studentData = b.studentData;
        this.reference = b.reference;
        this.tokenizerFile = b.tokenizerFile;
        this.exportStudentsTo = b.exportStudentsTo;
        this.canaries = b.canaries;
        this.canaryRepetitions = b.canaryRepetitions;
        this.canaryCandidates = b.canaryCandidates;
        this.teacher = b.teacher;
        TrainingConfig teacherTraining = b.teacherTraining != null ? b.teacherTraining
                : b.teacher.source() == ModelSpec.Source.BASE ? BASE_TEACHER_TRAINING : SCRATCH_TEACHER_TRAINING;
        this.teacherTraining = teacherTraining.withMaxLength(b.maxLength).withSeed(b.seed);
        this.explicitTeacherTraining = b.teacherTraining;
        this.student = b.student;
        TrainingConfig studentTraining = b.studentTraining != null ? b.studentTraining
                : b.student.source() == ModelSpec.Source.BASE ? BASE_STUDENT_TRAINING : SCRATCH_STUDENT_TRAINING;
        this.studentTraining = studentTraining.withMaxLength(b.maxLength).withSeed(b.seed);
        this.explicitStudentTraining = b.studentTraining;
        this.distillation = b.distillation;
        this.audit = b.audit.withLengths(b.audit.batchSize(), b.maxLength);
        this.seed = b.seed;
        this.maxLength = b.maxLength;
    }

    /** A builder starting from this scenario. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.members = generator == null ? members : null;
        b.nonMembers = generator == null ? nonMembers : null;
        b.generator = generator;
        b.generatedCounts = generatedCounts;
        b.studentData = studentData;
        b.reference = reference;
        b.tokenizerFile = tokenizerFile;
        b.exportStudentsTo = exportStudentsTo;
        b.canaries = canaries;
        b.canaryRepetitions = canaryRepetitions;
        b.canaryCandidates = canaryCandidates;
        b.teacher = teacher;
        b.teacherTraining = explicitTeacherTraining;
        b.student = student;
        b.studentTraining = explicitStudentTraining;
        b.distillation = distillation;
        b.audit = audit;
        b.seed = seed;
        b.maxLength = maxLength;
        return b;
    }

    /**
     * A quick version of this scenario that checks the wiring, not the privacy: one epoch everywhere, 16
     * sampled / probed / utility tokens, MoPe M = 2, 200 bootstrap resamples.
     */
    public PrivacyScenario smoke() {
        AuditSettings a = audit;
        MemorizationConfig probe = a.memorization() == null ? null
                : new MemorizationConfig(16, a.memorization().noRepeatNgram(), 16);
        return toBuilder().teacherTraining(teacherTraining.withEpochs(1)).studentTraining(studentTraining.withEpochs(1))
                .distillation(d -> d.epochs(1).maxNewTokens(16))
                .audit(new AuditSettings(a.attacks(), a.mode(), a.minK(), Math.min(a.mopePerturbations(), 2),
                        a.teacherSigma(), a.studentSigma(), a.perBlock(), probe, a.batchSize(), a.maxLength(),
                        Math.min(a.bootstrapResamples(), 200), a.seed(), a.mopeBudget(), a.utility() == null ? null
                        : new io.kdprivacy.utility.UtilityConfig(Math.min(a.utility().maxNewTokens(), 16),
                                a.utility().examples())))
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
        if (studentData != null) {
            addIfPresent(problems, studentData.check());
        }
        roleProblems(problems);
        List<ModelSpec> loaded = new ArrayList<>(List.of(teacher, student));
        if (reference != null) {
            loaded.add(reference);
        }
        for (ModelSpec spec : loaded) {
            if (!spec.isLoaded()) {
                continue;
            }
            if (!Files.isDirectory(spec.path())) {
                problems.add(spec.source().name().toLowerCase(Locale.ROOT) + " directory not found: "
                        + spec.path().toAbsolutePath());
            } else {
                try {
                    spec.config(1, 0, maxLength);
                    Checkpoints.inspect(spec.path());
                } catch (PrivacyConfigurationException e) {
                    problems.add(e.getMessage());
                } catch (CheckpointException e) {
                    problems.add(spec.describe() + ": " + e.getMessage());
                }
            }
        }
        problems.addAll(ScenarioTokenizer.problems(this));
        if (problems.isEmpty()) {
            ModelConfig t = teacherConfig();
            ModelConfig s = studentConfig();
            if (s.hiddenSize() > t.hiddenSize() || s.layers() > t.layers()) {
                problems.add("student (d=" + s.hiddenSize() + ", " + s.layers() + " layers) is bigger than its teacher (d="
                        + t.hiddenSize() + ", " + t.layers() + " layers); a distilled student must not be larger");
            }
            int positions = Math.min(Math.min(t.maxPositions(), s.maxPositions()), maxLength);
            if (audit.memorization() != null && audit.memorization().newTokens() >= positions) {
                problems.add("the memorization probe generates " + audit.memorization().newTokens()
                        + " tokens, which leaves no room for a prompt within " + positions + " positions");
            }
            if (!student.isCheckpoint()) {
                for (KdTechnique technique : KdTechnique.values()) {
                    int sampled = distillation(technique).maxNewTokens();
                    if (technique != KdTechnique.KD && sampled >= positions) {
                        problems.add(technique.displayName() + " samples " + sampled + " new tokens, which leaves no "
                                + "room for a prompt within " + positions + " positions");
                    }
                }
            }
            int tokens = vocabulary()[0];
            for (Map.Entry<String, ModelConfig> e : List.of(Map.entry("teacher", t), Map.entry("student", s))) {
                if (e.getValue().vocabSize() < tokens) {
                    problems.add("the " + e.getKey() + "'s vocabulary (" + e.getValue().vocabSize()
                            + " ids) is smaller than its tokenizer's (" + tokens + " tokens)");
                }
            }
            if (s.vocabSize() != t.vocabSize()) {
                problems.add("student and teacher vocabularies differ: " + s.vocabSize() + " vs " + t.vocabSize()
                        + " ids; logit-based distillation needs one vocabulary");
            }
        }
        if (!problems.isEmpty()) {
            throw new PrivacyConfigurationException("invalid privacy scenario: " + String.join("; ", problems));
        }
        return this;
    }

    /** Combinations of teacher, student, reference and data that do not describe a distillation. */
    private void roleProblems(List<String> problems) {
        if (student.isCheckpoint() && !teacher.isCheckpoint()) {
            problems.add("the student is a checkpoint but the teacher is not: a student checkpoint was distilled from "
                    + "a teacher kdprivacy did not train, so name that teacher with a checkpoint too");
        }
        if (reference != null && !reference.isCheckpoint()) {
            problems.add("a reference is named only as a checkpoint (" + reference.describe() + " is not one)");
        }
        if (reference != null && !student.isCheckpoint()) {
            problems.add("a reference checkpoint goes with a student checkpoint; a student kdprivacy distils gets a "
                    + "no-KD reference trained the same way");
        }
        if (teacher.isCheckpoint() && canaries > 0) {
            problems.add(canaries + " canaries requested, but the teacher is a checkpoint: canaries are planted only "
                    + "in data kdprivacy trains a teacher on");
        }
        if (teacher.isCheckpoint() && !student.isCheckpoint() && studentData == null) {
            problems.add("a student distilled from a teacher checkpoint needs studentData: the data to distil on "
                    + "(never the teacher's members)");
        }
        if (student.isCheckpoint() && exportStudentsTo != null) {
            problems.add("the student is a checkpoint already; there is no distilled student to export");
        }
        if (!teacher.isCheckpoint() && studentData != null) {
            problems.add("studentData is for a teacher checkpoint; a teacher kdprivacy trains gives the students the "
                    + "public half of the members file");
        }
    }

    /**
     * The vocabulary every model shares: {id count, end-of-sequence id} — from the first base or checkpoint's
     * config, else from the scenario's tokenizer.
     */
    int[] vocabulary() {
        for (ModelSpec spec : reference == null ? List.of(teacher, student) : List.of(teacher, student, reference)) {
            if (spec.isLoaded()) {
                ModelConfig c = spec.config(1, 0, maxLength);
                return new int[] {c.vocabSize(), c.eosTokenId()};
            }
        }
        Tokenizer tokenizer = ScenarioTokenizer.open(this, -1);
        try {
            return new int[] {tokenizer.vocabSize(), tokenizer.eosId()};
        } finally {
            if (tokenizer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The teacher's configuration: its directory's, or its named size with the scenario's vocabulary. */
    public ModelConfig teacherConfig() {
        int[] v = vocabulary();
        return teacher.config(v[0], v[1], maxLength);
    }

    /** The student's configuration: its directory's, or its named size with the scenario's vocabulary. */
    public ModelConfig studentConfig() {
        int[] v = vocabulary();
        return student.config(v[0], v[1], maxLength);
    }

    private static void addIfPresent(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /**
     * Opens the tokenizer every model shares: byte-level when every model is trained from scratch, otherwise
     * the models' own {@code tokenizer.json} (or the one {@link Builder#tokenizer named}). Close it when done if
     * it is {@link AutoCloseable}.
     */
    public Tokenizer tokenizer() {
        return ScenarioTokenizer.open(this, vocabulary()[1]);
    }

    /** The {@code tokenizer.json} named for this scenario, or null to use the models' own. */
    public Path tokenizerFile() {
        return tokenizerFile;
    }

    /** What the student was (or is to be) distilled on when the teacher is a checkpoint; null otherwise. */
    public ExampleSource studentData() {
        return studentData;
    }

    /** Where each distilled student is written in Hugging Face layout ({@code <dir>/<technique>}), or null. */
    public Path exportStudentsTo() {
        return exportStudentsTo;
    }

    /** The no-KD reference checkpoint of a student checkpoint, or null. */
    public ModelSpec reference() {
        return reference;
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
        private ExampleSource studentData;
        private ModelSpec reference;
        private Path tokenizerFile;
        private Path exportStudentsTo;
        private ExampleGenerator generator;
        private int[] generatedCounts;
        private int canaries;
        private int canaryRepetitions = DEFAULT_CANARY_REPETITIONS;
        private int canaryCandidates = DEFAULT_CANARY_CANDIDATES;
        private ModelSpec teacher = ModelSpec.of(ModelFamily.GPT2, "tiny");
        private TrainingConfig teacherTraining;
        private ModelSpec student = ModelSpec.of(ModelFamily.GPT2, "nano");
        private TrainingConfig studentTraining;
        private UnaryOperator<DistillationConfig.Builder> distillation = UnaryOperator.identity();
        private AuditSettings audit = AuditSettings.defaults();
        private long seed = DEFAULT_SEED;
        private int maxLength = DEFAULT_MAX_LENGTH;

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

        /**
         * With a teacher checkpoint: what the student was distilled on (a student checkpoint) or is to be
         * distilled on (a student kdprivacy trains). Never the teacher's members or the holdout.
         */
        public Builder studentData(Path jsonl) {
            return studentData(ExampleSource.file(jsonl));
        }

        public Builder studentData(ExampleSource source) {
            this.studentData = Objects.requireNonNull(source, "studentData");
            return this;
        }

        /**
         * The no-KD reference of a student checkpoint, itself a checkpoint (e.g. the student's base fine-tuned on
         * the student's data only). Without one, inherited leakage is reported as not measured.
         */
        public Builder reference(ModelSpec spec) {
            this.reference = Objects.requireNonNull(spec, "reference");
            return this;
        }

        /** A {@code tokenizer.json} for every model, instead of the one in each base or checkpoint directory. */
        public Builder tokenizer(Path tokenizerJson) {
            this.tokenizerFile = Objects.requireNonNull(tokenizerJson, "tokenizer");
            return this;
        }

        /**
         * Writes every distilled student, in Hugging Face layout ({@code config.json}, {@code model.safetensors},
         * {@code tokenizer.json}), to {@code dir/<technique>} — the exact weights the report audited: the file's
         * {@code kdprivacy.weights_sha256} metadata equals the report's {@code student.weights} hash.
         */
        public Builder exportStudentsTo(Path dir) {
            this.exportStudentsTo = Objects.requireNonNull(dir, "dir");
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

        /**
         * How the teacher is trained; by default {@link #SCRATCH_TEACHER_TRAINING} from scratch and
         * {@link #BASE_TEACHER_TRAINING} from a base (null restores the default).
         */
        public Builder teacherTraining(TrainingConfig config) {
            this.teacherTraining = config;
            return this;
        }

        public Builder student(ModelSpec spec) {
            this.student = Objects.requireNonNull(spec, "student");
            return this;
        }

        /**
         * Training of the initial student on public data (from scratch only: a base student starts as it is),
         * also used for the no-KD reference student; by default {@link #SCRATCH_STUDENT_TRAINING} from scratch
         * and {@link #BASE_STUDENT_TRAINING} from a base (null restores the default).
         */
        public Builder studentTraining(TrainingConfig config) {
            this.studentTraining = config;
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
            if (generator == null && members == null && teacher.isCheckpoint()) {
                throw new PrivacyConfigurationException("a teacher checkpoint needs its members declared: the data "
                        + teacher.path() + " was trained on");
            }
            if (generator == null && (members == null || nonMembers == null)) {
                throw new PrivacyConfigurationException("a privacy scenario needs members and non-members "
                        + "(files, lists or a generator)");
            }
            return new PrivacyScenario(this);
        }
    }
}
