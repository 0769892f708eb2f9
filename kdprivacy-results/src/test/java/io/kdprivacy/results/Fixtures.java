package io.kdprivacy.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Privacy reports for tests: a teacher, a student and a reference student, every metric filled in. */
public final class Fixtures {

    private Fixtures() {
    }

    /** An estimate of {@code value} ± 0.05 at 95 %, clipped to [0, 1]. */
    public static Estimate estimate(double value) {
        return new Estimate(value, Math.max(0, value - 0.05), Math.min(1, value + 0.05), 0.95);
    }

    /** A full report whose student has LOSS AUC {@code studentAuc} and one assertion with {@code outcome}. */
    public static PrivacyReport report(String testId, String technique, double studentAuc, String outcome) {
        return new PrivacyReport(ResultsJson.SCHEMA_VERSION, testId, technique,
                new Provenance("0.1.0", "PyTorch 2.7.1 (DJL 0.36.0)", 42, Map.of("private", "c0ffee", "config", "beef"),
                        "2026-11-29T03:00:00Z"),
                new Validity(true, estimate(0.51), 0, 7, Map.of("private", "c0ffee", "holdout", "f00d"),
                        "blind baseline near chance"),
                List.of(model("teacher", 0.8, 4), model("student", studentAuc, 2), model("reference", 0.52, 2)),
                List.of(new InheritedLeakage("LOSS", "student", "reference", estimate(studentAuc - 0.52))),
                List.of(new AssertionRecord("membership.auc", "student", "LOSS", "isBelow", 0.7, studentAuc,
                        studentAuc + 0.05, outcome)));
    }

    private static ModelReport model(String role, double auc, int blocks) {
        MembershipMetrics loss = new MembershipMetrics("LOSS", estimate(auc), estimate(auc / 10), estimate(auc / 50),
                auc - 0.5, 200, 200, List.of("TPR at 0.1% FPR needs at least 1000 non-members, got 200"),
                new RocPoints(List.of(0.0, 0.005, 0.01, 0.1, 0.5, 1.0),
                        List.of(0.0, auc / 20, auc / 10, auc / 3, Math.min(1, auc + 0.1), 1.0)));
        MembershipMetrics minK = new MembershipMetrics("MIN_K", estimate(auc - 0.02), estimate(0.03), estimate(0.0),
                auc - 0.52, 200, 200, List.of(), null);
        List<BlockMetrics> perBlock = new java.util.ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            perBlock.add(new BlockMetrics(b, estimate(0.5 + (auc - 0.5) * (b + 1) / blocks)));
        }
        return new ModelReport(role, "GPT2", role.equals("teacher") ? "small" : "nano", 110_000L, role + "-sha256",
                List.of(loss, minK),
                new MemorizationMetrics(0.2, 0.1, 0.1, estimate(0.05), estimate(0.0), 0.3, 200, 200),
                new CanaryMetrics(10, 3.5, 9.0, 41.25, estimate(0.1)), perBlock)
                .withUtility(utility(role.equals("teacher") ? 2.0 : role.equals("student") ? 2.5 : 2.6,
                        role.equals("teacher") ? 0.35 : role.equals("student") ? 0.3 : 0.28));
    }

    /** Utility on 200 held-out examples with holdout NLL {@code nll} and mean ROUGE-L {@code rougeL} ± 0.05. */
    public static UtilityMetrics utility(double nll, double rougeL) {
        return new UtilityMetrics(200, nll, Math.exp(nll), estimate(rougeL), 128);
    }

    /**
     * {@link #report} of {@code technique} whose student has exactly the attacks and AUCs of {@code aucs} (in
     * order), member positional-match rate {@code memberRate} (gap {@code memberRate - 0.05}), and {@code utility}
     * and {@code training} (either may be null).
     */
    public static PrivacyReport technique(String testId, String technique, Map<String, Double> aucs, double memberRate,
                                          UtilityMetrics utility, TrainingBudget training) {
        PrivacyReport base = report(testId, technique, 0.6, "PASSED");
        List<ModelReport> models = new java.util.ArrayList<>();
        for (ModelReport m : base.models()) {
            if (!m.role().equals("student")) {
                models.add(m);
                continue;
            }
            List<MembershipMetrics> membership = new java.util.ArrayList<>();
            aucs.forEach((attack, auc) -> membership.add(new MembershipMetrics(attack, estimate(auc), estimate(0.02),
                    estimate(0.0), auc - 0.5, 200, 200, List.of(), null)));
            models.add(new ModelReport("student", m.family(), m.size(), m.parameters(), technique + "-sha256", membership,
                    new MemorizationMetrics(memberRate, 0.05, memberRate - 0.05, estimate(0.05), estimate(0.0), 0.3, 200,
                            200), m.canaries(), m.blocks(), utility, training));
        }
        return new PrivacyReport(base.schemaVersion(), base.testId(), base.technique(), base.provenance(), base.validity(),
                models, base.inheritedLeakage(), base.assertions());
    }

    /** Utility with mean ROUGE-L {@code rougeL} (null: ROUGE-L not measured) and perplexity {@code perplexity}. */
    public static UtilityMetrics utilityAt(Double rougeL, double perplexity) {
        return new UtilityMetrics(100, Math.log(perplexity), perplexity, rougeL == null ? null : estimate(rougeL), 64);
    }

    /** Writes {@code report} as {@code dir/name}. */
    public static Path write(Path dir, String name, PrivacyReport report) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        ResultsJson.write(file, report);
        return file;
    }
}
