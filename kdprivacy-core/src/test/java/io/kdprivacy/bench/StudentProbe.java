package io.kdprivacy.bench;

import io.kdprivacy.data.DataSplit;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.distill.DistillationConfig;
import io.kdprivacy.distill.Distiller;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.memorization.MemorizationProbe;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelCheckpoints;
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
 * The sample's student regime (docs/sample-regime.md): from a teacher saved by {@link RegimeProbe}, fine-tunes a
 * student on the public half, then prints the loss AUC and holdout NLL of the initial student, of a no-KD reference
 * trained as long as the distillation, and of the distilled student.
 *
 * <p>Args: {@code supportDir teacherDir studentSize initEpochs distillationEpochs technique learningRate}.
 */
public final class StudentProbe {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Tokenizer tok = new ByteTokenizer();
        DataSplit split = DataSplit.of(JsonlDataset.load(dir.resolve("train.jsonl")),
                JsonlDataset.load(dir.resolve("holdout.jsonl")), false, 42);
        List<PromptResponse> m = MemorizationProbe.tokenize(tok, split.privateSet());
        List<PromptResponse> h = MemorizationProbe.tokenize(tok, split.holdout());
        List<PromptResponse> pub = MemorizationProbe.tokenize(tok, split.publicSet());
        ModelConfig cfg = ModelConfig.named(ModelFamily.GPT2, args[2], tok.vocabSize(), tok.eosId(), 320);
        int initEpochs = Integer.parseInt(args[3]);
        int kdEpochs = Integer.parseInt(args[4]);
        double lr = Double.parseDouble(args[6]);
        try (CausalLm teacher = ModelCheckpoints.load(Path.of(args[1])); CausalLm s = CausalLm.initialize(cfg, 43)) {
            long t0 = System.nanoTime();
            new SftTrainer(TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(initEpochs).withMaxLength(320)).train(s, pub);
            double init = (System.nanoTime() - t0) / 1e9;
            report("init", s, m, h, init);
            try (CausalLm ref = s.copy()) {
                t0 = System.nanoTime();
                new SftTrainer(TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(kdEpochs).withMaxLength(320)).train(ref, pub);
                report("reference", ref, m, h, (System.nanoTime() - t0) / 1e9);
            }
            t0 = System.nanoTime();
            new Distiller(DistillationConfig.builder(KdTechnique.valueOf(args[5])).epochs(kdEpochs).learningRate(lr).maxLength(320).build())
                    .distill(teacher, s, pub, pub.subList(0, 32));
            report(args[5], s, m, h, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void report(String what, CausalLm s, List<PromptResponse> m, List<PromptResponse> h, double seconds) {
        ResponseScorer scorer = new ResponseScorer(s, 32, 320);
        double[] a = scorer.meanNll(m);
        double[] b = scorer.meanNll(h);
        double mean = 0;
        for (double x : b) mean += x;
        mean /= b.length;
        for (int i = 0; i < a.length; i++) a[i] = -a[i];
        for (int i = 0; i < b.length; i++) b[i] = -b[i];
        System.out.printf("%s: %.1fs lossAUC=%.3f holdout mean nll=%.3f%n", what, seconds, RocAuc.of(a, b), mean);
    }
}
