package io.kdprivacy.audit;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.attack.AttackResult;
import io.kdprivacy.attack.MembershipAttack;
import io.kdprivacy.attack.Mope;
import io.kdprivacy.attack.ScoreCache;
import io.kdprivacy.memorization.CanaryExposureResult;
import io.kdprivacy.memorization.MemorizationProbe;
import io.kdprivacy.memorization.MemorizationResult;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.CanaryMetrics;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.MemorizationMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.ModelRole;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.RocPoints;
import io.kdprivacy.results.Validity;
import io.kdprivacy.stats.Bootstrap;
import io.kdprivacy.stats.RocCurve;
import io.kdprivacy.data.SplitManifest;
import io.kdprivacy.stats.Interval;
import io.kdprivacy.stats.SampleSize;
import io.kdprivacy.results.UtilityMetrics;
import io.kdprivacy.utility.UtilityProbe;
import io.kdprivacy.utility.UtilityResult;
import io.kdprivacy.validity.BlindBaseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audits models against one evaluation set and turns what it measures into the report records of
 * {@code kdprivacy-results}. Per model: <b>one</b> scoring pass per dataset feeds every score-based
 * attack; MoPe adds its M perturbed passes (and M per block for per-block risk), reusing that pass as
 * its unperturbed baseline; the memorization
 * probe adds one greedy generation pass, and so does the utility probe (on the non-members only: its holdout NLL comes
 * from the scoring pass). The reference model is scored once and reused.
 */
public final class PrivacyAudit {

    /** Name of the MoPe attack in reports. */
    public static final String MOPE = "MOPE";

    private final AuditSettings settings;
    private final MembershipAttack evaluator;

    public PrivacyAudit(AuditSettings settings) {
        this.settings = settings;
        this.evaluator = new MembershipAttack(settings.bootstrapResamples(), 0.95, settings.seed());
    }

    /** The scoring pass of one model on both halves of the evaluation set. */
    public record Scores(ScoreCache members, ScoreCache nonMembers) {
    }

    /** Runs the single scoring pass of {@code model} (reuse it as another model's reference). */
    public Scores score(CausalLm model, EvaluationSet data) {
        return new Scores(
                ScoreCache.of(model, data.memberIds(), data.memberResponses(), settings.batchSize(), settings.maxLength()),
                ScoreCache.of(model, data.nonMemberIds(), data.nonMemberResponses(), settings.batchSize(),
                        settings.maxLength()));
    }

    /** Audits one model, scoring it first; see {@link #audit(String, String, CausalLm, EvaluationSet, Scores, Scores, CanaryExposureResult)}. */
    public ModelAudit audit(String role, String size, CausalLm model, EvaluationSet data, Scores reference,
                            CanaryExposureResult canaries) {
        return audit(role, size, model, data, null, reference, canaries);
    }

    /**
     * Audits one model.
     *
     * @param role      {@code teacher}, {@code student} or {@code reference}
     * @param size      size name for the report
     * @param own       this model's scoring pass from {@link #score}, or null to run it now
     * @param reference the reference model's scores for the REFERENCE attack, or null
     * @param canaries  canary results measured on this model, or null
     */
    public ModelAudit audit(String role, String size, CausalLm model, EvaluationSet data, Scores own,
                            Scores reference, CanaryExposureResult canaries) {
        Scores scores = own != null ? own : score(model, data);
        List<MembershipMetrics> membership = new ArrayList<>();
        Map<String, ModelAudit.AttackScores> raw = new LinkedHashMap<>();
        for (Attack attack : Attack.values()) {
            if (!settings.attacks().contains(attack) || (attack.needsReference() && reference == null)) {
                continue;
            }
            boolean withReference = attack.needsReference();
            double[] m = attack.scores(scores.members(), withReference ? reference.members() : null,
                    settings.mode(), settings.minK());
            double[] n = attack.scores(scores.nonMembers(), withReference ? reference.nonMembers() : null,
                    settings.mode(), settings.minK());
            raw.put(attack.name(), new ModelAudit.AttackScores(m, n));
            membership.add(metrics(attack.name(), evaluator.evaluate(m, n)));
        }
        List<BlockMetrics> blocks = new ArrayList<>();
        if (settings.mopePerturbations() > 0) {
            MopeBudget budget = settings.mopeBudget();
            Mope mope = new Mope(settings.mopePerturbations(), ModelRole.TEACHER.id().equals(role) ? settings.teacherSigma()
                    : settings.studentSigma(), settings.seed(), settings.batchSize(), settings.maxLength());
            int[] memberRows = budget.indices(data.memberIds().size(), settings.seed());
            int[] nonMemberRows = budget.indices(data.nonMemberIds().size(), settings.seed() + 1);
            List<PromptResponse> members = select(data.memberIds(), memberRows);
            List<PromptResponse> nonMembers = select(data.nonMemberIds(), nonMemberRows);
            double[] memberNll = select(scores.members().meanNll(), memberRows);
            double[] nonMemberNll = select(scores.nonMembers().meanNll(), nonMemberRows);
            double[] m = mope.scores(model, members, memberNll);
            double[] n = mope.scores(model, nonMembers, nonMemberNll);
            raw.put(MOPE, new ModelAudit.AttackScores(m, n));
            MembershipMetrics mopeMetrics = metrics(MOPE, evaluator.evaluate(m, n));
            List<Integer> chosen = settings.perBlock() ? budget.blocks(model.blockCount()) : List.of();
            membership.add(withWarnings(mopeMetrics, budgetNotes(budget, memberRows.length, data.memberIds().size(),
                    nonMemberRows.length, data.nonMemberIds().size(), chosen, model.blockCount())));
            if (settings.perBlock()) {
                int[] blockMemberRows = budget.blockIndices(data.memberIds().size(), settings.seed());
                int[] blockNonMemberRows = budget.blockIndices(data.nonMemberIds().size(), settings.seed() + 1);
                List<AttackResult> perBlock = mope.blockwise(model, select(data.memberIds(), blockMemberRows),
                        select(data.nonMemberIds(), blockNonMemberRows), select(scores.members().meanNll(), blockMemberRows),
                        select(scores.nonMembers().meanNll(), blockNonMemberRows), evaluator, chosen);
                for (int i = 0; i < chosen.size(); i++) {
                    blocks.add(new BlockMetrics(chosen.get(i), estimate(perBlock.get(i).auc())));
                }
            }
        }
        MemorizationMetrics memorization = null;
        if (settings.memorization() != null) {
            MemorizationResult r = new MemorizationProbe(settings.memorization(), settings.batchSize())
                    .run(model, data.memberIds(), data.nonMemberIds());
            memorization = new MemorizationMetrics(r.memberRate(), r.nonMemberRate(), r.gap(),
                    estimate(r.memberExtractable()), estimate(r.nonMemberExtractable()), r.memberRougeL(),
                    data.memberIds().size(), data.nonMemberIds().size());
        }
        CanaryMetrics canaryMetrics = canaries == null ? null : new CanaryMetrics(canaries.outcomes().size(),
                canaries.meanExposure(), canaries.maxExposure(), canaries.meanExtrapolatedExposure(),
                estimate(canaries.extraction()));
        ModelReport report = new ModelReport(role, model.config().family().name(), size, model.parameterCount(),
                model.weightsHash(), membership, memorization, canaryMetrics, blocks);
        if (settings.utility() != null) {
            report = report.withUtility(utility(model, data, scores.nonMembers()));
        }
        return new ModelAudit(report, raw);
    }

    /** Task quality on the non-members (held out from every model), from their scores plus greedy responses. */
    private UtilityMetrics utility(CausalLm model, EvaluationSet data, ScoreCache nonMembers) {
        List<io.kdprivacy.model.TokenScores> tokenScores = new ArrayList<>(nonMembers.size());
        for (int i = 0; i < nonMembers.size(); i++) {
            tokenScores.add(nonMembers.scores(i));
        }
        UtilityResult r = new UtilityProbe(settings.utility(), settings.batchSize(), settings.bootstrapResamples(),
                settings.seed()).run(model, data.tokenizer(), data.nonMemberIds(), data.nonMemberResponses(), tokenScores);
        return new UtilityMetrics(r.examples(), r.holdoutNll(), r.perplexity(), estimate(r.meanRougeL()),
                r.maxNewTokens());
    }

    /**
     * Inherited leakage of {@code model} over {@code reference}: for every attack both were audited with,
     * AUC(model) − AUC(reference) with a paired-bootstrap interval over the same examples. Examples whose
     * score is undefined for either model are left out of that attack's comparison.
     */
    public List<InheritedLeakage> inheritedLeakage(ModelAudit model, ModelAudit reference) {
        List<InheritedLeakage> out = new ArrayList<>();
        for (Map.Entry<String, ModelAudit.AttackScores> e : model.scores().entrySet()) {
            ModelAudit.AttackScores ref = reference.scores().get(e.getKey());
            if (ref == null) {
                continue;
            }
            double[][] m = bothDefined(e.getValue().members(), ref.members());
            double[][] n = bothDefined(e.getValue().nonMembers(), ref.nonMembers());
            if (m[0].length == 0 || n[0].length == 0) {
                continue;
            }
            Interval d = Bootstrap.aucDifference(m[0], n[0], m[1], n[1], settings.bootstrapResamples(), 0.95,
                    settings.seed());
            out.add(new InheritedLeakage(e.getKey(), model.report().role(), reference.report().role(), estimate(d)));
        }
        return out;
    }

    private static double[][] bothDefined(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("models were audited on different evaluation sets: " + a.length
                    + " vs " + b.length + " scores");
        }
        int[] keep = java.util.stream.IntStream.range(0, a.length)
                .filter(i -> !Double.isNaN(a[i]) && !Double.isNaN(b[i])).toArray();
        double[][] out = new double[2][keep.length];
        for (int k = 0; k < keep.length; k++) {
            out[0][k] = a[keep[k]];
            out[1][k] = b[keep[k]];
        }
        return out;
    }

    /** The validity of the evaluation set: blind baseline plus the split's record. */
    public Validity validity(EvaluationSet data, SplitManifest manifest) {
        BlindBaseline.Verdict verdict = new BlindBaseline(settings.seed()).evaluate(data.members(), data.nonMembers());
        return new Validity(verdict.valid(), estimate(verdict.auc()), 0, manifest.seed(), manifest.hashes(),
                verdict.reason());
    }

    /** What a limited MoPe budget left out, as warnings on the MoPe metrics (empty without a budget). */
    private static List<String> budgetNotes(MopeBudget budget, int members, int allMembers, int nonMembers,
                                            int allNonMembers, List<Integer> blocks, int blockCount) {
        List<String> notes = new ArrayList<>();
        if (members < allMembers || nonMembers < allNonMembers) {
            notes.add("MoPe budget: a seeded subsample of " + members + " of " + allMembers + " members and "
                    + nonMembers + " of " + allNonMembers + " non-members (MoPe and per-block intervals are "
                    + "correspondingly wider)");
        }
        if (!blocks.isEmpty() && blocks.size() < blockCount) {
            notes.add("per-block budget: blocks " + blocks + " of " + blockCount + " measured");
        }
        if (budget.blockSample() > 0 && budget.blockSample() < Math.max(allMembers, allNonMembers)) {
            notes.add("per-block budget: a seeded subsample of at most " + budget.blockSample() + " members and "
                    + budget.blockSample() + " non-members (per-block intervals are correspondingly wider)");
        }
        return notes;
    }

    private static MembershipMetrics withWarnings(MembershipMetrics m, List<String> more) {
        if (more.isEmpty()) {
            return m;
        }
        List<String> warnings = new ArrayList<>(more);
        warnings.addAll(m.warnings());
        return new MembershipMetrics(m.attack(), m.auc(), m.tprAt1Pct(), m.tprAt01Pct(), m.advantage(),
                m.members(), m.nonMembers(), warnings, m.roc());
    }

    private static <T> List<T> select(List<T> items, int[] rows) {
        List<T> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(items.get(r));
        }
        return out;
    }

    private static double[] select(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static MembershipMetrics metrics(String attack, AttackResult r) {
        List<String> warnings = new ArrayList<>();
        for (double fpr : new double[] {0.01, 0.001}) {
            SampleSize.Verdict v = SampleSize.tprAtFpr(fpr, r.nonMembers());
            if (!v.supported()) {
                warnings.add(v.reason());
            }
        }
        if (r.droppedMembers() + r.droppedNonMembers() > 0) {
            warnings.add((r.droppedMembers() + r.droppedNonMembers()) + " examples had no defined score and were left out");
        }
        return new MembershipMetrics(attack, estimate(r.auc()), estimate(r.tprAt1PctFpr()), estimate(r.tprAt01PctFpr()),
                r.advantage().point(), r.members(), r.nonMembers(), warnings, roc(r.roc()));
    }

    private static RocPoints roc(List<RocCurve.Point> points) {
        List<Double> fpr = new ArrayList<>(points.size());
        List<Double> tpr = new ArrayList<>(points.size());
        for (RocCurve.Point p : points) {
            fpr.add(p.fpr());
            tpr.add(p.tpr());
        }
        return new RocPoints(fpr, tpr);
    }

    static Estimate estimate(Interval i) {
        return new Estimate(i.point(), i.lower(), i.upper(), i.confidence());
    }
}
