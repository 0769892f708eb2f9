package io.kdprivacy.results.chart;

import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.MemorizationMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.ModelRole;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.TrainingBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The techniques of one privacy test side by side (the paper's cross-technique comparison): one row per
 * technique's student, then the no-KD reference and the teacher as anchors; the membership attacks measured;
 * the techniques ranked by membership (strongest-attack AUC) and by memorization (member positional-match
 * rate), and how far the two rankings agree (Spearman's ρ). Numbers and names only.
 */
public final class CrossTechnique {

    /** What a row is. */
    public enum Kind {
        /** A distilled student, labelled with its technique. */
        STUDENT,
        /** The no-KD reference student. */
        REFERENCE,
        /** The teacher. */
        TEACHER
    }

    /**
     * One model of the comparison.
     *
     * @param label what the row is called, e.g. {@code GKD} or {@code teacher}
     * @param kind  what it is
     * @param model its measurements
     */
    public record Row(String label, Kind kind, ModelReport model) {
    }

    /** A student in one ranking: its label and the value it is ranked by (the strongest attack or the memorization). */
    private record Ranked(Row row, double value) {
    }

    private static final Map<String, String> ATTACK_LABELS = Map.of("LOSS", "loss", "ZLIB", "zlib",
            "MIN_K", "Min-K%", "MIN_K_PLUS_PLUS", "Min-K%++", "REFERENCE", "reference-calibrated", "MOPE", "MoPe");

    private final List<Row> rows;
    private final List<String> attacks;

    private CrossTechnique(List<Row> rows) {
        this.rows = List.copyOf(rows);
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> r.model().membership().forEach(m -> seen.add(m.attack())));
        this.attacks = List.copyOf(seen);
    }

    /**
     * The comparison of {@code reports}, each one technique's invocation of the same test: their students in
     * that order, then the reference and the teacher of the first report that has one.
     */
    public static CrossTechnique of(List<PrivacyReport> reports) {
        List<Row> rows = new ArrayList<>();
        for (PrivacyReport report : reports) {
            report.model(ModelRole.STUDENT.id()).ifPresent(m -> rows.add(new Row(
                    report.technique() == null ? report.testId() : report.technique(), Kind.STUDENT, m)));
        }
        reports.stream().flatMap(r -> r.model(ModelRole.REFERENCE.id()).stream()).findFirst()
                .ifPresent(m -> rows.add(new Row("no-KD reference", Kind.REFERENCE, m)));
        reports.stream().flatMap(r -> r.model(ModelRole.TEACHER.id()).stream()).findFirst()
                .ifPresent(m -> rows.add(new Row("teacher", Kind.TEACHER, m)));
        return new CrossTechnique(rows);
    }

    /** Every row: the students, then the reference and the teacher where present. */
    public List<Row> rows() {
        return rows;
    }

    /** The students' rows. */
    public List<Row> students() {
        return rows.stream().filter(r -> r.kind() == Kind.STUDENT).toList();
    }

    /** The attacks any row measured, in the order first seen. */
    public List<String> attacks() {
        return attacks;
    }

    /** A reader's name for an attack id, e.g. {@code Min-K%++} for {@code MIN_K_PLUS_PLUS}; unknown ids as they are. */
    public static String attackLabel(String attack) {
        return ATTACK_LABELS.getOrDefault(attack, attack);
    }

    /** The AUC of {@code attack} on {@code model}, if measured and finite. */
    public static OptionalDouble auc(ModelReport model, String attack) {
        return model.membership().stream().filter(m -> m.attack().equals(attack) && m.auc() != null
                        && Double.isFinite(m.auc().value()))
                .mapToDouble(m -> m.auc().value()).findFirst();
    }

    /** The attack with the highest AUC on {@code model} (the first of equals), if any was measured. */
    public static Optional<MembershipMetrics> strongest(ModelReport model) {
        MembershipMetrics best = null;
        for (MembershipMetrics m : model.membership()) {
            if (m.auc() != null && Double.isFinite(m.auc().value())
                    && (best == null || m.auc().value() > best.auc().value())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Spearman's ρ between the two rankings, over the students that have both measures; NaN if undefined. */
    public double spearman() {
        List<Row> both = students().stream()
                .filter(r -> strongest(r.model()).isPresent() && memberRate(r.model()).isPresent()).toList();
        double[] membership = both.stream().mapToDouble(r -> strongest(r.model()).orElseThrow().auc().value()).toArray();
        double[] memorization = both.stream().mapToDouble(r -> memberRate(r.model()).orElseThrow()).toArray();
        return Spearman.rho(membership, memorization);
    }

    /** How many students the rank correlation is computed over. */
    public int rankedTogether() {
        return (int) students().stream()
                .filter(r -> strongest(r.model()).isPresent() && memberRate(r.model()).isPresent()).count();
    }

    /** The header of {@link #rankingRows()}. */
    public static List<String> rankingHeader() {
        return List.of("rank", "by membership", "strongest-attack AUC", "by memorization", "member match rate",
                "gap (members - non-members)");
    }

    /**
     * The two rankings side by side, riskiest first: rank, technique by strongest-attack membership AUC (with
     * the attack and interval), technique by member positional-match rate (with the gap); {@code -} where a
     * ranking is shorter.
     */
    public List<List<String>> rankingRows() {
        List<Ranked> byMembership = ranked(students().stream().flatMap(r -> strongest(r.model())
                .map(m -> new Ranked(r, m.auc().value())).stream()).toList());
        List<Ranked> byMemorization = ranked(students().stream().flatMap(r -> memberRate(r.model())
                .stream().mapToObj(v -> new Ranked(r, v))).toList());
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < Math.max(byMembership.size(), byMemorization.size()); i++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1)));
            if (i < byMembership.size()) {
                MembershipMetrics m = strongest(byMembership.get(i).row().model()).orElseThrow();
                row.add(byMembership.get(i).row().label());
                row.add(Numbers.interval(m.auc()) + ", " + attackLabel(m.attack()));
            } else {
                row.addAll(List.of("-", "-"));
            }
            if (i < byMemorization.size()) {
                MemorizationMetrics m = byMemorization.get(i).row().model().memorization();
                row.add(byMemorization.get(i).row().label());
                row.add(Numbers.format(m.memberRate()));
                row.add(Numbers.delta(m.gap()));
            } else {
                row.addAll(List.of("-", "-", "-"));
            }
            out.add(row);
        }
        return out;
    }

    /** One sentence on the agreement of the two rankings, e.g. {@code Spearman's rank correlation ... : -0.5 (4 techniques) ...}. */
    public String agreement() {
        double rho = spearman();
        int n = rankedTogether();
        if (Double.isNaN(rho)) {
            return "Spearman's rank correlation between the two rankings: not defined (" + n
                    + " technique(s) with both measures, or one measure equal for all).";
        }
        String reading = rho >= 0.7 ? "the two kinds of risk rank the techniques alike"
                : "membership and memorization rank the techniques differently: gate and review them separately";
        return "Spearman's rank correlation between the two rankings (ties share their average rank): "
                + Numbers.format(rho) + " over " + n + " techniques; " + reading + ".";
    }

    /** The header of {@link #budgetRows()}. */
    public static List<String> budgetHeader() {
        return List.of("model", "optimizer steps", "sequences", "response tokens");
    }

    /** The training budget of each row that records one (students, then the reference). */
    public List<List<String>> budgetRows() {
        return rows.stream().filter(r -> r.model().training() != null).map(r -> {
            TrainingBudget b = r.model().training();
            return List.of(r.label(), String.valueOf(b.optimizerSteps()), String.valueOf(b.sequences()),
                    String.valueOf(b.responseTokens()));
        }).toList();
    }

    /** The budget rules of the rows that record a budget, each once, joined by {@code ; }; empty if none. */
    public String budgetRules() {
        Set<String> rules = new LinkedHashSet<>();
        rows.stream().filter(r -> r.model().training() != null && r.model().training().rule() != null)
                .forEach(r -> rules.add(r.model().training().rule()));
        return String.join("; ", rules);
    }

    private static OptionalDouble memberRate(ModelReport model) {
        MemorizationMetrics m = model.memorization();
        return m == null || !Double.isFinite(m.memberRate()) ? OptionalDouble.empty() : OptionalDouble.of(m.memberRate());
    }

    private static List<Ranked> ranked(List<Ranked> rows) {
        return rows.stream().sorted(Comparator.comparingDouble(Ranked::value).reversed()
                .thenComparing(r -> r.row().label())).toList();
    }
}
