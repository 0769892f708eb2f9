package io.kdprivacy.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.Torch;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.kdprivacy.bench.FoundationBenchmark.BATCH;
import static io.kdprivacy.bench.FoundationBenchmark.SEQ;
import static io.kdprivacy.bench.FoundationBenchmark.STEPS;
import static io.kdprivacy.bench.FoundationBenchmark.VOCAB;

/**
 * Where a training step or a scoring batch spends its time, op by op, from libtorch's own profiler:
 * the FoundationBenchmark's GPT-2 shape, data and batch size, eight warm-up epochs, then two profiled
 * epochs.
 * Prints each top-level op (an autograd node counts as one op) with its total time and share, and
 * leaves the Chrome trace in {@code target/op-profile-<mode>.json}. Timings carry the profiler's own
 * overhead, so read the shares, not the absolute numbers.
 *
 * <p>Run: {@code ./mvnw -q -pl kdprivacy-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.OpProfile -Dexec.args="train 128 2 4"} (mode {@code train} or
 * {@code score}, then d, layers, heads).
 */
public final class OpProfile {

    private OpProfile() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length == 0 ? "train" : args[0];
        if (!mode.equals("train") && !mode.equals("score")) {
            throw new IllegalArgumentException("mode must be 'train' or 'score', got '" + mode + "'");
        }
        boolean train = mode.equals("train");
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int heads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        ModelConfig config = ModelConfig.of(ModelFamily.GPT2, VOCAB, d, layers, heads, 128, VOCAB - 1);
        List<PromptResponse> data = FoundationBenchmark.randomData(BATCH * STEPS, new Random(d));
        SftTrainer trainer = new SftTrainer(TrainingConfig.defaults().withBatchSize(BATCH).withMaxLength(SEQ)
                .withEpochs(1)).logEvery(Duration.ofHours(1));
        Path trace = Path.of("target", "op-profile-" + (train ? "train" : "score") + ".json").toAbsolutePath();
        Files.createDirectories(trace.getParent());
        try (CausalLm model = CausalLm.initialize(config, 1)) {
            ResponseScorer scorer = new ResponseScorer(model, BATCH, SEQ);
            Runnable epoch = train ? () -> trainer.train(model, data) : () -> scorer.score(data);
            for (int i = 0; i < 8; i++) {
                epoch.run();
            }
            Torch.engine();
            JniUtils.startProfile(false, false, false);
            long t0 = System.nanoTime();
            epoch.run();
            epoch.run();
            double msPerBatch = (System.nanoTime() - t0) / 1e6 / (2 * STEPS);
            JniUtils.stopProfile(trace.toString());
            System.out.printf("%s, GPT-2 d=%d/%d layers: %.1f ms per %s under the profiler; trace %s%n",
                    train ? "training" : "scoring", d, layers, msPerBatch, train ? "step" : "batch", trace);
            print(topLevelTotals(trace), 2 * STEPS);
        }
    }

    /** Total microseconds per op name over the trace's outermost events (nested calls are not counted twice). */
    static Map<String, double[]> topLevelTotals(Path trace) throws IOException {
        JsonNode root = new ObjectMapper().readTree(trace.toFile());
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        List<JsonNode> complete = new ArrayList<>();
        events.forEach(e -> {
            if ("X".equals(e.path("ph").asText()) && e.has("dur")) {
                complete.add(e);
            }
        });
        complete.sort(Comparator.comparing((JsonNode e) -> e.path("tid").asText())
                .thenComparingDouble(e -> e.path("ts").asDouble())
                .thenComparingDouble(e -> -e.path("dur").asDouble()));
        Map<String, double[]> totals = new HashMap<>();
        String thread = null;
        double openUntil = Double.NEGATIVE_INFINITY;
        for (JsonNode e : complete) {
            String tid = e.path("tid").asText();
            double ts = e.path("ts").asDouble();
            if (!tid.equals(thread)) {
                thread = tid;
                openUntil = Double.NEGATIVE_INFINITY;
            }
            if (ts >= openUntil) {
                double dur = e.path("dur").asDouble();
                double[] total = totals.computeIfAbsent(e.path("name").asText(), k -> new double[2]);
                total[0] += dur;
                total[1]++;
                openUntil = ts + dur;
            }
        }
        return totals;
    }

    static void print(Map<String, double[]> totals, int batches) {
        double all = totals.values().stream().mapToDouble(t -> t[0]).sum();
        System.out.printf("| op | ms per batch | share | calls per batch |%n|---|---|---|---|%n");
        totals.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .limit(20)
                .forEach(e -> System.out.printf("| %s | %.2f | %.1f%% | %.0f |%n", e.getKey(),
                        e.getValue()[0] / 1000 / batches, 100 * e.getValue()[0] / all, e.getValue()[1] / batches));
        System.out.printf("| (all top-level ops) | %.2f | 100%% | |%n", all / 1000 / batches);
    }
}
