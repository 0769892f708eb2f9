package io.kdprivacy.maven.report;

import io.kdprivacy.maven.baseline.Comparison;
import io.kdprivacy.maven.baseline.MetricComparison;
import io.kdprivacy.maven.baseline.MetricComparison.Status;
import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.Outcome;
import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MemorizationMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Provenance;
import io.kdprivacy.results.Validity;
import io.kdprivacy.results.chart.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Assembles the release sign-off report: the techniques of each test side by side ({@link CrossTechniqueSection}),
 * a summary, then per test and technique the decisions, validity,
 * models, metrics with their intervals, inherited leakage, the per-block heatmap, ROC curves, the
 * comparison with the baseline and the provenance, and finally a sign-off block to fill in. It shows
 * numbers, names and hashes from the results, never any other text from the data.
 */
public final class SignoffReport {

    /**
     * What the report says about where it comes from.
     *
     * @param project       the Maven project, e.g. {@code group:artifact:version}
     * @param pluginVersion version of this plugin
     * @param generatedAt   ISO-8601 instant
     * @param gitCommit     commit hash or {@code unknown}
     * @param baselineFile  the baseline file, or null if there is none
     */
    public record Context(String project, String pluginVersion, String generatedAt, String gitCommit,
                          String baselineFile) {
    }

    private final ResultSet results;
    private final Comparison comparison;
    private final Context context;
    private final Document.Builder doc = new Document.Builder();

    private SignoffReport(ResultSet results, Comparison comparison, Context context) {
        this.results = results;
        this.comparison = comparison;
        this.context = context;
    }

    /**
     * The report of {@code results}, compared with the baseline in {@code comparison} (ignored when
     * {@link Context#baselineFile()} is null).
     */
    public static Document build(ResultSet results, Comparison comparison, Context context) {
        return new SignoffReport(results, comparison, context).document();
    }

    private Document document() {
        doc.paragraph("Project " + context.project() + ", git commit " + context.gitCommit() + ", generated "
                + context.generatedAt() + " by kdprivacy-maven-plugin " + context.pluginVersion() + ".");
        CrossTechniqueSection.add(doc, results.reports());
        summary();
        for (LoadedReport loaded : results.reports()) {
            test(loaded.report());
        }
        signOff();
        return doc.build("kdprivacy privacy sign-off");
    }

    private void summary() {
        doc.heading(2, "Summary");
        List<List<String>> rows = new ArrayList<>();
        int notPassed = 0;
        for (LoadedReport loaded : results.reports()) {
            PrivacyReport report = loaded.report();
            Map<String, Long> outcomes = report.assertions().stream()
                    .collect(Collectors.groupingBy(a -> String.valueOf(a.outcome()), TreeMap::new, Collectors.counting()));
            notPassed += report.assertions().size() - outcomes.getOrDefault(Outcome.PASSED.name(), 0L).intValue();
            rows.add(List.of(report.testId(), text(report.technique()), outcomes.isEmpty() ? "none"
                            : outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")),
                    report.validity() == null ? "not recorded" : report.validity().valid() ? "valid" : "NOT valid",
                    baselineSummary(comparison.of(report.testId(), report.technique()))));
        }
        doc.add(new Table(List.of("test", "technique", "decisions", "evaluation set", "against baseline"), rows));
        int regressed = comparison.with(Status.REGRESSED).size();
        int missing = comparison.with(Status.MISSING).size();
        doc.paragraph(notPassed == 0 && regressed == 0 && missing == 0
                ? "No decision failed" + (hasBaseline() ? " and no metric regressed beyond its tolerance." : ".")
                : notPassed + " decision(s) did not pass, " + regressed + " metric(s) regressed beyond tolerance, "
                + missing + " baseline value(s) have no result.");
        if (!hasBaseline()) {
            doc.paragraph("No baseline file: metrics were not compared with accepted values.");
        } else if (missing > 0) {
            doc.heading(3, "Baseline values without a result");
            doc.add(comparisonTable(comparison.with(Status.MISSING), true));
        }
    }

    private String baselineSummary(List<MetricComparison> rows) {
        if (!hasBaseline()) {
            return "no baseline";
        }
        Map<Status, Long> counts = rows.stream().collect(Collectors.groupingBy(MetricComparison::status,
                () -> new EnumMap<>(Status.class), Collectors.counting()));
        return counts.isEmpty() ? "nothing compared" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + label(e.getKey())).collect(Collectors.joining(", "));
    }

    private void test(PrivacyReport report) {
        doc.heading(2, report.testId() + (report.technique() == null ? "" : " (" + report.technique() + ")"));
        decisions(report);
        validity(report.validity());
        models(report);
        membership(report);
        memorization(report);
        canaries(report);
        utility(report);
        inheritedLeakage(report);
        notMeasured(report);
        heatmap(report);
        roc(report);
        baselineComparison(report);
        provenance(report.provenance());
    }

    private void decisions(PrivacyReport report) {
        doc.heading(3, "Decisions");
        if (report.assertions().isEmpty()) {
            doc.paragraph("No assertions recorded.");
            return;
        }
        doc.add(new Table(List.of("model", "metric", "attack", "comparison", "limit", "value", "decided on", "outcome"),
                report.assertions().stream().map((AssertionRecord a) -> List.of(text(a.model()), text(a.metric()),
                        text(a.attack()), text(a.comparison()), Numbers.format(a.limit()), Numbers.format(a.value()),
                        Numbers.format(a.decidedOn()), text(a.outcome()))).toList()));
    }

    private void validity(Validity validity) {
        if (recorded("Validity of the evaluation set", validity)) {
            itemTable(List.of(
                    List.of("verdict", validity.valid() ? "valid" : "NOT valid"),
                    List.of("blind-baseline AUC (near 0.5 when unbiased)", Numbers.interval(validity.blindBaselineAuc())),
                    List.of("non-members overlapping members", String.valueOf(validity.overlapping())),
                    List.of("split seed", String.valueOf(validity.splitSeed())),
                    List.of("reason", text(validity.reason()))), validity.splitHashes());
        }
    }

    private void models(PrivacyReport report) {
        doc.heading(3, "Models");
        doc.add(new Table(List.of("role", "family", "size", "parameters", "weights SHA-256"),
                report.models().stream().map(m -> List.of(text(m.role()), text(m.family()), text(m.size()),
                        String.valueOf(m.parameters()), text(m.weightsHash()))).toList()));
    }

    private void membership(PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ModelReport model : report.models()) {
            model.membership().forEach(m -> rows.add(List.of(text(model.role()), text(m.attack()), Numbers.interval(m.auc()),
                    Numbers.interval(m.tprAt1Pct()), Numbers.interval(m.tprAt01Pct()), Numbers.format(m.advantage()), String.valueOf(m.members()),
                    String.valueOf(m.nonMembers()), noteRefs(m.warnings(), notes))));
        }
        section("Membership inference", rows, "model", "attack", "AUC", "TPR at 1% FPR", "TPR at 0.1% FPR",
                "advantage", "members", "non-members", "sample-size warnings");
        for (int i = 0; i < notes.size(); i++) {
            doc.paragraph("[" + (i + 1) + "] " + notes.get(i));
        }
    }

    /** "[1] [2]" for {@code warnings}, each numbered once per table in {@code notes}; "-" if none. */
    private static String noteRefs(List<String> warnings, List<String> notes) {
        List<String> refs = new ArrayList<>();
        for (String w : warnings) {
            if (!notes.contains(w)) {
                notes.add(w);
            }
            refs.add("[" + (notes.indexOf(w) + 1) + "]");
        }
        return refs.isEmpty() ? "-" : String.join(" ", refs);
    }

    private void memorization(PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            MemorizationMetrics m = model.memorization();
            if (m != null) {
                rows.add(List.of(text(model.role()), Numbers.format(m.memberRate()), Numbers.format(m.nonMemberRate()),
                        Numbers.format(m.gap()), Numbers.interval(m.memberExtractable()), Numbers.interval(m.nonMemberExtractable()),
                        Numbers.format(m.memberRougeL()), String.valueOf(m.members()), String.valueOf(m.nonMembers())));
            }
        }
        section("Memorization", rows, "model", "member exact match", "non-member exact match", "gap",
                "member k-extractable", "non-member k-extractable", "member ROUGE-L", "members", "non-members");
    }

    private void canaries(PrivacyReport report) {
        List<List<String>> rows = report.models().stream().filter(m -> m.canaries() != null)
                .map(m -> List.of(text(m.role()), String.valueOf(m.canaries().count()),
                        Numbers.format(m.canaries().meanExposure()), Numbers.format(m.canaries().maxExposure()),
                        Numbers.format(m.canaries().meanExtrapolatedExposure()),
                        Numbers.interval(m.canaries().extraction())))
                .toList();
        section("Canaries", rows, "model", "planted", "mean exposure (bits)", "max exposure (bits)",
                "mean extrapolated exposure (bits)", "extraction rate");
    }

    /** Task quality beside privacy, numbers only (generated responses are never in the results). */
    private void utility(PrivacyReport report) {
        List<List<String>> rows = report.models().stream().filter(m -> m.utility() != null)
                .map(m -> List.of(text(m.role()), Numbers.interval(m.utility().rougeL()),
                        Numbers.format(m.utility().perplexity()), Numbers.format(m.utility().holdoutNll()),
                        String.valueOf(m.utility().examples()), String.valueOf(m.utility().maxNewTokens())))
                .toList();
        section("Utility on the held-out examples", rows, "model", "ROUGE-L of greedy responses", "perplexity",
                "NLL per token", "examples", "max new tokens");
    }

    private void inheritedLeakage(PrivacyReport report) {
        List<List<String>> rows = report.inheritedLeakage().stream().map((InheritedLeakage l) -> List.of(
                l.attack(), l.model(), l.reference(), Numbers.interval(l.aucDifference()), reading(l.aucDifference()))).toList();
        section("Inherited leakage (AUC of the model minus AUC of its reference)", rows, "attack", "model",
                "reference", "AUC difference", "reading");
    }

    private void notMeasured(PrivacyReport report) {
        List<List<String>> rows = report.notMeasured().stream()
                .map(n -> List.of(text(n.metric()) + (n.attack() == null ? "" : " (" + n.attack() + ")"), text(n.model()),
                        text(n.reason()))).toList();
        section("Not measured", rows, "metric", "model", "why");
    }

    private static String reading(Estimate difference) {
        return difference.lower() > 0 ? "leaks more than the reference"
                : difference.upper() < 0 ? "leaks less than the reference"
                : "not distinguishable from the reference";
    }

    private void heatmap(PrivacyReport report) {
        Figures.heatmap(report.models()).ifPresent(figure -> doc.heading(3, "Per-block risk").add(figure));
    }

    private void roc(PrivacyReport report) {
        List<Figure> figures = report.models().stream().flatMap(m -> Figures.roc(m).stream()).toList();
        if (!figures.isEmpty()) {
            doc.heading(3, "ROC curves (log-log)");
            figures.forEach(doc::add);
        }
    }

    private void baselineComparison(PrivacyReport report) {
        if (hasBaseline()) {
            doc.heading(3, "Comparison with the baseline");
            doc.add(comparisonTable(comparison.of(report.testId(), report.technique()), false));
        }
    }

    private static Table comparisonTable(List<MetricComparison> rows, boolean withTest) {
        List<String> header = new ArrayList<>(withTest ? List.of("test", "technique") : List.of());
        header.addAll(List.of("model", "metric", "attack", "baseline", "current", "change", "tolerance", "status"));
        return new Table(header, rows.stream().map(r -> {
            List<String> row = new ArrayList<>(withTest ? List.of(r.key().test(), text(r.key().technique())) : List.of());
            Double change = r.baseline() == null || r.current() == null ? null : r.current() - r.baseline();
            row.addAll(List.of(r.key().model(), r.key().metric(), text(r.key().attack()), Numbers.format(r.baseline()),
                    Numbers.format(r.current()), Numbers.delta(change), Numbers.format(r.allowed()), label(r.status())));
            return (List<String>) row;
        }).toList());
    }

    private static String label(Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void provenance(Provenance provenance) {
        if (recorded("Provenance", provenance)) {
            itemTable(List.of(
                    List.of("kdprivacy version", text(provenance.kdprivacyVersion())),
                    List.of("engine", text(provenance.engine())),
                    List.of("seed", String.valueOf(provenance.seed())),
                    List.of("results written", text(provenance.createdAt()))), provenance.hashes());
        }
    }

    /** A heading, followed by "Not recorded." when {@code value} is null; true when it is not. */
    private boolean recorded(String title, Object value) {
        doc.heading(3, title);
        if (value == null) {
            doc.paragraph("Not recorded.");
        }
        return value != null;
    }

    /** An item / value table of {@code rows} followed by one row per hash, in name order. */
    private void itemTable(List<List<String>> rows, Map<String, String> hashes) {
        List<List<String>> all = new ArrayList<>(rows);
        new TreeMap<>(hashes).forEach((name, hash) -> all.add(List.of("SHA-256 of " + name, text(hash))));
        doc.add(new Table(List.of("item", "value"), all));
    }

    private void signOff() {
        doc.heading(2, "Sign-off");
        doc.paragraph("Decision: release approved / release rejected (strike out one). Each reviewer fills in a line.");
        List<String> blank = List.of("", "", "", "", "");
        doc.add(new Table(List.of("name", "role", "date", "decision", "signature"), List.of(blank, blank, blank), true));
    }

    /** A heading and a table, or nothing when there are no rows. */
    private void section(String title, List<List<String>> rows, String... header) {
        if (!rows.isEmpty()) {
            doc.heading(3, title);
            doc.add(new Table(Arrays.asList(header), rows));
        }
    }

    private boolean hasBaseline() {
        return context.baselineFile() != null;
    }

    private static String text(String value) {
        return value == null ? "-" : value;
    }
}
