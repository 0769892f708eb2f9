package io.kdprivacy.maven.metrics;

import io.kdprivacy.results.PrivacyReport;
import java.nio.file.Path;

/**
 * A report and the file it was read from.
 *
 * @param file   the results file
 * @param report its content
 */
public record LoadedReport(Path file, PrivacyReport report) {
}
