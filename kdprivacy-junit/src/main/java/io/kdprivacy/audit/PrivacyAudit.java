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
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.CanaryMetrics;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.MemorizationMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.Validity;
import io.kdprivacy.data.SplitManifest;
import io.kdprivacy.stats.Interval;
import io.kdprivacy.stats.SampleSize;
import io.kdprivacy.validity.BlindBaseline;

import java.util.ArrayList;
import java.util.List;

/**
 * Audits models against one evaluation set and turns what it measures into the report records of
 * {@code kdprivacy-results}. Per model: <b>one</b> scoring pass per dataset feeds every score-based
 * attack; MoPe adds its M perturbed passes (and M per block for per-block risk); the memorization
 * probe adds one greedy generation pass. The reference model is scored once and reused.
 */
public final class PrivacyAudit {

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

    /**
     * Audits one model.
     *
     * @param role      {@code teacher}, {@code student} or {@code reference}
     * @param size      size name for the report
     * @param reference the reference model's scores for the REFERENCE attack, or null
     * @param canaries  canary results measured on this model, or null
     */
    public ModelReport audit(String role, String size, CausalLm model, EvaluationSet data, Scores reference,
                             CanaryExposureResult canaries) {
        Scores scores = score(model, data);
        List<MembershipMetrics> membership = new ArrayList<>();
        for (Attack attack : Attack.values()) {
            if (!settings.attacks().contains(attack) || (attack.needsReference() && reference == null)) {
                continue;
            }
            boolean withReference = attack.needsReference();
            double[] m = attack.scores(scores.members(), withReference ? reference.members() : null,
                    settings.mode(), settings.minK());
            double[] n = attack.scores(scores.nonMembers(), withReference ? reference.nonMembers() : null,
                    settings.mode(), settings.minK());
            membership.add(metrics(attack.name(), evaluator.evaluate(m, n)));
        }
        List<BlockMetrics> blocks = new ArrayList<>();
        if (settings.mopePerturbations() > 0) {
            Mope mope = new Mope(settings.mopePerturbations(), "teacher".equals(role) ? settings.teacherSigma()
                    : settings.studentSigma(), settings.seed(), settings.batchSize(), settings.maxLength());
            membership.add(metrics("MOPE", evaluator.evaluate(mope.scores(model, data.memberIds()),
                    mope.scores(model, data.nonMemberIds()))));
            if (settings.perBlock()) {
                List<AttackResult> perBlock = mope.blockwise(model, data.memberIds(), data.nonMemberIds(), evaluator);
                for (int b = 0; b < perBlock.size(); b++) {
                    blocks.add(new BlockMetrics(b, estimate(perBlock.get(b).auc())));
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
                canaries.meanExposure(), canaries.maxExposure(), estimate(canaries.extraction()));
        return new ModelReport(role, model.config().family().name(), size, model.parameterCount(), model.weightsHash(),
                membership, memorization, canaryMetrics, blocks);
    }

    /** The validity of the evaluation set: blind baseline plus the split's record. */
    public Validity validity(EvaluationSet data, SplitManifest manifest) {
        BlindBaseline.Verdict verdict = new BlindBaseline(settings.seed()).evaluate(data.members(), data.nonMembers());
        return new Validity(verdict.valid(), estimate(verdict.auc()), 0, manifest.seed(), manifest.hashes(),
                verdict.reason());
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
                r.advantage().point(), r.members(), r.nonMembers(), warnings);
    }

    static Estimate estimate(Interval i) {
        return new Estimate(i.point(), i.lower(), i.upper(), i.confidence());
    }
}
