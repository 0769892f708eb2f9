package io.kdprivacy.scenario;

import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.audit.ModelAudit;
import io.kdprivacy.audit.PrivacyAudit;
import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.cache.CacheKey;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.Distiller;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.distill.ReferenceStudents;
import io.kdprivacy.memorization.CanaryExposure;
import io.kdprivacy.memorization.CanaryExposureResult;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.Torch;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Provenance;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.SftTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs a {@link PrivacyScenario} for one KD technique: builds (or finds in the {@link ArtifactCache}) the
 * teacher, the initial student, the no-KD reference student and the distilled student, audits all three
 * roles, and assembles the {@link PrivacyReport}.
 *
 * <p>Every artifact is content-addressed by the hash of what determines it (configs, data hashes, seed,
 * library version, the keys of the artifacts it is built from), so a second run with nothing changed reuses
 * every checkpoint and every audit and trains nothing. Models and audits are also kept in memory for the
 * runner's lifetime, so techniques share one teacher and one reference. Runs are serialised (under JUnit's
 * parallel mode two privacy tests would only compete for the same cores and models).
 */
public final class ScenarioRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final ArtifactCache cache;
    private final Map<CacheKey, CausalLm> models = new HashMap<>();
    private final Map<CacheKey, ModelAudit> audits = new HashMap<>();
    private final Map<CacheKey, PrivacyAudit.Scores> referenceScores = new HashMap<>();
    private final Map<CacheKey, ArtifactCache.Outcome> outcomes = new LinkedHashMap<>();

    public ScenarioRunner(ArtifactCache cache) {
        this.cache = cache;
    }

    /** What the cache did for each artifact this runner asked for, in order of first use. */
    public Map<CacheKey, ArtifactCache.Outcome> cacheOutcomes() {
        return Map.copyOf(outcomes);
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
        PreparedData data = PreparedData.of(scenario);
        Tokenizer tokenizer = scenario.tokenizer();
        int vocab = tokenizer.vocabSize();
        int eos = tokenizer.eosId();
        ModelConfig teacherConfig = scenario.teacher().config(vocab, eos, scenario.maxLength());
        ModelConfig studentConfig = scenario.student().config(vocab, eos, scenario.maxLength());

        CacheKey teacherKey = scenario.teacher().isCheckpoint()
                ? key("teacher").put("checkpoint", checkpointHash(scenario.teacher().checkpoint())).build()
                : key("teacher").put("config", teacherConfig.toJson()).put("training", scenario.teacherTraining())
                        .put("data", data.teacherDataHash()).put("seed", scenario.seed()).build();
        CausalLm teacher = model(teacherKey, () -> {
            if (scenario.teacher().isCheckpoint()) {
                return ModelCheckpoints.load(scenario.teacher().checkpoint());
            }
            CausalLm t = CausalLm.initialize(teacherConfig, scenario.seed());
            new SftTrainer(scenario.teacherTraining()).named("teacher").train(t, data.teacherData());
            return t;
        });

        CacheKey initKey = key("student-init").put("config", studentConfig.toJson())
                .put("training", scenario.studentTraining()).put("public", data.publicHash())
                .put("seed", scenario.seed()).build();
        CausalLm init = model(initKey, () -> {
            CausalLm s = CausalLm.initialize(studentConfig, scenario.seed() + 1);
            new SftTrainer(scenario.studentTraining()).named("student-init").train(s, data.publicData());
            return s;
        });

        CacheKey referenceKey = key("reference").put("init", initKey).put("training", scenario.studentTraining())
                .put("public", data.publicHash()).build();
        CausalLm reference = model(referenceKey,
                () -> ReferenceStudents.noKdControl(init, data.publicData(), scenario.studentTraining()));

        DistillationConfig distillation = scenario.distillation(technique);
        CacheKey studentKey = scenario.student().isCheckpoint()
                ? key("student").put("checkpoint", checkpointHash(scenario.student().checkpoint())).build()
                : key("student").put("teacher", teacherKey).put("init", initKey).put("distillation", distillation)
                        .put("public", data.publicHash()).build();
        CausalLm student = model(studentKey, () -> {
            if (scenario.student().isCheckpoint()) {
                return ModelCheckpoints.load(scenario.student().checkpoint());
            }
            CausalLm s = init.copy();
            new Distiller(distillation).distill(teacher, s, data.publicData(), data.validation());
            return s;
        });

        AuditSettings settings = scenario.audit();
        PrivacyAudit audit = new PrivacyAudit(settings);
        Supplier<PrivacyAudit.Scores> initScores = () -> referenceScores.computeIfAbsent(initKey,
                k -> audit.score(init, data.evaluation()));
        ModelAudit teacherAudit = audit("teacher", scenario.teacher().label(), teacher, teacherKey, initKey, data,
                scenario, audit, initScores);
        ModelAudit studentAudit = audit("student", scenario.student().label(), student, studentKey, initKey, data,
                scenario, audit, initScores);
        ModelAudit referenceAudit = audit("reference", scenario.student().label(), reference, referenceKey, initKey,
                data, scenario, audit, initScores);

        Map<String, String> hashes = new LinkedHashMap<>(data.split().manifest().hashes());
        hashes.put("teacher.weights", teacher.weightsHash());
        hashes.put("student.weights", student.weightsHash());
        hashes.put("reference.weights", reference.weightsHash());
        Provenance provenance = new Provenance(KdPrivacyVersion.get(),
                "PyTorch " + Torch.PYTORCH_VERSION + " (DJL " + ai.djl.engine.Engine.getDjlVersion() + ")",
                scenario.seed(), hashes, Instant.now().toString());
        return new PrivacyReport(ResultsJson.SCHEMA_VERSION, testId, technique.displayName(), provenance,
                audit.validity(data.evaluation(), data.split().manifest()),
                List.of(teacherAudit.report(), studentAudit.report(), referenceAudit.report()),
                audit.inheritedLeakage(studentAudit, referenceAudit), List.of(),
                Excerpts.top(studentAudit, data.evaluation().members(), data.canaries(), excerpts));
    }

    private ModelAudit audit(String role, String size, CausalLm model, CacheKey modelKey, CacheKey initKey,
                             PreparedData data, PrivacyScenario scenario, PrivacyAudit audit,
                             Supplier<PrivacyAudit.Scores> initScores) {
        AuditSettings s = scenario.audit();
        CacheKey key = key("audit-" + role).put("model", modelKey).put("reference", initKey)
                .put("attacks", new TreeSet<>(s.attacks()))
                .put("settings", s.toString().replaceFirst("attacks=\\[[^\\]]*\\], ", ""))
                .put("evaluation", data.evaluationHash()).put("canaries", data.teacherDataHash())
                .put("canaryCandidates", scenario.canaryCandidates()).put("seed", scenario.seed()).build();
        ModelAudit cached = audits.get(key);
        if (cached != null) {
            return cached;
        }
        ArtifactCache.Entry entry = cache.get(key, dir -> {
            LOG.info("kdprivacy: auditing the {} ({})", role, key);
            CanaryExposureResult canaries = data.canaries().isEmpty() ? null
                    : new CanaryExposure(scenario.tokenizer(), scenario.canaryCandidates(), scenario.seed(),
                            s.batchSize()).measure(model, data.canaries());
            ModelAudit a = audit.audit(role, size, model, data.evaluation(), null, initScores.get(), canaries);
            AuditStore.write(dir, a);
        });
        record(key, entry.outcome());
        ModelAudit result = AuditStore.read(entry.directory());
        audits.put(key, result);
        return result;
    }

    private CausalLm model(CacheKey key, Supplier<CausalLm> build) {
        CausalLm loaded = models.get(key);
        if (loaded != null) {
            return loaded;
        }
        CausalLm[] built = new CausalLm[1];
        ArtifactCache.Entry entry = cache.get(key, dir -> {
            LOG.info("kdprivacy: building {}", key);
            built[0] = build.get();
            ModelCheckpoints.save(built[0], dir.resolve("model"));
        });
        record(key, entry.outcome());
        CausalLm model = built[0] != null ? built[0] : ModelCheckpoints.load(entry.directory().resolve("model"));
        models.put(key, model);
        return model;
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

    /** SHA-256 over a checkpoint directory's files (names and contents). */
    private static String checkpointHash(Path dir) {
        try (var files = Files.walk(dir)) {
            CacheKey.Builder b = CacheKey.builder("checkpoint");
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                b.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
            return b.build().hash();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes every model this runner holds. */
    @Override
    public synchronized void close() {
        models.values().forEach(CausalLm::close);
        models.clear();
        audits.clear();
        referenceScores.clear();
    }
}
