package io.kdprivacy.bench;

import ai.djl.pytorch.jni.JniUtils;
import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.audit.MopeBudget;
import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.data.Example;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.HuggingFaceCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.Torch;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.scenario.ExampleSource;
import io.kdprivacy.scenario.ModelSpec;
import io.kdprivacy.scenario.PrivacyScenario;
import io.kdprivacy.scenario.ScenarioRunner;
import io.kdprivacy.text.HuggingFaceTokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.kdprivacy.bench.Measurements.matmulGflops;
import static io.kdprivacy.bench.Measurements.percent;
import static io.kdprivacy.bench.Measurements.seconds;
import static io.kdprivacy.bench.Measurements.summary;

/**
 * Real-model scale on this machine: GPT-2-small (124M parameters: d=768, 12 layers, 12 heads, vocabulary
 * 50,257, 1,024 positions) and the 82M distilgpt2 shape (the same with 6 layers), randomly initialised.
 * Not a test: it only prints numbers. Every measured part runs in its own JVM (forked from this one with
 * the same class path), so each peak RSS ({@code VmHWM}) is that part's own and excludes Maven.
 *
 * <p>Modes (the first argument):
 * <ul>
 *   <li>{@code throughput}: per shape, scoring ({@link ResponseScorer}, batch {@value #SCORE_BATCH} × 128
 *       tokens) and training ({@link SftTrainer} steps: forward, backward, clipping, AdamW; batch
 *       {@value #TRAIN_BATCH} × 128 tokens) tokens/s and MFU against the float32 2048² matmul rate measured in
 *       the same process (FoundationBenchmark's method: a warm-up, then {@value #ROUNDS} rounds of matmul rate,
 *       one training epoch of {@value #TRAIN_STEPS} steps and one scoring pass of {@value #SCORE_BATCHES}
 *       batches, alternating which goes first; medians [min–max]). MFU = 2 (scoring) or 6 (training) ×
 *       parameters × tokens/s over the matmul rate, parameters counting the tied embedding once (it is the
 *       vocabulary head, 2·768·50,257 FLOPs per token) and excluding the position table (a lookup). Rows are
 *       prompt 8 + response 120 random tokens (the scorer runs the head on the 120 response positions; training
 *       appends EOS and drops one response token, so 128 tokens either way).</li>
 *   <li>{@code audit [members nonMembers mopeSample]} (default 500 500 100): a whole audit-only run through
 *       {@link ScenarioRunner}: a random GPT-2-small teacher and a random 82M student exported (in a JVM of their
 *       own, first) in Hugging Face layout with the GPT-2 tokenizer, both audited as {@link ModelSpec#checkpoint
 *       checkpoints} (no reference), on synthetic support tickets of about 128 GPT-2 tokens (see {@link Tickets}),
 *       batch 16 (the audit default), sequences up to {@value #MAX_LENGTH}; every score-based attack,
 *       MoPe M = {@value #MOPE_M} under {@code new MopeBudget(mopeSample, }{@link #MOPE_BLOCKS}{@code )}, and
 *       the paper's memorization probe (64 new tokens, 32 compared). A sampler thread reads the auditing
 *       thread's stack every {@value #SAMPLE_MS} ms and attributes the time to phases (scoring pass, MoPe, per
 *       block, probe, ...); then the wall time, the peak RSS and each attack's AUC interval width.</li>
 *   <li>{@code profile [layers]} (default 12): libtorch's profiler over one scoring batch (16 × 128) at
 *       d=768 with the 50,257-token head after two warm-up batches, as {@link OpProfile} prints it.</li>
 * </ul>
 *
 * <p>Run from the repository root (tests run with {@code MKL_DYNAMIC=FALSE}, as Surefire sets it):
 * {@code MKL_DYNAMIC=FALSE ./mvnw -q -pl kdprivacy-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.RealModelBenchmark -Dexec.args=throughput} (or {@code -Dexec.args=audit},
 * {@code -Dexec.args="audit 100 100 100"}, {@code -Dexec.args=profile}).
 */
public final class RealModelBenchmark {

    static final int VOCAB = 50_257;
    static final int EOS = 50_256;
    static final int POSITIONS = 1024;
    static final int SEQ = 128;
    static final int PROMPT = 8;
    static final int SCORE_BATCH = 16;
    static final int SCORE_BATCHES = 2;
    static final int TRAIN_BATCH = 8;
    static final int TRAIN_STEPS = 2;
    static final int ROUNDS = 5;
    static final int MOPE_M = 4;
    /** Blocks valid in both models (the student has 6): first, middle and last of the student. */
    static final List<Integer> MOPE_BLOCKS = List.of(0, 3, 5);
    /** Room for a ~30-token prompt plus the probe's 64 new tokens and for every ~128-token example. */
    static final int MAX_LENGTH = 160;
    static final int SAMPLE_MS = 100;
    /** The scenario's seed (also the MoPe budget's sampling seed, as AuditSettings.defaults() has it). */
    static final long SEED = 42;

    /** The two shapes measured: name, layers (d=768, 12 heads). */
    enum Gpt2Shape {
        GPT2_SMALL("GPT-2-small", 12),
        DISTILGPT2("distilgpt2 shape", 6);

        final String label;
        final int layers;

        Gpt2Shape(String label, int layers) {
            this.label = label;
            this.layers = layers;
        }

        ModelConfig config() {
            return ModelConfig.of(ModelFamily.GPT2, VOCAB, 768, layers, 12, POSITIONS, EOS);
        }
    }

    private RealModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "throughput" : args[0];
        switch (mode) {
            case "throughput" -> {
                System.out.printf("started %s; threads %d; %d rounds per model, median [min–max]%n", now(),
                        Torch.threads(), ROUNDS);
                System.out.println("| model | params (counted) | matmul GFLOP/s | score tok/s | score MFU | s per score "
                        + "batch | train tok/s | train MFU | s per train step | peak RSS MiB |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|");
                for (Gpt2Shape shape : new Gpt2Shape[] {Gpt2Shape.DISTILGPT2, Gpt2Shape.GPT2_SMALL}) {
                    fork("throughput-child", shape.name());
                }
                System.out.printf("finished %s%n", now());
            }
            case "throughput-child" -> throughput(Gpt2Shape.valueOf(args[1]));
            case "audit" -> {
                Path work = Files.createTempDirectory("kdprivacy-realmodel");
                try {
                    fork("export-child", work.toString());
                    fork("audit-child", work.toString(), args.length > 1 ? args[1] : "500", args.length > 2 ? args[2] : "500",
                            args.length > 3 ? args[3] : "100");
                } finally {
                    deleteTree(work);
                }
            }
            case "export-child" -> export(Path.of(args[1]));
            case "audit-child" -> audit(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "profile" -> fork("profile-child", args.length > 1 ? args[1] : "12");
            case "profile-child" -> profile(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("mode must be throughput, audit or profile, got '" + mode + "'");
        }
    }

    /** Runs this class in a fresh JVM with the same class path and waits for it; its output goes to ours. */
    private static void fork(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), RealModelBenchmark.class.getName()));
        command.addAll(List.of(args));
        int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited with " + rc);
        }
    }

    /**
     * This class's class path: under {@code exec:java} the class loader's URLs ({@code java.class.path} is then
     * Maven's own), else {@code java.class.path}.
     */
    private static String classPath() {
        if (RealModelBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // throughput

    private static void throughput(Gpt2Shape shape) throws IOException {
        Random random = new Random(shape.layers);
        List<PromptResponse> scoreData = randomData(SCORE_BATCH * SCORE_BATCHES, SEQ - PROMPT, random);
        List<PromptResponse> trainData = randomData(TRAIN_BATCH * TRAIN_STEPS, SEQ - PROMPT - 1, random);
        SftTrainer trainer = new SftTrainer(TrainingConfig.defaults().withBatchSize(TRAIN_BATCH).withMaxLength(SEQ)
                .withEpochs(1)).logEvery(Duration.ofHours(1));
        long t0 = System.nanoTime();
        try (CausalLm model = CausalLm.initialize(shape.config(), 1)) {
            double initSeconds = (System.nanoTime() - t0) / 1e9;
            long all = model.parameterCount();
            long params = all - model.parameter("embed.positions").getShape().size();
            ResponseScorer scorer = new ResponseScorer(model, SCORE_BATCH, SEQ);
            for (int i = 0; i < 2; i++) {   // warm-up: two training epochs and two scoring passes, alternating
                trainer.train(model, trainData);
                scorer.score(scoreData);
            }
            double[] matmul = new double[ROUNDS];
            double[] trainTps = new double[ROUNDS];
            double[] scoreTps = new double[ROUNDS];
            double[] trainMfu = new double[ROUNDS];
            double[] scoreMfu = new double[ROUNDS];
            double[] scoreBatch = new double[ROUNDS];
            double[] trainStep = new double[ROUNDS];
            double scoreTokens = (double) scoreData.size() * SEQ;
            double trainTokens = (double) trainData.size() * SEQ;
            for (int r = 0; r < ROUNDS; r++) {
                matmul[r] = matmulGflops();
                double scoreSeconds;
                double trainSeconds;
                if (r % 2 == 0) {
                    trainSeconds = seconds(() -> trainer.train(model, trainData));
                    scoreSeconds = seconds(() -> scorer.score(scoreData));
                } else {
                    scoreSeconds = seconds(() -> scorer.score(scoreData));
                    trainSeconds = seconds(() -> trainer.train(model, trainData));
                }
                scoreTps[r] = scoreTokens / scoreSeconds;
                trainTps[r] = trainTokens / trainSeconds;
                scoreBatch[r] = scoreSeconds / SCORE_BATCHES;
                trainStep[r] = trainSeconds / TRAIN_STEPS;
                trainMfu[r] = 6.0 * params * trainTps[r] / (matmul[r] * 1e9);
                scoreMfu[r] = 2.0 * params * scoreTps[r] / (matmul[r] * 1e9);
            }
            System.out.printf("| %s d=768/%d layers | %.1fM (%.1fM) | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                    shape.label, shape.layers, all / 1e6, params / 1e6, summary(matmul, "%.0f"), summary(scoreTps, "%.0f"),
                    percent(scoreMfu), summary(scoreBatch, "%.2f"), summary(trainTps, "%.0f"), percent(trainMfu),
                    summary(trainStep, "%.2f"), ProcessMemory.peakRssMiB());
            System.err.printf("(%s: initialisation %.1f s; finished %s)%n", shape.label, initSeconds, now());
        }
    }

    /** {@code n} rows of {@value #PROMPT} random prompt tokens and {@code responseLength} random response tokens. */
    static List<PromptResponse> randomData(int n, int responseLength, Random r) {
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PromptResponse(r.ints(PROMPT, 0, EOS).toArray(), r.ints(responseLength, 0, EOS).toArray()));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // profile

    private static void profile(int layers) throws IOException {
        ModelConfig config = ModelConfig.of(ModelFamily.GPT2, VOCAB, 768, layers, 12, POSITIONS, EOS);
        List<PromptResponse> data = randomData(SCORE_BATCH, SEQ - PROMPT, new Random(layers));
        Path trace = Path.of("target", "op-profile-real-score.json").toAbsolutePath();
        Files.createDirectories(trace.getParent());
        try (CausalLm model = CausalLm.initialize(config, 1)) {
            ResponseScorer scorer = new ResponseScorer(model, SCORE_BATCH, SEQ);
            double[] warm = new double[2];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = seconds(() -> scorer.score(data));
            }
            double gflops = matmulGflops();
            JniUtils.startProfile(false, false, false);
            double profiled = seconds(() -> scorer.score(data));
            JniUtils.stopProfile(trace.toString());
            double after = seconds(() -> scorer.score(data));
            System.out.printf("scoring, GPT-2 d=768/%d layers, vocabulary %d, batch %d x %d (%s): warm-up batches %.2f s and "
                            + "%.2f s, profiled batch %.2f s, unprofiled batch after it %.2f s; matmul %.0f GFLOP/s; trace %s%n",
                    layers, VOCAB, SCORE_BATCH, SEQ, now(), warm[0], warm[1], profiled, after, gflops, trace);
            OpProfile.print(OpProfile.topLevelTotals(trace), 1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // audit

    /** The random teacher (GPT-2-small) and student (distilgpt2 shape) in Hugging Face layout with the GPT-2 tokenizer. */
    private static void export(Path work) throws Exception {
        long t0 = System.nanoTime();
        Path tokenizerFile = gpt2Tokenizer();
        try (CausalLm teacher = CausalLm.initialize(Gpt2Shape.GPT2_SMALL.config(), 1)) {
            HuggingFaceCheckpoints.export(teacher, tokenizerFile, work.resolve("teacher-gpt2-small"));
        }
        try (CausalLm student = CausalLm.initialize(Gpt2Shape.DISTILGPT2.config(), 2)) {
            HuggingFaceCheckpoints.export(student, tokenizerFile, work.resolve("student-distilgpt2-shape"));
        }
        System.out.printf("initialised and exported both checkpoints in %.1f s (own JVM, not part of the audit)%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private static void audit(Path work, int memberCount, int nonMemberCount, int mopeSample) throws Exception {
        System.out.printf("audit-only run: %d members + %d non-members, MoPe M = %d with budget (sample %d, blocks %s), "
                        + "memorization probe 64/32; started %s%n", memberCount, nonMemberCount, MOPE_M, mopeSample,
                MOPE_BLOCKS, now());
        Path tokenizerFile = gpt2Tokenizer();
        Path support = support();
        List<Example> members;
        List<Example> nonMembers;
        long[] tokens = new long[2];
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(tokenizerFile)) {
            List<Example> tickets = new ArrayList<>(JsonlDataset.load(support.resolve("train.jsonl")));
            tickets.addAll(JsonlDataset.load(support.resolve("holdout.jsonl")));
            Tickets pool = Tickets.from(tickets);
            java.util.Set<String> seen = new java.util.HashSet<>();
            members = pool.generate(memberCount, 1, tokenizer, seen);
            nonMembers = pool.generate(nonMemberCount, 2, tokenizer, seen);
            System.out.println("tokens per example (prompt + response): members " + Tickets.lengths(members, tokenizer)
                    + ", non-members " + Tickets.lengths(nonMembers, tokenizer));
            tokens[0] = Tickets.tokens(members, tokenizer) + Tickets.tokens(nonMembers, tokenizer);
            MopeBudget budget = new MopeBudget(mopeSample, MOPE_BLOCKS);
            tokens[1] = Tickets.tokens(select(members, budget.indices(members.size(), SEED)), tokenizer)
                    + Tickets.tokens(select(nonMembers, budget.indices(nonMembers.size(), SEED + 1)), tokenizer);
        }

        AuditSettings settings = AuditSettings.defaults().withMope(MOPE_M, true)
                .withMopeBudget(new MopeBudget(mopeSample, MOPE_BLOCKS));
        PrivacyScenario scenario = PrivacyScenario.builder()
                .members(ExampleSource.of("synthetic tickets (seed 1)", members))
                .nonMembers(ExampleSource.of("synthetic tickets (seed 2)", nonMembers))
                .teacher(ModelSpec.checkpoint(work.resolve("teacher-gpt2-small")))
                .student(ModelSpec.checkpoint(work.resolve("student-distilgpt2-shape")))
                .maxLength(MAX_LENGTH).audit(settings).seed(SEED).build();
        PhaseSampler sampler = new PhaseSampler(Thread.currentThread());
        sampler.start();
        PrivacyReport report;
        long t0 = System.nanoTime();
        try (ScenarioRunner runner = new ScenarioRunner(new ArtifactCache(work.resolve("cache")))) {
            report = runner.run(scenario, KdTechnique.KD, "real-model-audit");
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        sampler.stop();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%nwhole ScenarioRunner.run: %.1f s (%.1f min); peak RSS %d MiB (JVM heap committed at the end "
                        + "%d MiB, max %d MiB); finished %s%n", wall, wall / 60, ProcessMemory.peakRssMiB(),
                runtime.totalMemory() >> 20, runtime.maxMemory() >> 20, now());
        sampler.print(wall);
        int passes = MOPE_M * (1 + MOPE_BLOCKS.size());
        System.out.printf("%nrates: %d tokens in the scoring pass, %d tokens in each of the %d MoPe loss-only passes, %d "
                + "probe tokens generated per model%n", tokens[0], tokens[1], passes, 64L * (memberCount + nonMemberCount));
        for (String role : List.of("teacher", "student")) {
            double score = sampler.seconds(role + ": scoring pass");
            double mope = sampler.seconds(role + ": MoPe, whole model — loss-only passes")
                    + sampler.seconds(role + ": MoPe, per block — loss-only passes");
            double probe = sampler.seconds(role + ": memorization probe");
            System.out.printf("  %s: scoring pass %.0f tokens/s, MoPe loss-only passes %.0f tokens/s, probe %.0f generated "
                            + "tokens/s%n", role, tokens[0] / score, passes * tokens[1] / mope,
                    64.0 * (memberCount + nonMemberCount) / probe);
        }
        printIntervals(report);
    }

    private static <T> List<T> select(List<T> items, int[] rows) {
        List<T> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(items.get(r));
        }
        return out;
    }

    /** Each attack's AUC, interval and width per model, with the examples it used. */
    private static void printIntervals(PrivacyReport report) {
        System.out.println();
        System.out.println("| model | attack | members / non-members | AUC | 95% interval | width |");
        System.out.println("|---|---|---|---|---|---|");
        for (ModelReport model : report.models()) {
            String name = model.role() + " (" + String.format(Locale.ROOT, "%.1fM", model.parameters() / 1e6) + ")";
            int members = 0;
            int nonMembers = 0;
            for (MembershipMetrics m : model.membership()) {
                row(name, m.attack(), m.members() + " / " + m.nonMembers(), m.auc());
                if (PrivacyAuditNames.MOPE.equals(m.attack())) {
                    members = m.members();
                    nonMembers = m.nonMembers();
                }
            }
            for (BlockMetrics b : model.blocks()) {
                row(name, "MoPe block " + b.block(), members + " / " + nonMembers, b.auc());
            }
            if (model.memorization() != null) {
                System.out.printf("| %s | memorization gap | %d / %d | members %.3f, non-members %.3f, gap %.3f | | |%n",
                        name, model.memorization().members(), model.memorization().nonMembers(),
                        model.memorization().memberRate(), model.memorization().nonMemberRate(), model.memorization().gap());
            }
        }
        report.notMeasured().forEach(n -> System.out.println("not measured: " + n.metric() + " (" + n.model() + ")"));
        if (report.validity() != null) {
            System.out.printf("validity: blind baseline AUC %.3f, valid %s%n", report.validity().blindBaselineAuc().value(),
                    report.validity().valid());
        }
    }

    private static void row(String model, String attack, String counts, Estimate auc) {
        System.out.printf("| %s | %s | %s | %.3f | [%.3f, %.3f] | %.3f |%n", model, attack, counts, auc.value(), auc.lower(),
                auc.upper(), auc.upper() - auc.lower());
    }

    /** Name of the MoPe attack in reports (PrivacyAudit.MOPE, repeated to keep this class's imports short). */
    private static final class PrivacyAuditNames {
        static final String MOPE = io.kdprivacy.audit.PrivacyAudit.MOPE;
    }

    static Path gpt2Tokenizer() throws URISyntaxException {
        return Path.of(RealModelBenchmark.class.getResource("/io/kdprivacy/text/gpt2/tokenizer.json").toURI());
    }

    private static Path support() {
        Path fromRoot = Path.of("sample-project/src/test/resources/support");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("../sample-project/src/test/resources/support");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Deterministic synthetic support tickets of about 128 GPT-2 tokens, recombined from a ticket file: each
     * example's prompt is one ticket's customer message ({@code Customer: ...\nAgent: }), its response agent
     * sentences drawn (seeded) from the tickets' responses and joined until prompt + response has 120–136 tokens.
     * Members and non-members are drawn, with seeds 1 and 2, from one pool (the sample's {@code train.jsonl} and
     * {@code holdout.jsonl}, 450 tickets), never the same example twice. Timing data, not a privacy experiment:
     * the models are random.
     */
    static final class Tickets {

        private final List<String> messages;
        private final List<String> sentences;

        private Tickets(List<String> messages, List<String> sentences) {
            this.messages = messages;
            this.sentences = sentences;
        }

        static Tickets from(List<Example> tickets) {
            List<String> messages = new ArrayList<>();
            List<String> sentences = new ArrayList<>();
            for (Example t : tickets) {
                messages.add(t.prompt());
                for (String s : t.response().split("(?<=[.!?])\\s+")) {
                    if (!s.isBlank()) {
                        sentences.add(s.strip());
                    }
                }
            }
            return new Tickets(messages, sentences);
        }

        /** {@code count} examples from {@code seed}, none of them already in {@code seen} (which they are added to). */
        List<Example> generate(int count, long seed, HuggingFaceTokenizer tokenizer, java.util.Set<String> seen) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Example> out = new ArrayList<>(count);
            while (out.size() < count) {
                String prompt = messages.get(random.nextInt(messages.size()));
                int promptTokens = tokenizer.encode(prompt).length;
                StringBuilder response = new StringBuilder();
                int total = promptTokens;
                for (int tries = 0; total < 120 && tries < 50; tries++) {
                    String next = (response.length() == 0 ? "" : response + " ")
                            + sentences.get(random.nextInt(sentences.size()));
                    int tokens = promptTokens + tokenizer.encode(next).length;
                    if (tokens <= 136) {
                        response.setLength(0);
                        response.append(next);
                        total = tokens;
                    }
                }
                Example e = new Example(prompt, response.toString());
                if (total >= 120 && seen.add(e.prompt() + "\u0000" + e.response())) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Prompt + response tokens of all examples. */
        static long tokens(List<Example> examples, HuggingFaceTokenizer tokenizer) {
            return examples.stream().mapToLong(e -> tokenizer.encode(e.prompt()).length
                    + tokenizer.encode(e.response()).length).sum();
        }

        /** min / median / max of prompt + response tokens. */
        static String lengths(List<Example> examples, HuggingFaceTokenizer tokenizer) {
            int[] n = examples.stream().mapToInt(e -> tokenizer.encode(e.prompt()).length
                    + tokenizer.encode(e.response()).length).sorted().toArray();
            int[] prompt = examples.stream().mapToInt(e -> tokenizer.encode(e.prompt()).length).sorted().toArray();
            return String.format(Locale.ROOT, "%d / %d / %d (prompt median %d)", n[0], n[n.length / 2], n[n.length - 1],
                    prompt[prompt.length / 2]);
        }
    }

    /**
     * Attributes the wall time of one thread to audit phases by reading its stack every {@value #SAMPLE_MS} ms:
     * the outermost recognised frame names the phase; inside MoPe the innermost recognised frame names the
     * activity (loss-only passes, host noise, backup and restore). Audits are numbered by their scoring pass:
     * the first is the teacher's, the second the student's (ScenarioRunner's order).
     */
    static final class PhaseSampler {

        private final Thread target;
        private final Map<String, Double> seconds = new LinkedHashMap<>();
        private volatile boolean running;
        private Thread sampler;
        private int audit;
        private boolean lastWasScoring;

        PhaseSampler(Thread target) {
            this.target = target;
        }

        void start() {
            running = true;
            sampler = new Thread(this::loop, "phase-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        private void loop() {
            long last = System.nanoTime();
            while (running) {
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                String phase = classify(target.getStackTrace());
                synchronized (seconds) {
                    seconds.merge(phase, (now - last) / 1e9, Double::sum);
                }
                last = now;
            }
        }

        private String classify(StackTraceElement[] stack) {
            String phase = null;
            String activity = null;
            boolean inAudit = false;
            for (int i = stack.length - 1; i >= 0; i--) {   // outermost first
                String frame = stack[i].getClassName() + "." + stack[i].getMethodName();
                if (frame.equals("io.kdprivacy.audit.PrivacyAudit.audit")) {
                    inAudit = true;
                }
                if (phase == null) {
                    phase = switch (frame) {
                        case "io.kdprivacy.scenario.PreparedData.of" -> "data preparation (tokenising)";
                        case "io.kdprivacy.scenario.ScenarioRunner.loadedKey" -> "checkpoint file hashes";
                        case "io.kdprivacy.model.ModelCheckpoints.load" -> "loading checkpoints";
                        case "io.kdprivacy.attack.ScoreCache.of" -> "scoring pass";
                        case "io.kdprivacy.attack.Mope.scores" -> "MoPe, whole model";
                        case "io.kdprivacy.attack.Mope.blockwise" -> "MoPe, per block";
                        case "io.kdprivacy.memorization.MemorizationProbe.run" -> "memorization probe";
                        case "io.kdprivacy.attack.MembershipAttack.evaluate" -> "attack metrics (bootstrap)";
                        case "io.kdprivacy.audit.PrivacyAudit.validity" -> "validity (blind baseline)";
                        case "io.kdprivacy.model.CausalLm.weightsHash" -> "weights hashes";
                        case "io.kdprivacy.scenario.AuditStore.write", "io.kdprivacy.scenario.AuditStore.read" ->
                                "audit store";
                        default -> null;
                    };
                }
                if (frame.startsWith("io.kdprivacy.attack.Mope.")) {
                    activity = switch (stack[i].getMethodName()) {
                        case "perturb", "noise" -> "host noise + add";
                        case "restore" -> "restore";
                        default -> activity;
                    };
                }
                if (frame.equals("io.kdprivacy.model.ResponseScorer.meanNll")) {
                    activity = "loss-only passes";
                }
                if (stack[i].getMethodName().equals("toFloatArray") && activity == null) {
                    activity = "backup copy";
                }
            }
            if (phase == null) {
                return "other";
            }
            boolean scoring = phase.equals("scoring pass");
            if (inAudit) {
                if (scoring && !lastWasScoring) {
                    audit++;
                }
                lastWasScoring = scoring;
            }
            String who = inAudit ? (audit == 1 ? "teacher: " : audit == 2 ? "student: " : "audit " + audit + ": ") : "";
            return who + phase + (phase.startsWith("MoPe") && activity != null ? " — " + activity : "");
        }

        /** Seconds attributed to {@code phase} (0 if none). */
        double seconds(String phase) {
            synchronized (seconds) {
                return seconds.getOrDefault(phase, 0.0);
            }
        }

        void print(double wall) {
            System.out.println("| phase | s | share of the run |");
            System.out.println("|---|---|---|");
            synchronized (seconds) {
                double sampled = 0;
                for (Map.Entry<String, Double> e : seconds.entrySet()) {
                    System.out.printf("| %s | %.1f | %.1f%% |%n", e.getKey(), e.getValue(), 100 * e.getValue() / wall);
                    sampled += e.getValue();
                }
                System.out.printf("| (sampled in all) | %.1f | %.1f%% |%n", sampled, 100 * sampled / wall);
            }
        }
    }
}
