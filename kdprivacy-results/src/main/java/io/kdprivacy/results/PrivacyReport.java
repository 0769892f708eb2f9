package io.kdprivacy.results;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one privacy test invocation: what was measured on the teacher, the student and the
 * reference student, whether the evaluation set is valid, and the assertions made. Contains numbers,
 * names and hashes only — never member text or canary secrets.
 *
 * @param schemaVersion {@link ResultsJson#SCHEMA_VERSION} when written by this library
 * @param testId        unique id of the test invocation
 * @param technique     KD technique display name, e.g. {@code GKD}
 * @param provenance    versions, seed, hashes
 * @param validity      evaluation-set validity
 * @param models           one report per model
 * @param inheritedLeakage per attack, the student's AUC minus the reference student's (empty if no reference)
 * @param assertions       the assertions made by the test
 * @param excerpts         most exposed member texts, only if the user opted in (empty by default)
 * @param notMeasured      measurements left out on purpose, each with its reason (e.g. inherited leakage of a
 *                         student checkpoint audited without a reference)
 */
public record PrivacyReport(int schemaVersion, String testId, String technique, Provenance provenance,
                            Validity validity, List<ModelReport> models, List<InheritedLeakage> inheritedLeakage,
                            List<AssertionRecord> assertions, List<Excerpt> excerpts, List<NotMeasured> notMeasured) {

    public PrivacyReport {
        if (testId == null || testId.isBlank()) {
            throw new IllegalArgumentException("testId must not be blank");
        }
        models = models == null ? List.of() : List.copyOf(models);
        inheritedLeakage = inheritedLeakage == null ? List.of() : List.copyOf(inheritedLeakage);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        excerpts = excerpts == null ? List.of() : List.copyOf(excerpts);
        notMeasured = notMeasured == null ? List.of() : List.copyOf(notMeasured);
    }

    /** A report with everything measured. */
    public PrivacyReport(int schemaVersion, String testId, String technique, Provenance provenance, Validity validity,
                         List<ModelReport> models, List<InheritedLeakage> inheritedLeakage,
                         List<AssertionRecord> assertions, List<Excerpt> excerpts) {
        this(schemaVersion, testId, technique, provenance, validity, models, inheritedLeakage, assertions, excerpts,
                List.of());
    }

    /** A report without excerpts (the default: no member text). */
    public PrivacyReport(int schemaVersion, String testId, String technique, Provenance provenance, Validity validity,
                         List<ModelReport> models, List<InheritedLeakage> inheritedLeakage,
                         List<AssertionRecord> assertions) {
        this(schemaVersion, testId, technique, provenance, validity, models, inheritedLeakage, assertions, List.of(),
                List.of());
    }

    /** The inherited leakage measured with {@code attack}, if present. */
    public Optional<InheritedLeakage> inheritedLeakage(String attack) {
        return inheritedLeakage.stream().filter(l -> l.attack().equals(attack)).findFirst();
    }

    /** This report with {@code more} assertions appended. */
    public PrivacyReport withAssertions(List<AssertionRecord> more) {
        List<AssertionRecord> all = new java.util.ArrayList<>(assertions);
        all.addAll(more);
        return new PrivacyReport(schemaVersion, testId, technique, provenance, validity, models, inheritedLeakage, all,
                excerpts, notMeasured);
    }

    /** This report without member excerpts (whatever the user opted in to). */
    public PrivacyReport withoutExcerpts() {
        return new PrivacyReport(schemaVersion, testId, technique, provenance, validity, models, inheritedLeakage,
                assertions, List.of(), notMeasured);
    }

    /** Why {@code metric} was not measured on the model with {@code role}, if it was left out on purpose. */
    public Optional<NotMeasured> notMeasured(String metric, String role) {
        return notMeasured.stream().filter(n -> n.metric().equals(metric) && n.model().equals(role)).findFirst();
    }

    /** The report of the model with {@code role}, if present. */
    public Optional<ModelReport> model(String role) {
        return models.stream().filter(m -> m.role().equals(role)).findFirst();
    }
}
