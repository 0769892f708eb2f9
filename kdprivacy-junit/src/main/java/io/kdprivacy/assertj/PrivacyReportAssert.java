package io.kdprivacy.assertj;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.ModelRole;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Assertions on a {@link PrivacyReport}, about one model at a time: the student unless
 * {@link #teacher()}, {@link #reference()} or {@link #model(String)} says otherwise. Navigation methods
 * return asserts for one kind of metric, each ending in a {@link MetricAssert}; they carry this assert's
 * {@code as(...)} description and overriding message down the chain.
 *
 * <p>A navigation step that finds nothing (a model, attack or probe the report lacks) fails like any assertion:
 * at once, or — in {@link PrivacySoftAssertions} — collected, after which the rest of that chain does nothing,
 * so neither an earlier nor a later failure is lost.
 */
public final class PrivacyReportAssert extends PrivacyAbstractAssert<PrivacyReportAssert, PrivacyReport> {

    private final String role;
    /** A soft navigation step before this one failed: every further step is skipped. */
    private final boolean skipped;

    PrivacyReportAssert(PrivacyReport report, String role, FailureSink sink) {
        this(report, role, sink, false);
    }

    private PrivacyReportAssert(PrivacyReport report, String role, FailureSink sink, boolean skipped) {
        super(report, PrivacyReportAssert.class, sink);
        this.role = role;
        this.skipped = skipped;
    }

    /** Assertions about the distilled student (the default). */
    public PrivacyReportAssert student() {
        return model(ModelRole.STUDENT.id());
    }

    /** Assertions about the teacher. */
    public PrivacyReportAssert teacher() {
        return model(ModelRole.TEACHER.id());
    }

    /** Assertions about the reference student. */
    public PrivacyReportAssert reference() {
        return model(ModelRole.REFERENCE.id());
    }

    /** Assertions about the model with {@code role}. */
    public PrivacyReportAssert model(String role) {
        boolean found = !skipped && present() && has(role);
        return inherit(new PrivacyReportAssert(actual, role, sink, !found));
    }

    private boolean has(String role) {
        if (actual.model(role).isPresent()) {
            return true;
        }
        fail(String.format("[%s] the report has no model '%s'; it has %s", actual.technique(), role,
                actual.models().stream().map(ModelReport::role).toList()));
        return false;
    }

    /** The evaluation set must be valid (blind baseline near chance, no member/non-member overlap). */
    public PrivacyReportAssert hasValidEvaluationSet() {
        if (!skipped && present() && actual.validity() != null && !actual.validity().valid()) {
            fail("[" + actual.technique() + "] evaluation set is invalid: " + actual.validity().reason());
        }
        return this;
    }

    /** Membership risk by the strongest attack measured (highest AUC): the worst case an auditor faces. */
    public MembershipAssert membership() {
        Optional<ModelReport> model = modelReport();
        Optional<MembershipMetrics> strongest = model.flatMap(m -> m.membership().stream()
                .max(Comparator.comparingDouble(x -> x.auc().value())));
        if (model.isPresent() && strongest.isEmpty()) {
            fail(String.format("[%s] no membership attack was run on the %s", actual.technique(), role));
        }
        return membership(strongest.orElse(null));
    }

    /** Membership risk by one attack. */
    public MembershipAssert membership(Attack attack) {
        return membership(attack.name());
    }

    /** Membership risk by the attack named {@code attack} (e.g. {@code MOPE}). */
    public MembershipAssert membership(String attack) {
        Optional<ModelReport> model = modelReport();
        Optional<MembershipMetrics> metrics = model.flatMap(m -> m.membership().stream()
                .filter(x -> x.attack().equals(attack)).findFirst());
        if (model.isPresent() && metrics.isEmpty()) {
            fail(String.format("[%s] attack %s was not run on the %s; measured: %s", actual.technique(), attack, role,
                    model.get().membership().stream().map(MembershipMetrics::attack).toList()));
        }
        return membership(metrics.orElse(null));
    }

    private MembershipAssert membership(MembershipMetrics m) {
        return inherit(new MembershipAssert(m, technique(), role, sink));
    }

    /** Memorization measured by greedy completion of member prompts. */
    public MemorizationAssert memorization() {
        Optional<ModelReport> model = modelReport();
        if (model.isPresent() && model.get().memorization() == null) {
            fail(String.format("[%s] the memorization probe was not run on the %s", actual.technique(), role));
        }
        return inherit(new MemorizationAssert(model.map(ModelReport::memorization).orElse(null), technique(), role,
                sink));
    }

    /** Exposure and extraction of the planted canaries. */
    public CanaryAssert canaries() {
        Optional<ModelReport> model = modelReport();
        if (model.isPresent() && model.get().canaries() == null) {
            fail(String.format("[%s] no canaries were planted (or measured on the %s)", actual.technique(), role));
        }
        return inherit(new CanaryAssert(model.map(ModelReport::canaries).orElse(null), technique(), role, sink));
    }

    /** Task quality on the held-out examples: ROUGE-L of greedy responses, perplexity, holdout NLL. */
    public UtilityAssert utility() {
        Optional<ModelReport> model = modelReport();
        if (model.isPresent() && model.get().utility() == null) {
            fail(String.format("[%s] utility was not measured on the %s (it needs @Audit(utility = true), the "
                    + "default, and results from a kdprivacy that reports it)", actual.technique(), role));
        }
        return inherit(new UtilityAssert(model.map(ModelReport::utility).orElse(null), technique(), role, sink));
    }

    /** The most exposed transformer block: its block-restricted MoPe AUC. */
    public MetricAssert blocks() {
        Optional<ModelReport> found = modelReport();
        if (found.isEmpty()) {
            return MetricAssert.skipped(sink);
        }
        ModelReport model = found.get();
        Optional<BlockMetrics> worst = model.blocks().stream().max(Comparator.comparingDouble(b -> b.auc().value()));
        if (worst.isEmpty()) {
            fail("[" + actual.technique() + "] per-block risk was not measured on the " + role);
            return MetricAssert.skipped(sink);
        }
        int n = model.membership().isEmpty() ? 0 : model.membership().get(0).members() + model.membership().get(0).nonMembers();
        return inherit(new MetricAssert(new Metric(MetricId.BLOCKS_AUC.id(), "block " + worst.get().block()
                + " MoPe AUC (most exposed of " + model.blocks().size() + ")", actual.technique(), role, io.kdprivacy.audit.PrivacyAudit.MOPE,
                worst.get().auc(), n, n + " examples", 0, 1), sink));
    }

    /** Inherited leakage by the attack where the student exceeds its reference most. */
    public MetricAssert inheritedLeakage() {
        if (modelReport().isEmpty()) {
            return MetricAssert.skipped(sink);
        }
        Optional<InheritedLeakage> worst = leakages().stream().max(Comparator.comparingDouble(l -> l.aucDifference().value()));
        if (worst.isEmpty()) {
            fail("[" + actual.technique() + "] no inherited leakage in the report "
                    + actual.notMeasured(MetricId.INHERITED_LEAKAGE_AUC.id(), role).map(n -> "(not measured: " + n.reason() + ")")
                            .orElse("(it needs a reference student)"));
            return MetricAssert.skipped(sink);
        }
        return leakage(worst.get());
    }

    /** Inherited leakage (student AUC − reference AUC) by one attack. */
    public MetricAssert inheritedLeakage(String attack) {
        if (modelReport().isEmpty()) {
            return MetricAssert.skipped(sink);
        }
        Optional<InheritedLeakage> found = leakages().stream().filter(l -> l.attack().equals(attack)).findFirst();
        if (found.isEmpty()) {
            fail("[" + actual.technique() + "] no inherited leakage for " + attack);
            return MetricAssert.skipped(sink);
        }
        return leakage(found.get());
    }

    private List<InheritedLeakage> leakages() {
        return actual.inheritedLeakage().stream().filter(l -> l.model().equals(role)).toList();
    }

    private MetricAssert leakage(InheritedLeakage l) {
        MembershipMetrics m = actual.model(role).orElseThrow().membership().stream()
                .filter(x -> x.attack().equals(l.attack())).findFirst().orElse(null);
        int n = m == null ? 0 : m.members() + m.nonMembers();
        String sample = m == null ? null : String.format(Locale.ROOT, "%d members / %d non-members, paired",
                m.members(), m.nonMembers());
        return inherit(new MetricAssert(new Metric(MetricId.INHERITED_LEAKAGE_AUC.id(), "inherited leakage (AUC − "
                + l.reference() + " AUC)", actual.technique(), role, l.attack(), l.aucDifference(), n, sample, -1, 1),
                sink));
    }

    /**
     * The report of this assert's model; empty when an earlier soft step failed or this one just failed (and
     * was reported).
     */
    private Optional<ModelReport> modelReport() {
        if (skipped || !present()) {
            return Optional.empty();
        }
        return has(role) ? actual.model(role) : Optional.empty();
    }

    /** Whether there is a report; a null one is reported as a failure. */
    private boolean present() {
        if (actual == null) {
            fail("expected a privacy report but it was null");
            return false;
        }
        return true;
    }

    private String technique() {
        return actual == null ? null : actual.technique();
    }

    static Estimate exact(double value) {
        return new Estimate(value, value, value, 0.95);
    }
}
