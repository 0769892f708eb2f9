package io.kdprivacy.assertj;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import org.assertj.core.api.AbstractAssert;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Assertions on a {@link PrivacyReport}, about one model at a time: the student unless
 * {@link #teacher()}, {@link #reference()} or {@link #model(String)} says otherwise. Navigation methods
 * return asserts for one kind of metric, each ending in a {@link MetricAssert}.
 */
public final class PrivacyReportAssert extends AbstractAssert<PrivacyReportAssert, PrivacyReport> {

    private final String role;
    private final FailureSink sink;

    PrivacyReportAssert(PrivacyReport report, String role, FailureSink sink) {
        super(report, PrivacyReportAssert.class);
        this.role = role;
        this.sink = sink;
    }

    /** Assertions about the distilled student (the default). */
    public PrivacyReportAssert student() {
        return model("student");
    }

    /** Assertions about the teacher. */
    public PrivacyReportAssert teacher() {
        return model("teacher");
    }

    /** Assertions about the reference student. */
    public PrivacyReportAssert reference() {
        return model("reference");
    }

    /** Assertions about the model with {@code role}. */
    public PrivacyReportAssert model(String role) {
        isNotNull();
        if (actual.model(role).isEmpty()) {
            failWithMessage("[%s] the report has no model '%s'; it has %s", actual.technique(), role,
                    actual.models().stream().map(ModelReport::role).toList());
        }
        return new PrivacyReportAssert(actual, role, sink);
    }

    /** The evaluation set must be valid (blind baseline near chance, no member/non-member overlap). */
    public PrivacyReportAssert hasValidEvaluationSet() {
        isNotNull();
        if (actual.validity() != null && !actual.validity().valid()) {
            sink.fail(new AssertionError("[" + actual.technique() + "] evaluation set is invalid: "
                    + actual.validity().reason()));
        }
        return this;
    }

    /** Membership risk by the strongest attack measured (highest AUC): the worst case an auditor faces. */
    public MembershipAssert membership() {
        List<MembershipMetrics> all = modelReport().membership();
        if (all.isEmpty()) {
            failWithMessage("[%s] no membership attack was run on the %s", actual.technique(), role);
        }
        return membership(all.stream().max(Comparator.comparingDouble(m -> m.auc().value())).orElseThrow());
    }

    /** Membership risk by one attack. */
    public MembershipAssert membership(Attack attack) {
        return membership(attack.name());
    }

    /** Membership risk by the attack named {@code attack} (e.g. {@code MOPE}). */
    public MembershipAssert membership(String attack) {
        return membership(modelReport().membership().stream().filter(m -> m.attack().equals(attack)).findFirst()
                .orElseThrow(() -> new AssertionError(String.format("[%s] attack %s was not run on the %s; measured: %s",
                        actual.technique(), attack, role,
                        modelReport().membership().stream().map(MembershipMetrics::attack).toList()))));
    }

    private MembershipAssert membership(MembershipMetrics m) {
        return new MembershipAssert(m, actual.technique(), role, sink);
    }

    /** Memorization measured by greedy completion of member prompts. */
    public MemorizationAssert memorization() {
        ModelReport model = modelReport();
        if (model.memorization() == null) {
            failWithMessage("[%s] the memorization probe was not run on the %s", actual.technique(), role);
        }
        return new MemorizationAssert(model.memorization(), actual.technique(), role, sink);
    }

    /** Exposure and extraction of the planted canaries. */
    public CanaryAssert canaries() {
        ModelReport model = modelReport();
        if (model.canaries() == null) {
            failWithMessage("[%s] no canaries were planted (or measured on the %s)", actual.technique(), role);
        }
        return new CanaryAssert(model.canaries(), actual.technique(), role, sink);
    }

    /** The most exposed transformer block: its block-restricted MoPe AUC. */
    public MetricAssert blocks() {
        ModelReport model = modelReport();
        BlockMetrics worst = model.blocks().stream().max(Comparator.comparingDouble(b -> b.auc().value()))
                .orElseThrow(() -> new AssertionError("[" + actual.technique() + "] per-block risk was not measured on the "
                        + role));
        int n = model.membership().isEmpty() ? 0 : model.membership().get(0).members() + model.membership().get(0).nonMembers();
        return new MetricAssert(new Metric("blocks.auc", "block " + worst.block() + " MoPe AUC (most exposed of "
                + model.blocks().size() + ")", actual.technique(), role, "MOPE", worst.auc(), n, n + " examples", 0, 1), sink);
    }

    /** Inherited leakage by the attack where the student exceeds its reference most. */
    public MetricAssert inheritedLeakage() {
        InheritedLeakage worst = leakages().stream().max(Comparator.comparingDouble(l -> l.aucDifference().value()))
                .orElseThrow(() -> new AssertionError("[" + actual.technique() + "] no inherited leakage in the report "
                        + actual.notMeasured("inheritedLeakage", role).map(n -> "(not measured: " + n.reason() + ")")
                                .orElse("(it needs a reference student)")));
        return leakage(worst);
    }

    /** Inherited leakage (student AUC − reference AUC) by one attack. */
    public MetricAssert inheritedLeakage(String attack) {
        return leakage(leakages().stream().filter(l -> l.attack().equals(attack)).findFirst()
                .orElseThrow(() -> new AssertionError("[" + actual.technique() + "] no inherited leakage for " + attack)));
    }

    private List<InheritedLeakage> leakages() {
        isNotNull();
        return actual.inheritedLeakage().stream().filter(l -> l.model().equals(role)).toList();
    }

    private MetricAssert leakage(InheritedLeakage l) {
        MembershipMetrics m = modelReport().membership().stream().filter(x -> x.attack().equals(l.attack())).findFirst()
                .orElse(null);
        int n = m == null ? 0 : m.members() + m.nonMembers();
        String sample = m == null ? null : String.format(Locale.ROOT, "%d members / %d non-members, paired",
                m.members(), m.nonMembers());
        return new MetricAssert(new Metric("inheritedLeakage.auc", "inherited leakage (AUC − " + l.reference() + " AUC)",
                actual.technique(), role, l.attack(), l.aucDifference(), n, sample, -1, 1), sink);
    }

    private ModelReport modelReport() {
        isNotNull();
        return actual.model(role).orElseThrow(() -> new AssertionError(
                "[" + actual.technique() + "] the report has no model '" + role + "'"));
    }

    static Estimate exact(double value) {
        return new Estimate(value, value, value, 0.95);
    }
}
