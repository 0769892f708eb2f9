package io.kdprivacy.scenario;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.audit.ModelAudit;
import io.kdprivacy.audit.PrivacyAudit;
import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.cache.CacheKey;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.DistillationResult;
import io.kdprivacy.distill.Distiller;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.memorization.CanaryExposure;
import io.kdprivacy.memorization.CanaryExposureResult;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.HuggingFaceCheckpoints;
import io.kdprivacy.model.ModelCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.Torch;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.ModelRole;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.NotMeasured;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Provenance;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.TrainingBudget;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import io.kdprivacy.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a {@link PrivacyScenario} for one KD technique: builds (or finds in the {@link ArtifactCache}) or loads
 * the teacher, the student's starting point, the no-KD reference student and the distilled student, audits
 * them, and assembles the {@link PrivacyReport}.
 *
 * <p>What is built depends on how each model is named ({@link ModelSpec}): a named size is trained from
 * scratch; a base is loaded and fine-tuned (the teacher on the private half; the reference on the public half)
 * and is where every distilled student starts; a checkpoint is loaded and audited as it is — never trained,
 * never copied into the cache. With a student checkpoint the reference is the one the scenario names, or
 * there is none and the report says inherited leakage was not measured.
 *
 * <p>Every artifact is content-addressed by the hash of what determines it (configs, data hashes, the
 * tokenizer, seed, library version, the keys or file hashes of the models it is built from), so a second run
 * with nothing changed reuses every checkpoint and every audit and trains nothing. Models and audits are also
 * kept in memory for the runner's lifetime, so techniques share one teacher and one reference. Runs are
 * serialised (under JUnit's parallel mode two privacy tests would only compete for the same cores and models).
 *
 * <p>Each run's phases — every model and audit, where it came from and its wall time — are kept per test id
 * ({@link #phases(String)}) for reports.
 */
public final class ScenarioRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    /** Revision of how a student's training budget is set (1: equal optimizer steps, MiniLLM included). */
    private static final String BUDGET_RULE = "equal-optimizer-steps/1";

    private final ArtifactCache cache;
    private final Map<CacheKey, CausalLm> models = new HashMap<>();
    private final Map<CacheKey, ModelAudit> audits = new HashMap<>();
    private final Map<CacheKey, PrivacyAudit.Scores> referenceScores = new HashMap<>();
    private final Map<CacheKey, ArtifactCache.Outcome> outcomes = new LinkedHashMap<>();
    private final Map<String, String> directoryHashes = new HashMap<>();
    private final Map<CacheKey, Path> directories = new HashMap<>();
    private final Map<CacheKey, TrainingBudget> budgets = new HashMap<>();
    private final Map<String, List<PipelinePhase>> phasesByTest = new LinkedHashMap<>();
    private List<PipelinePhase> phases = new ArrayList<>();

    public ScenarioRunner(ArtifactCache cache) {
        this.cache = cache;
    }

    /** What the cache did for each artifact this runner asked for, in order of first use. */
    public Map<CacheKey, ArtifactCache.Outcome> cacheOutcomes() {
        return Map.copyOf(outcomes);
    }

    /**
     * The phases of the last run of {@code testId}, in order: each model (teacher, student initialisation or base,
     * no-KD reference, distilled student) and each model's audit, whether it was built, taken from the artifact
     * cache, loaded from a checkpoint or reused from memory, and its wall time; empty if there was no such run.
     * A run that failed keeps the phases it finished.
     */
    public synchronized List<PipelinePhase> phases(String testId) {
        return phasesByTest.getOrDefault(testId, List.of());
    }

    /** As {@link #run(PrivacyScenario, KdTechnique, String, int)} without excerpts (no member text in the report). */
    public PrivacyReport run(PrivacyScenario scenario, KdTechnique technique, String testId) {
        return run(scenario, technique, testId, 0);
    }

    /**
     * Builds and audits the models of {@code scenario} for {@code technique}.
     *
     * @param testId   id recorded in the report
     * @param excerpts number of most exposed member texts to include (opt-in; 0 = none); canary secrets are
     *                 masked
     * @throws PrivacyConfigurationException if the scenario is invalid (checked before anything is trained)
     */
    public synchronized PrivacyReport run(PrivacyScenario scenario, KdTechnique technique, String testId,
                                          int excerpts) {
        scenario.validate();
        Tokenizer tokenizer = scenario.tokenizer();
        phases = new ArrayList<>();
        try {
            return run(scenario, technique, testId, excerpts, tokenizer);
        } finally {
            phasesByTest.put(testId, List.copyOf(phases));
            if (tokenizer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("cannot close tokenizer {}", tokenizer.name(), e);
                }
            }
        }
    }

    private PrivacyReport run(PrivacyScenario scenario, KdTechnique technique, String testId, int excerpts,
                              Tokenizer tokenizer) {
        PreparedData data = PreparedData.of(scenario, tokenizer);
        int[] truncated = data.truncation(scenario.maxLength());
        if (truncated[0] > 0) {
            LOG.warn("kdprivacy: {} records are longer than maxLength {} tokens (the longest has {}) and are truncated: "
                    + "the prompt keeps its last tokens, the response its first", truncated[0], scenario.maxLength(),
                    truncated[1]);
        }
        Path tokenizerFile = ScenarioTokenizer.file(scenario);
        String tokenizerHash = tokenizerFile == null ? "byte" : fileHash(tokenizerFile);
        Map<String, String> hashes = new LinkedHashMap<>(data.split().manifest().hashes());
        hashes.put("tokenizer", tokenizerHash);

        ModelSpec teacherSpec = scenario.teacher();
        CacheKey teacherKey;
        CausalLm teacher;
        if (teacherSpec.isCheckpoint()) {
            teacherKey = loadedKey("teacher-checkpoint", teacherSpec.path(), hashes, "teacher.checkpoint");
            teacher = loaded("teacher", teacherKey, teacherSpec.path());
        } else {
            CacheKey.Builder k = key("teacher").put("training", scenario.teacherTraining())
                    .put("data", data.teacherDataHash()).put("seed", scenario.seed()).put("tokenizer", tokenizerHash);
            teacherKey = teacherSpec.source() == ModelSpec.Source.BASE
                    ? k.put("base", directoryHash(teacherSpec.path(), hashes, "teacher.base")).build()
                    : k.put("config", scenario.teacherConfig().toJson()).build();
            teacher = model("teacher", teacherKey, () -> {
                CausalLm t = teacherSpec.source() == ModelSpec.Source.BASE ? ModelCheckpoints.load(teacherSpec.path())
                        : CausalLm.initialize(scenario.teacherConfig(), scenario.seed());
                new SftTrainer(scenario.teacherTraining()).named("teacher").train(t, data.teacherData());
                return t;
            });
        }

        ModelSpec studentSpec = scenario.student();
        CacheKey initKey = null;
        CausalLm init = null;
        CacheKey referenceKey = null;
        CausalLm reference = null;
        CacheKey studentKey;
        CausalLm student;
        if (studentSpec.isCheckpoint()) {
            studentKey = loadedKey("student-checkpoint", studentSpec.path(), hashes, "student.checkpoint");
            student = loaded("student", studentKey, studentSpec.path());
            if (scenario.reference() != null) {
                referenceKey = loadedKey("reference-checkpoint", scenario.reference().path(), hashes,
                        "reference.checkpoint");
                reference = loaded("no-KD reference", referenceKey, scenario.reference().path());
            }
        } else {
            if (studentSpec.source() == ModelSpec.Source.BASE) {
                // the paper's code starts every KD student from its pretrained base, with no initial fine-tune
                initKey = loadedKey("student-base", studentSpec.path(), hashes, "student.base");
                init = loaded("student base", initKey, studentSpec.path());
            } else {
                ModelConfig studentConfig = scenario.studentConfig();
                initKey = key("student-init").put("config", studentConfig.toJson())
                        .put("training", scenario.studentTraining()).put("public", data.publicHash())
                        .put("seed", scenario.seed()).put("tokenizer", tokenizerHash).build();
                init = model("student initialisation", initKey, () -> {
                    CausalLm s = CausalLm.initialize(studentConfig, scenario.seed() + 1);
                    new SftTrainer(scenario.studentTraining()).named("student-init").train(s, data.publicData());
                    return s;
                });
            }
            CausalLm start = init;
            DistillationConfig distillation = scenario.distillation(technique);
            // the no-KD control gets the students' budget: as many optimizer steps of as many sequences
            TrainingConfig referenceTraining = scenario.studentTraining().withEpochs(distillation.epochs())
                    .withBatchSize(distillation.batchSize());
            int publicSize = data.publicData().size();
            referenceKey = key("reference").put("init", initKey).put("training", referenceTraining)
                    .put("public", data.publicHash()).put("tokenizer", tokenizerHash).build();
            reference = trained("no-KD reference", referenceKey, () -> {
                CausalLm r = start.copy();
                TrainingResult t;
                try {
                    t = new SftTrainer(referenceTraining).named("reference-student").train(r, data.publicData());
                } catch (RuntimeException e) {
                    r.close();
                    throw e;
                }
                return new Trained(r, new TrainingBudget("no-KD control, the students' budget: "
                        + distillation.budgetRule(publicSize).replace("equal optimizer steps: ", "") + " (cross-entropy)",
                        t.steps(), (long) referenceTraining.epochs() * publicSize, t.tokens()));
            });
            studentKey = key("student").put("teacher", teacherKey).put("init", initKey)
                    .put("distillation", distillation).put("budget", BUDGET_RULE).put("public", data.publicHash())
                    .put("tokenizer", tokenizerHash).build();
            student = trained("distillation (" + technique.displayName() + ")", studentKey, () -> {
                CausalLm s = start.copy();
                DistillationResult d = new Distiller(distillation).distill(teacher, s, data.publicData(), data.validation());
                return new Trained(s, new TrainingBudget(distillation.budgetRule(publicSize), d.steps(), d.sequences(),
                        d.responseTokens()));
            });
        }

        if (scenario.exportStudentsTo() != null) {
            export(student, scenario.exportStudentsTo().resolve(technique.displayName()), tokenizerFile);
        }

        // The reference-calibrated attack needs a model that never saw the private data: the student's starting
        // point (initial student or base), else the named reference checkpoint.
        CausalLm calibration = init != null ? init : reference;
        CacheKey calibrationKey = init != null ? initKey : referenceKey;
        AuditSettings settings = scenario.audit();
        PrivacyAudit audit = new PrivacyAudit(settings);
        Supplier<PrivacyAudit.Scores> calibrationScores = calibration == null ? () -> null
                : () -> referenceScores.computeIfAbsent(calibrationKey, k -> audit.score(calibration, data.evaluation()));
        List<NotMeasured> notMeasured = new ArrayList<>();
        List<ModelReport> reports = new ArrayList<>();
        ModelAudit teacherAudit = audit(ModelRole.TEACHER.id(), teacherSpec.label(), teacher, teacherKey, calibrationKey, data,
                scenario, tokenizer, audit, calibrationScores);
        ModelAudit studentAudit = audit(ModelRole.STUDENT.id(), studentSpec.label(), student, studentKey, calibrationKey, data,
                scenario, tokenizer, audit, calibrationScores);
        reports.add(teacherAudit.report());
        reports.add(studentAudit.report().withTraining(budgets.get(studentKey)));
        List<InheritedLeakage> inherited = List.of();
        if (reference != null) {
            String label = scenario.reference() != null ? scenario.reference().label() : studentSpec.label();
            ModelAudit referenceAudit = audit(ModelRole.REFERENCE.id(), label, reference, referenceKey, calibrationKey, data,
                    scenario, tokenizer, audit, calibrationScores);
            reports.add(referenceAudit.report().withTraining(budgets.get(referenceKey)));
            inherited = audit.inheritedLeakage(studentAudit, referenceAudit);
        } else {
            notMeasured.add(new NotMeasured(MetricId.INHERITED_LEAKAGE_AUC.id(), ModelRole.STUDENT.id(), null,
                    "the student is a checkpoint and no "
                    + "reference checkpoint was named (e.g. the student's base fine-tuned on the student's data only); "
                    + "kdprivacy does not train one behind your back"));
        }
        if (calibration == null && settings.attacks().contains(Attack.REFERENCE)) {
            for (ModelReport r : reports) {
                notMeasured.add(new NotMeasured(MetricId.MEMBERSHIP_AUC.id(), r.role(), Attack.REFERENCE.name(),
                        "the reference-calibrated attack "
                        + "needs a model that never saw the members; name a reference checkpoint"));
            }
        }

        hashes.put("teacher.weights", teacher.weightsHash());
        hashes.put("student.weights", student.weightsHash());
        if (reference != null) {
            hashes.put("reference.weights", reference.weightsHash());
        }
        Provenance provenance = new Provenance(KdPrivacyVersion.get(),
                "PyTorch " + Torch.PYTORCH_VERSION + " (DJL " + ai.djl.engine.Engine.getDjlVersion() + ")",
                scenario.seed(), hashes, Instant.now().toString());
        return new PrivacyReport(ResultsJson.SCHEMA_VERSION, testId, technique.displayName(), provenance,
                audit.validity(data.evaluation(), data.split().manifest()), reports, inherited, List.of(),
                Excerpts.top(studentAudit, data.evaluation().members(), data.canaries(), excerpts), notMeasured);
    }

    private ModelAudit audit(String role, String size, CausalLm model, CacheKey modelKey, CacheKey calibrationKey,
                             PreparedData data, PrivacyScenario scenario, Tokenizer tokenizer, PrivacyAudit audit,
                             Supplier<PrivacyAudit.Scores> calibrationScores) {
        AuditSettings s = scenario.audit();
        CacheKey.Builder k = key("audit-" + role).put("model", modelKey)
                .put("reference", calibrationKey == null ? "none" : calibrationKey.kind() + ":" + calibrationKey.hash())
                .put("format", AuditStore.FORMAT).put("report", AuditStore.REPORT_CONTENT);
        s.keyParts().forEach(k::put);
        CacheKey key = k.put("evaluation", data.evaluationHash()).put("canaries", data.teacherDataHash())
                .put("canaryCandidates", scenario.canaryCandidates()).put("scenarioSeed", scenario.seed()).build();
        Instant start = Instant.now();
        long began = System.nanoTime();
        String phase = "audit of the " + (role.equals(ModelRole.REFERENCE.id()) ? "no-KD reference" : role);
        ModelAudit cached = audits.get(key);
        if (cached != null) {
            phase(phase, PipelinePhase.IN_MEMORY, start, began);
            return cached;
        }
        ArtifactCache.Entry entry = cache.get(key, dir -> {
            LOG.info("kdprivacy: auditing the {} ({})", role, key);
            CanaryExposureResult canaries = data.canaries().isEmpty() ? null
                    : new CanaryExposure(tokenizer, scenario.canaryCandidates(), scenario.seed(),
                            s.batchSize()).measure(model, data.canaries());
            ModelAudit a = audit.audit(role, size, model, data.evaluation(), null, calibrationScores.get(), canaries);
            AuditStore.write(dir, a);
        });
        record(key, entry.outcome());
        ModelAudit result = AuditStore.read(entry.directory());
        audits.put(key, result);
        phase(phase, outcome(entry.outcome()), start, began);
        return result;
    }

    /** A model trained in the scenario, with the budget it received. */
    private record Trained(CausalLm model, TrainingBudget budget) {
    }

    /** As {@link #model} for a model whose training budget is reported; the budget is cached beside it. */
    private CausalLm trained(String phase, CacheKey key, Supplier<Trained> build) {
        TrainingBudget[] budget = new TrainingBudget[1];
        CausalLm model = model(phase, key, () -> {
            Trained t = build.get();
            budget[0] = t.budget();
            return t.model();
        }, dir -> TrainingBudgets.write(dir.resolve(TrainingBudgets.FILE), budget[0]));
        budgets.computeIfAbsent(key, k -> budget[0] != null ? budget[0]
                : TrainingBudgets.read(directories.get(key).resolve(TrainingBudgets.FILE)));
        return model;
    }

    private CausalLm model(String phase, CacheKey key, Supplier<CausalLm> build) {
        return model(phase, key, build, dir -> { });
    }

    private CausalLm model(String phase, CacheKey key, Supplier<CausalLm> build,
                           java.util.function.Consumer<Path> sidecar) {
        Instant start = Instant.now();
        long began = System.nanoTime();
        CausalLm loaded = models.get(key);
        if (loaded != null) {
            phase(phase, PipelinePhase.IN_MEMORY, start, began);
            return loaded;
        }
        CausalLm[] built = new CausalLm[1];
        ArtifactCache.Entry entry = cache.get(key, dir -> {
            LOG.info("kdprivacy: building {}", key);
            built[0] = build.get();
            ModelCheckpoints.save(built[0], dir.resolve("model"));
            sidecar.accept(dir);
        });
        record(key, entry.outcome());
        directories.put(key, entry.directory());
        CausalLm model = built[0] != null ? built[0] : ModelCheckpoints.load(entry.directory().resolve("model"));
        models.put(key, model);
        phase(phase, outcome(entry.outcome()), start, began);
        return model;
    }

    private void phase(String name, String outcome, Instant start, long beganNanos) {
        phases.add(new PipelinePhase(name, outcome, start, java.time.Duration.ofNanos(System.nanoTime() - beganNanos)));
    }

    private static String outcome(ArtifactCache.Outcome outcome) {
        return switch (outcome) {
            case HIT -> PipelinePhase.CACHED;
            case BUILT -> PipelinePhase.BUILT;
            case REBUILT -> PipelinePhase.REBUILT;
        };
    }

    private void record(CacheKey key, ArtifactCache.Outcome outcome) {
        outcomes.putIfAbsent(key, outcome);
        if (outcome != ArtifactCache.Outcome.HIT) {
            LOG.info("kdprivacy cache: {} {}", key, outcome);
        }
    }

    private static CacheKey.Builder key(String kind) {
        return CacheKey.builder(kind).put("kdprivacy", KdPrivacyVersion.get());
    }

    /** Writes {@code student} in Hugging Face layout with the scenario's tokenizer (byte-level: its tokenizer.json). */
    private static void export(CausalLm student, Path dir, Path tokenizerFile) {
        LOG.info("kdprivacy: exporting the student to {}", dir);
        if (tokenizerFile != null) {
            HuggingFaceCheckpoints.export(student, tokenizerFile, dir);
            return;
        }
        try {
            Path bytes = Files.createTempFile("kdprivacy-byte-tokenizer", ".json");
            try {
                Files.writeString(bytes, io.kdprivacy.text.ByteTokenizer.huggingFaceJson());
                HuggingFaceCheckpoints.export(student, bytes, dir);
            } finally {
                Files.deleteIfExists(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the student to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A model used as it is from {@code dir}: loaded once per runner, never copied into the artifact cache. */
    private CausalLm loaded(String phase, CacheKey key, Path dir) {
        Instant start = Instant.now();
        long began = System.nanoTime();
        CausalLm model = models.get(key);
        String outcome = PipelinePhase.IN_MEMORY;
        if (model == null) {
            LOG.info("kdprivacy: loading {}", dir);
            model = ModelCheckpoints.load(dir);
            models.put(key, model);
            outcome = PipelinePhase.CHECKPOINT;
        }
        phase(phase, outcome, start, began);
        return model;
    }

    /** The key of a model loaded from {@code dir}, recording the directory's hash in {@code hashes}. */
    private CacheKey loadedKey(String kind, Path dir, Map<String, String> hashes, String name) {
        return key(kind).put("files", directoryHash(dir, hashes, name)).build();
    }

    private String directoryHash(Path dir, Map<String, String> hashes, String name) {
        String hash = checkpointHash(dir);
        hashes.put(name, hash);
        return hash;
    }

    /**
     * SHA-256 over a checkpoint directory's files (names and contents), remembered per file list, size and
     * modification time so that each technique of a run does not re-read a large checkpoint.
     */
    private String checkpointHash(Path dir) {
        List<Path> files;
        StringBuilder stamp = new StringBuilder(dir.toAbsolutePath().normalize().toString());
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                stamp.append('|').append(dir.relativize(f)).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
        return directoryHashes.computeIfAbsent(stamp.toString(), k -> {
            CacheKey.Builder b = CacheKey.builder("checkpoint");
            files.forEach(f -> b.put(dir.relativize(f).toString(), fileHash(f)));
            return b.build().hash();
        });
    }

    private static String fileHash(Path file) {
        return io.kdprivacy.results.Sha256.of(file);
    }

    /** Closes every model this runner holds. */
    @Override
    public synchronized void close() {
        models.values().forEach(CausalLm::close);
        models.clear();
        audits.clear();
        referenceScores.clear();
        directoryHashes.clear();
        directories.clear();
        budgets.clear();
        phasesByTest.clear();
    }
}
