package io.kdprivacy.bench;

import io.kdprivacy.data.DataSplit;
import io.kdprivacy.data.Example;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.memorization.MemorizationProbe;
import io.kdprivacy.memorization.MemorizationResult;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.stats.RocAuc;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The sample's teacher regime (docs/sample-regime.md): trains a teacher of the named size on the members of a support
 * data directory (split as the scenario splits it) for the given epochs and prints its loss AUC against the holdout
 * and the memorization gap at no-repeat n-gram sizes 6, 24 and off. The trained teacher is saved (-Dsave=DIR,
 * default /tmp/regime/teacher-SIZE-EPOCHS) and reloaded on the next run; -Dchunk=N restarts the schedule every N
 * epochs and measures after each.
 *
 * <p>Args: {@code supportDir size epochs learningRate [members]}.
 */
public final class RegimeProbe {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String size = args[1];
        int epochs = Integer.parseInt(args[2]);
        double lr = Double.parseDouble(args[3]);
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        Tokenizer tok = new ByteTokenizer();
        DataSplit split = DataSplit.of(JsonlDataset.load(dir.resolve("train.jsonl")),
                JsonlDataset.load(dir.resolve("holdout.jsonl")), false, 42);
        List<Example> priv = split.privateSet().subList(0, Math.min(n, split.privateSet().size()));
        List<Example> hold = split.holdout().subList(0, Math.min(n, split.holdout().size()));
        List<PromptResponse> m = MemorizationProbe.tokenize(tok, priv);
        List<PromptResponse> h = MemorizationProbe.tokenize(tok, hold);
        ModelConfig cfg = ModelConfig.named(ModelFamily.GPT2, size, tok.vocabSize(), tok.eosId(), 320);
        TrainingConfig tc = TrainingConfig.defaults().withLearningRate(lr).withWarmupSteps(10).withMaxLength(320).withEpochs(epochs);
        Path saved = Path.of(System.getProperty("save", "/tmp/regime/teacher-" + size + "-" + epochs));
        boolean load = java.nio.file.Files.isDirectory(saved);
        try (CausalLm teacher = load ? io.kdprivacy.model.ModelCheckpoints.load(saved) : CausalLm.initialize(cfg, 7)) {
          int chunk = Integer.parseInt(System.getProperty("chunk", String.valueOf(epochs)));
          double train = 0;
          for (int done = chunk; done <= epochs; done += chunk) {
            long t0 = System.nanoTime();
            if (!load) new SftTrainer(tc.withEpochs(chunk)).named("teacher").train(teacher, m);
            train += (System.nanoTime() - t0) / 1e9;
            int epochsDone = done;
            t0 = System.nanoTime();
            ResponseScorer scorer = new ResponseScorer(teacher, 32, 320);
            double[] a = scorer.meanNll(m);
            double[] b = scorer.meanNll(h);
            for (int i = 0; i < a.length; i++) a[i] = -a[i];
            for (int i = 0; i < b.length; i++) b[i] = -b[i];
            double auc = RocAuc.of(a, b);
            double score = (System.nanoTime() - t0) / 1e9;
            System.out.printf("size=%s epochs=%d lr=%g n=%d params=%d train=%.1fs score=%.1fs lossAUC=%.3f%n", size, epochsDone, lr,
                    m.size(), teacher.parameterCount(), train, score, auc);
            if (!load && done == epochs) io.kdprivacy.model.ModelCheckpoints.save(teacher, saved);
            for (int[] nc : new int[][] {{64, 32, 6}, {64, 32, 24}, {64, 32, 0}}) {
                t0 = System.nanoTime();
                MemorizationResult r = new MemorizationProbe(new MemorizationConfig(nc[0], nc[2], nc[1]), 32).run(teacher, m, h);
                System.out.printf("  norepeat=%d new=%d compared=%d member=%.3f non=%.3f gap=%.3f extract=%.3f time=%.1fs%n", nc[2], nc[0], nc[1],
                        r.memberRate(), r.nonMemberRate(), r.gap(), r.memberExtractable().point(), (System.nanoTime() - t0) / 1e9);
            }
          }
        }
    }
}
