package io.kdprivacy.junit;

import io.kdprivacy.scenario.RandomRecords;
import io.kdprivacy.attack.Attack;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.Sha256;
import io.kdprivacy.results.run.RunManifest;
import io.kdprivacy.results.run.RunManifests;
import io.kdprivacy.scenario.PrivacyScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.kdprivacy.assertj.PrivacyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Tests of {@code @PrivacyTest} through the JUnit Platform TestKit: the fixture classes below (nested, so
 * Surefire does not run them on their own) are executed by a nested Jupiter engine.
 */
class PrivacyExtensionTest {

    /** A scenario small enough for unit tests: nano models, 40 members, 20 non-members, a few canaries. */
    static PrivacyScenario.Builder tinyScenario() {
        return PrivacyScenario.builder()
                .generated(new RandomRecords(), 40, 20)
                .canaries(2, 2).canaryCandidates(15)
                .teacher(io.kdprivacy.scenario.ModelSpec.of(ModelFamily.GPT2, "nano"))
                .student(io.kdprivacy.scenario.ModelSpec.of(ModelFamily.GPT2, "nano"))
                .maxLength(48)
                .seed(7);
    }

    static PrivacyScenario fastScenario() {
        return tinyScenario().build().smoke();
    }

    // ---------------------------------------------------------------- fixtures

    static class TwoTechniques {
        @PrivacyTest(techniques = {KdTechnique.KD, KdTechnique.GKD}, scenario = "scenario")
        void studentIsSafe(PrivacyReport report, KdTechnique technique, ModelReport student) {
            assertThat(report.technique()).isEqualTo(technique.displayName());
            assertThat(student.role()).isEqualTo("student");
            assertThat(report.models()).extracting(ModelReport::role).containsExactly("teacher", "student", "reference");
            assertThat(report).membership(Attack.LOSS).auc().isAtMost(1.0);
        }

        static PrivacyScenario scenario() {
            return fastScenario();
        }
    }

    static class FailingGate {
        @PrivacyTest(techniques = KdTechnique.KD, scenario = "scenario")
        void teacherMustNotLeakAtAll(PrivacyReport report) {
            assertThat(report).teacher().membership(Attack.LOSS).auc().pointEstimate().isBelow(0.0001);
        }

        static PrivacyScenario scenario() {
            return fastScenario();
        }
    }

    static class Inconclusive {
        @PrivacyTest(techniques = KdTechnique.KD, scenario = "scenario")
        void straddlingLimit(PrivacyReport report) {
            var auc = report.model("student").orElseThrow().membership().get(0).auc();
            assertThat(report).membership(Attack.LOSS).auc().isBelow((auc.value() + auc.upper()) / 2);
        }

        static PrivacyScenario scenario() {
            return fastScenario();
        }
    }

    @PrivateData(generator = RandomRecords.class, memberCount = 40, nonMemberCount = 20)
    @Teacher(size = "nano", epochs = 1)
    @Student(size = "tiny")
    static class StudentBiggerThanTeacher {
        @PrivacyTest(techniques = KdTechnique.KD)
        void never(PrivacyReport report) {
        }
    }

    @PrivateData(members = "no/such/members.jsonl", nonMembers = "no/such/holdout.jsonl")
    static class MissingDataFile {
        @PrivacyTest(techniques = KdTechnique.KD)
        void never(PrivacyReport report) {
        }
    }

    /** Data and teacher from files the test writes (static: the fixture runs in this JVM). */
    static class FromFiles {
        static volatile Path members;
        static volatile Path nonMembers;
        static volatile Path teacherCheckpoint;
        static volatile boolean paperProbe;

        @PrivacyTest(techniques = KdTechnique.KD, scenario = "scenario")
        void never(PrivacyReport report) {
        }

        static PrivacyScenario.Builder scenario() {
            PrivacyScenario.Builder b = (paperProbe ? tinyScenario() : tinyScenario().build().smoke().toBuilder())
                    .members(members).nonMembers(nonMembers);
            return teacherCheckpoint == null ? b : b.teacher(io.kdprivacy.scenario.ModelSpec.checkpoint(teacherCheckpoint));
        }
    }

    /** A student loaded from a checkpoint, with a teacher trained here: refused, they cannot belong together. */
    static class CheckpointStudentOfTrainedTeacher {
        static volatile Path student;

        @PrivacyTest(techniques = KdTechnique.GKD, scenario = "scenario")
        void never(ModelReport student) {
        }

        static PrivacyScenario scenario() {
            return fastScenario().toBuilder().student(io.kdprivacy.scenario.ModelSpec.checkpoint(student)).build();
        }
    }

    /** Teacher and student checkpoints, no reference: audited as they are, inherited leakage not measured. */
    static class AuditOnly {
        static volatile Path teacher;
        static volatile Path student;

        @PrivacyTest(techniques = KdTechnique.GKD, scenario = "scenario")
        void audited(PrivacyReport report) {
            assertThat(report).inheritedLeakage().isBelow(0.2);
        }

        static PrivacyScenario scenario() {
            List<io.kdprivacy.data.Example> all = new RandomRecords().generate(30, 1);
            return fastScenario().toBuilder().canaries(0, 1)
                    .members(io.kdprivacy.scenario.ExampleSource.of("teacher data", all.subList(0, 15)))
                    .nonMembers(io.kdprivacy.scenario.ExampleSource.of("holdout", all.subList(15, 30)))
                    .teacher(io.kdprivacy.scenario.ModelSpec.checkpoint(teacher))
                    .student(io.kdprivacy.scenario.ModelSpec.checkpoint(student)).build();
        }
    }

    @PrivateData(generator = RandomRecords.class, memberCount = 40, nonMemberCount = 20)
    static class LimitOutOfRange {
        @PrivacyTest(techniques = KdTechnique.KD, maxMembershipAuc = 1.5)
        void never(PrivacyReport report) {
        }
    }

    // ---------------------------------------------------------------- tests

    @TempDir
    static Path sharedCache;

    @TempDir
    Path results;

    private EngineExecutionResults run(Class<?> fixture, Path cache, Map<String, String> extra) {
        var kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter("kdprivacy.cacheDir", cache.toString())
                .configurationParameter("kdprivacy.resultsDir", results.toString());
        extra.forEach(kit::configurationParameter);
        return kit.execute();
    }

    @Test
    void runsOncePerTechniqueWithInjectedReportAndWritesResults() throws IOException {
        EngineExecutionResults r = run(TwoTechniques.class, sharedCache, Map.of());
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        r.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("[KD] studentIsSafe"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("[GKD] studentIsSafe"), finishedSuccessfully()));
        PrivacyReport gkd = result(TwoTechniques.class, "studentIsSafe", "GKD");
        assertThat(gkd.technique()).isEqualTo("GKD");
        assertThat(gkd.assertions()).singleElement().satisfies(a -> {
            assertThat(a.metric()).isEqualTo("membership.auc");
            assertThat(a.attack()).isEqualTo("LOSS");
            assertThat(a.outcome()).isEqualTo("PASSED");
        });
        assertThat(gkd.inheritedLeakage()).isNotEmpty();
        assertThat(gkd.model("teacher").orElseThrow().canaries().count()).isEqualTo(2);
        try (Stream<Path> files = Files.list(results)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(2);
        }
        RunManifest manifest = manifest();
        assertThat(manifest.endedAt()).as("JUnit closed the run").isNotNull();
        assertThat(manifest.tests()).extracting(RunManifest.TestRun::testId, RunManifest.TestRun::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(TwoTechniques.class.getName() + "#studentIsSafe[KD]",
                                RunManifest.Outcome.PASSED),
                        org.assertj.core.groups.Tuple.tuple(TwoTechniques.class.getName() + "#studentIsSafe[GKD]",
                                RunManifest.Outcome.PASSED));
        for (RunManifest.TestRun test : manifest.tests()) {
            assertThat(Sha256.of(results.resolve(test.resultsFile()))).as("the hash of the file as written")
                    .isEqualTo(test.sha256());
        }
        for (AssertionRecord decision : gkd.assertions()) {
            assertThat(MetricId.valueOf(gkd, decision)).as("the decision carries its metric's value")
                    .hasValue(decision.value());
        }
        String json = ResultsJson.toJson(gkd);
        assertThat(gkd.excerpts()).isEmpty();
        for (var e : new RandomRecords().generate(40, 7 * 31 + 1)) {
            assertThat(json).as("no member text").doesNotContain(e.prompt()).doesNotContain(e.response().trim());
        }
        for (var c : canaries()) {
            assertThat(json).as("no canary secret").doesNotContain(c.secret());
        }
    }

    private static List<io.kdprivacy.data.Canary> canaries() {
        return new io.kdprivacy.data.CanaryGenerator(7).generate(2, io.kdprivacy.data.CanaryKind.values());
    }

    @Test
    void memberExcerptsOnlyWhenOptedInAndCanarySecretsMaskedEvenThen() {
        run(TwoTechniques.class, sharedCache, Map.of("kdprivacy.techniques", "KD", "kdprivacy.excerpts", "3"))
                .testEvents().assertStatistics(s -> s.succeeded(1));
        PrivacyReport report = result(TwoTechniques.class, "studentIsSafe", "KD");
        assertThat(report.excerpts()).hasSize(3).extracting(io.kdprivacy.results.Excerpt::rank).containsExactly(1, 2, 3);
        List<String> prompts = new RandomRecords().generate(40, 7 * 31 + 1).stream().map(e -> e.prompt()).toList();
        assertThat(report.excerpts()).allSatisfy(x -> assertThat(prompts).contains(x.prompt()));
        String json = ResultsJson.toJson(report);
        for (var c : canaries()) {
            assertThat(json).doesNotContain(c.secret());
        }
    }

    @Test
    void failingGateExplainsItselfAndIsRecorded() {
        EngineExecutionResults r = run(FailingGate.class, sharedCache, Map.of());
        r.testEvents().assertStatistics(s -> s.failed(1));
        r.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(instanceOf(AssertionError.class),
                message(m -> m.startsWith("[KD] teacher membership AUC (LOSS) = ") && m.contains("95% CI")
                        && m.contains("members /") && m.contains("is not below 0.0001")
                        && m.contains("deciding on the point estimate")))));
        PrivacyReport report = result(FailingGate.class, "teacherMustNotLeakAtAll", "KD");
        assertThat(report.assertions()).extracting(AssertionRecord::outcome).containsExactly("FAILED");
        assertThat(manifest().tests()).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(RunManifest.Outcome.FAILED);
            assertThat(t.message()).contains("is not below 0.0001");
            assertThat(t.resultsFile()).isEqualTo(PrivacyInvocation.fileName(report.testId()));
        });
    }

    /** The newest run manifest in the results directory. */
    private RunManifest manifest() {
        List<RunManifest> all = RunManifests.readAll(results);
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    @Test
    void inconclusiveFailsByDefaultSayingHowManyMoreSamplesAndAbortsWhenConfigured() {
        EngineExecutionResults failing = run(Inconclusive.class, sharedCache, Map.of());
        failing.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(m -> m.contains("inconclusive") && m.contains("the samples") && m.contains("would decide")))));
        EngineExecutionResults aborted = run(Inconclusive.class, sharedCache, Map.of("kdprivacy.inconclusive", "abort"));
        aborted.testEvents().assertStatistics(s -> s.aborted(1).failed(0));
    }

    @Test
    void secondRunReusesEveryArtifactAndACorruptEntryIsRebuilt(@TempDir Path cache) throws IOException {
        run(TwoTechniques.class, cache, Map.of("kdprivacy.techniques", "KD")).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        PrivacyReport first = result(TwoTechniques.class, "studentIsSafe", "KD");
        Map<Path, FileTime> entries = entries(cache);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(7); // teacher, init, reference, student + three audits

        run(TwoTechniques.class, cache, Map.of("kdprivacy.techniques", "KD")).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(entries(cache)).as("nothing rebuilt").isEqualTo(entries);
        PrivacyReport second = result(TwoTechniques.class, "studentIsSafe", "KD");
        assertThat(withoutTime(second)).isEqualTo(withoutTime(first));

        Path teacher = entries.keySet().stream().filter(p -> p.getParent().getFileName().toString().equals("teacher"))
                .findFirst().orElseThrow();
        Path weights;
        try (Stream<Path> files = Files.walk(teacher)) {
            weights = files.filter(p -> p.toString().endsWith(".safetensors")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 0x5A;
        Files.write(weights, bytes);

        run(TwoTechniques.class, cache, Map.of("kdprivacy.techniques", "KD")).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        Map<Path, FileTime> after = entries(cache);
        assertThat(after.get(teacher)).as("teacher entry rebuilt").isNotEqualTo(entries.get(teacher));
        assertThat(Files.readAllBytes(weights)).as("rebuilt teacher has the original weights")
                .isNotEqualTo(bytes);
        PrivacyReport third = result(TwoTechniques.class, "studentIsSafe", "KD");
        assertThat(withoutTime(third)).isEqualTo(withoutTime(first));
    }

    @Test
    void badConfigurationFailsWithAClearMessageBeforeTraining(@TempDir Path cache) throws IOException {
        assertFails(run(TwoTechniques.class, cache, Map.of("kdprivacy.techniques", "KD,Distilled")),
                "unknown KD technique 'Distilled'");
        assertFails(run(MissingDataFile.class, cache, Map.of()), "data file not found");
        assertThat(manifest().tests()).singleElement().satisfies(t -> {
            assertThat(t.outcome()).as("the scenario could not be built").isEqualTo(RunManifest.Outcome.ERRORED);
            assertThat(t.message()).contains("data file not found");
            assertThat(t.resultsFile()).as("no results were written").isNull();
        });
        assertFails(run(StudentBiggerThanTeacher.class, cache, Map.of()), "is bigger than its teacher");
        assertFails(run(LimitOutOfRange.class, cache, Map.of()), "maxMembershipAuc = 1.5 is outside [0, 1]");
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s).as("nothing was trained").isEmpty();
        }
    }

    @Test
    void badDataFailsNamingTheProblemBeforeTraining(@TempDir Path cache, @TempDir Path data) throws IOException {
        FromFiles.members = data.resolve("members.jsonl");
        FromFiles.nonMembers = data.resolve("holdout.jsonl");
        FromFiles.teacherCheckpoint = null;
        Files.writeString(FromFiles.members, "{\"prompt\": \"a\", \"response\": \"b\"}\n{\"prompt\": \"broken\n");
        Files.writeString(FromFiles.nonMembers, "{\"prompt\": \"c\", \"response\": \"d\"}\n");
        assertFails(run(FromFiles.class, cache, Map.of()), "members.jsonl:2");

        Files.writeString(FromFiles.members, "{\"prompt\": \"a\", \"response\": \"b\"}\n{\"prompt\": \"c\", \"response\": \"d\"}\n");
        assertFails(run(FromFiles.class, cache, Map.of()), "cannot split");

        Files.writeString(FromFiles.nonMembers, "");
        assertFails(run(FromFiles.class, cache, Map.of()), "holdout.jsonl: dataset contains no examples");

        Files.writeString(FromFiles.nonMembers, "{\"prompt\": \"e\", \"response\": \"f\"}\n");
        FromFiles.teacherCheckpoint = Files.createDirectories(data.resolve("teacher"));
        Files.writeString(FromFiles.teacherCheckpoint.resolve("config.json"), "{ not json");
        assertFails(run(FromFiles.class, cache, Map.of()), "unreadable config.json");
        FromFiles.teacherCheckpoint = null;
        // tinyScenario keeps the paper's 64-token probe but allows only 48 positions
        FromFiles.paperProbe = true;
        assertFails(run(FromFiles.class, cache, Map.of()), "the memorization probe generates 64 tokens, which leaves no "
                + "room for a prompt within 48 positions; SeqKD samples 64 new tokens");
        FromFiles.paperProbe = false;
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s).as("nothing was trained").isEmpty();
        }
    }

    @Test
    void checkpointsAreAuditedAsTheyAreAndWhatWasNotMeasuredSaysWhy(@TempDir Path dir, @TempDir Path cache)
            throws IOException {
        var tokenizer = new io.kdprivacy.text.ByteTokenizer();
        try (var teacher = io.kdprivacy.model.CausalLm.initialize(io.kdprivacy.model.ModelConfig.named(ModelFamily.GPT2,
                "nano", tokenizer.vocabSize(), tokenizer.eosId(), 48), 98);
             var student = io.kdprivacy.model.CausalLm.initialize(io.kdprivacy.model.ModelConfig.named(ModelFamily.GPT2,
                     "nano", tokenizer.vocabSize(), tokenizer.eosId(), 48), 99)) {
            io.kdprivacy.model.ModelCheckpoints.save(teacher, dir.resolve("teacher"));
            io.kdprivacy.model.ModelCheckpoints.save(student, dir.resolve("student"));
            for (String model : List.of("teacher", "student")) {   // byte-level models, so a byte-level tokenizer
                Files.writeString(dir.resolve(model).resolve("tokenizer.json"),
                        io.kdprivacy.text.ByteTokenizer.huggingFaceJson());
            }
            CheckpointStudentOfTrainedTeacher.student = dir.resolve("student");
            assertFails(run(CheckpointStudentOfTrainedTeacher.class, cache, Map.of()),
                    "the student is a checkpoint but the teacher is not");

            AuditOnly.teacher = dir.resolve("teacher");
            AuditOnly.student = dir.resolve("student");
            assertFails(run(AuditOnly.class, cache, Map.of()), "no inherited leakage in the report (not measured: "
                    + "the student is a checkpoint and no reference checkpoint was named");
            PrivacyReport report = result(AuditOnly.class, "audited", "GKD");
            assertThat(report.model("student").orElseThrow().weightsHash()).as("the checkpoint, untouched")
                    .isEqualTo(student.weightsHash());
            assertThat(report.model("teacher").orElseThrow().weightsHash()).isEqualTo(teacher.weightsHash());
            assertThat(report.model("reference")).isEmpty();
            assertThat(report.notMeasured()).extracting(n -> n.metric() + "/" + n.model())
                    .contains("inheritedLeakage.auc/student", "membership.auc/student", "membership.auc/teacher");
        }
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no model was trained")
                    .allMatch(name -> name.startsWith("audit-"));
        }
    }

    private PrivacyReport result(Class<?> fixture, String method, String technique) {
        return ResultsJson.read(results.resolve(PrivacyInvocation.fileName(fixture.getName() + "#" + method + "["
                + technique + "]")));
    }

    private static void assertFails(EngineExecutionResults r, String text) {
        assertThat(r.allEvents().failed().stream().map(Event::getPayload)
                .flatMap(p -> p.stream().filter(x -> x instanceof org.junit.platform.engine.TestExecutionResult))
                .map(x -> ((org.junit.platform.engine.TestExecutionResult) x).getThrowable().map(Throwable::getMessage)
                        .orElse("")))
                .as("failures").anyMatch(m -> m.contains(text));
    }

    private static Map<Path, FileTime> entries(Path cache) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        try (Stream<Path> kinds = Files.list(cache)) {
            for (Path kind : kinds.toList()) {
                try (Stream<Path> entries = Files.list(kind)) {
                    for (Path e : entries.filter(Files::isDirectory).toList()) {
                        out.put(e, Files.getLastModifiedTime(e.resolve(io.kdprivacy.cache.ArtifactCache.MANIFEST)));
                    }
                }
            }
        }
        return out;
    }

    private static PrivacyReport withoutTime(PrivacyReport r) {
        var p = r.provenance();
        return new PrivacyReport(r.schemaVersion(), r.testId(), r.technique(),
                new io.kdprivacy.results.Provenance(p.kdprivacyVersion(), p.engine(), p.seed(), p.hashes(), null),
                r.validity(), r.models(), r.inheritedLeakage(), r.assertions());
    }
}
