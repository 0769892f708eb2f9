package io.kdprivacy.maven.metrics;

import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsFormatException;
import io.kdprivacy.results.ResultsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The privacy reports of one build and the point value of every compared metric in them.
 * Non-finite values are left out (they count as not measured).
 */
public final class ResultSet {

    private final List<LoadedReport> reports;
    private final Map<MetricKey, Double> values = new TreeMap<>();

    private ResultSet(List<LoadedReport> reports) {
        this.reports = reports.stream()
                .sorted(Comparator.comparing((LoadedReport r) -> r.report().testId())
                        .thenComparing(r -> String.valueOf(r.report().technique())))
                .toList();
        Map<String, Path> seen = new TreeMap<>();
        for (LoadedReport loaded : this.reports) {
            PrivacyReport report = loaded.report();
            Path earlier = seen.put(report.testId() + "\u0000" + report.technique(), loaded.file());
            if (earlier != null) {
                throw new ResultsFormatException(loaded.file(), "holds results of test " + report.testId()
                        + " (" + report.technique() + ") already read from " + earlier, null);
            }
            extract(loaded);
        }
    }

    /** A result set of reports already in memory. */
    public static ResultSet of(List<LoadedReport> reports) {
        return new ResultSet(reports);
    }

    /**
     * Reads every {@code *.json} file directly in {@code dir}; a missing directory gives an empty set.
     *
     * @throws ResultsFormatException naming the file that is malformed, of another schema version, or
     *                                that repeats a test already read
     * @throws UncheckedIOException   if the directory cannot be listed
     */
    public static ResultSet read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new ResultSet(List.of());
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return new ResultSet(entries.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(file -> new LoadedReport(file, ResultsJson.read(file)))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list kdprivacy results in " + dir, e);
        }
    }

    /** The reports, ordered by test id and technique. */
    public List<LoadedReport> reports() {
        return reports;
    }

    /** True when there are no reports. */
    public boolean isEmpty() {
        return reports.isEmpty();
    }

    /** Every compared point value, ordered by key. */
    public Map<MetricKey, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Every baselined metric the report measured, per model (and attack where the metric has one). */
    private void extract(LoadedReport loaded) {
        PrivacyReport report = loaded.report();
        for (ModelReport model : report.models()) {
            if (model.role() == null) {
                throw new ResultsFormatException(loaded.file(), "a model report has no role", null);
            }
            for (MetricId metric : MetricId.values()) {
                if (!metric.baselined() || metric == MetricId.INHERITED_LEAKAGE_AUC) {
                    continue;
                }
                List<String> attacks = metric.perAttack()
                        ? model.membership().stream().map(MembershipMetrics::attack).toList()
                        : java.util.Collections.singletonList(null);
                for (String attack : attacks) {
                    metric.valueIn(report, model.role(), attack).ifPresent(v -> put(loaded, model.role(), metric, attack, v));
                }
            }
        }
        for (InheritedLeakage leakage : report.inheritedLeakage()) {
            MetricId.INHERITED_LEAKAGE_AUC.valueIn(report, leakage.model(), leakage.attack())
                    .ifPresent(v -> put(loaded, leakage.model(), MetricId.INHERITED_LEAKAGE_AUC, leakage.attack(), v));
        }
    }

    private void put(LoadedReport loaded, String model, MetricId metric, String attack, double value) {
        PrivacyReport report = loaded.report();
        MetricKey key = new MetricKey(report.testId(), report.technique(), model, metric.id(), attack);
        if (values.putIfAbsent(key, value) != null) {
            throw new ResultsFormatException(loaded.file(), "holds " + key + " twice", null);
        }
    }
}
