package io.kdprivacy.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Paragraph;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Xml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's figures wrap the shared charts (tested in kdprivacy-results) and add text fallbacks. */
class FiguresTest {

    private static final PrivacyReport REPORT = Fixtures.report("T", "GKD", 0.6, "PASSED");
    private static final ModelReport TEACHER = REPORT.model("teacher").orElseThrow();
    private static final ModelReport STUDENT = REPORT.model("student").orElseThrow();
    private static final ModelReport NO_BLOCKS_NO_ROC = new ModelReport("reference", "GPT2", "nano", 1, "h",
            List.of(), null, null, List.of());

    @Test
    void rocFigureWrapsTheChartWithAParagraphFallback() throws Exception {
        Figure figure = Figures.roc(STUDENT).orElseThrow();
        assertThat(Xml.parse(figure.svg()).getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(figure.caption()).startsWith("Membership attacks on the student");
        assertThat(figure.fallback()).isEqualTo(
                new Paragraph("The log-log ROC curves of the student are drawn in signoff.html."));
        assertThat(Figures.roc(NO_BLOCKS_NO_ROC)).isEmpty();
    }

    @Test
    void heatmapFigureHasTheSameGridAsATableOfIntervals() throws Exception {
        Figure figure = Figures.heatmap(List.of(TEACHER, STUDENT, NO_BLOCKS_NO_ROC)).orElseThrow();
        assertThat(Xml.parse(figure.svg()).getElementsByTagName("rect").getLength()).as("4 blocks × 2 models")
                .isEqualTo(8);
        Table table = (Table) figure.fallback();
        assertThat(table.header()).containsExactly("block", "teacher", "student");
        assertThat(table.rows()).hasSize(4);
        assertThat(table.rows().get(0)).containsExactly("0", "0.575 (0.525 to 0.625)", "0.55 (0.5 to 0.6)");
        assertThat(table.rows().get(3)).containsExactly("3", "0.8 (0.75 to 0.85)", "-");
        assertThat(Figures.heatmap(List.of(NO_BLOCKS_NO_ROC))).isEmpty();
    }
}
