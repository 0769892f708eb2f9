package io.kdprivacy.bench;

import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.audit.EvaluationSet;
import io.kdprivacy.audit.PrivacyAudit;
import io.kdprivacy.data.DataSplit;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scoring throughput and full-audit wall time at the sample project's size: a GPT-2 {@code tiny}
 * teacher fine-tuned on the 150 private tickets, audited against 150 holdout tickets with every attack,
 * MoPe (M = 10) and per-block MoPe, and the memorization probe (64 forced tokens).
 *
 * <p>Run: {@code ./mvnw -B -q -ntp -pl kdprivacy-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.AuditBenchmark}
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path support = Path.of("sample-project/src/test/resources/support");
        if (!Files.isDirectory(support)) {
            support = Path.of("../sample-project/src/test/resources/support");
        }
        ByteTokenizer tokenizer = new ByteTokenizer();
        DataSplit split = DataSplit.of(JsonlDataset.load(support.resolve("train.jsonl")),
                JsonlDataset.load(support.resolve("holdout.jsonl")), false, 7);
        EvaluationSet data = new EvaluationSet(split.privateSet(), split.holdout(), tokenizer);
        ModelConfig config = ModelConfig.named(ModelFamily.GPT2, "tiny", tokenizer.vocabSize(), tokenizer.eosId(), 320);
        AuditSettings settings = AuditSettings.defaults().withLengths(32, 320);
        try (CausalLm teacher = CausalLm.initialize(config, 7)) {
            new SftTrainer(TrainingConfig.defaults().withLearningRate(2e-3).withWarmupSteps(10).withEpochs(6)
                    .withMaxLength(320)).named("teacher").train(teacher, data.memberIds());
            long tokens = data.memberIds().stream().mapToLong(p -> p.prompt().length + p.response().length).sum()
                    + data.nonMemberIds().stream().mapToLong(p -> p.prompt().length + p.response().length).sum();
            PrivacyAudit audit = new PrivacyAudit(settings);
            long t0 = System.nanoTime();
            audit.score(teacher, data);
            double scoreSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one scoring pass: %d examples, %d tokens, %.1f s, %.0f tokens/s%n",
                    data.memberIds().size() + data.nonMemberIds().size(), tokens, scoreSeconds, tokens / scoreSeconds);
            t0 = System.nanoTime();
            ModelReport report = audit.audit("teacher", "tiny", teacher, data, null, null).report();
            double auditSeconds = (System.nanoTime() - t0) / 1e9;
            // the score cache (also MoPe's unperturbed baseline), then M perturbed loss-only passes, whole model and per block
            int passes = 1 + settings.mopePerturbations() * (1 + teacher.blockCount());
            System.out.printf("full audit: %.1f s = 1 scoring pass + %d loss-only MoPe passes (M·(1 + %d blocks)) + "
                    + "memorization probe; "
                    + "peak RSS %d MiB%n", auditSeconds, passes - 1, teacher.blockCount(), ProcessMemory.peakRssMiB());
            for (MembershipMetrics m : report.membership()) {
                System.out.printf("  %s AUC %.3f [%.3f, %.3f]%n", m.attack(), m.auc().value(), m.auc().lower(), m.auc().upper());
            }
            for (BlockMetrics b : report.blocks()) {
                System.out.printf("  block %d MoPe AUC %.3f [%.3f, %.3f]%n", b.block(), b.auc().value(), b.auc().lower(),
                        b.auc().upper());
            }
            System.out.printf("  memorization gap %.3f (members %.3f, non-members %.3f)%n", report.memorization().gap(),
                    report.memorization().memberRate(), report.memorization().nonMemberRate());
        }
    }
}
