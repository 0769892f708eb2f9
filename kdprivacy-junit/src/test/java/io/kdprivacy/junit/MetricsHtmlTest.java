package io.kdprivacy.junit;

import io.kdprivacy.results.Excerpt;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Xml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsHtmlTest {

    private static final String NASTY = "<script>alert('x&y')</script>";

    @Test
    void showsEveryMetricWithIntervalsEscaped() throws Exception {
        PrivacyReport report = Fixtures.report("Test" + NASTY, "GKD", 0.6, "FAILED");
        String html = MetricsHtml.render(report);
        Document dom = Xml.parse(html);
        assertThat(dom.getElementsByTagName("h1").item(0).getTextContent()).isEqualTo("Test" + NASTY + " (GKD)");
        assertThat(dom.getElementsByTagName("script").getLength()).isZero();
        assertThat(headings(dom)).containsExactly("Membership inference (95% intervals)", "Memorization", "Canaries",
                "Utility on held-out examples", "Inherited leakage (AUC of the model minus AUC of its reference)", "Assertions");
        assertThat(html).contains("<p>Evaluation set: valid</p>")
                .contains("<tr><td>student</td><td>LOSS</td><td>0.6 (0.55 to 0.65)</td><td>0.06 (0.01 to 0.11)</td>"
                        + "<td>200</td><td>200</td></tr>")
                .contains("<tr><td>student</td><td>MIN_K</td><td>0.58 (0.53 to 0.63)</td>")
                .contains("<tr><td>teacher</td><td>0.05 (0 to 0.1)</td><td>0 (0 to 0.05)</td><td>0.1</td><td>200</td></tr>")
                .contains("<tr><td>student</td><td>10</td><td>3.5</td><td>9</td><td>41.25</td>"
                        + "<td>0.1 (0.05 to 0.15)</td></tr>")
                .contains("<tr><td>student</td><td>0.3 (0.25 to 0.35)</td><td>12.1825</td><td>200</td></tr>")
                .contains("<tr><td>reference</td><td>0.28 (0.23 to 0.33)</td><td>13.4637</td><td>200</td></tr>")
                .contains("<tr><td>LOSS</td><td>student</td><td>reference</td><td>0.08 (0.03 to 0.13)</td></tr>")
                .contains("<tr><td>student</td><td>membership.auc</td><td>LOSS</td><td>isBelow</td><td>0.7</td>"
                        + "<td>0.6</td><td>0.65</td><td>FAILED</td></tr>");
    }

    @Test
    void saysWhatIsMissingAndNeverShowsExcerpts() throws Exception {
        PrivacyReport full = Fixtures.report("T", "KD", 0.6, "PASSED");
        PrivacyReport bare = new PrivacyReport(full.schemaVersion(), "T", null, null, null, List.of(), List.of(),
                List.of(), List.of(new Excerpt("student", "LOSS", 1, -1.0, "member prompt " + NASTY, "member reply")));
        String html = MetricsHtml.render(bare);
        Xml.parse(html);
        assertThat(html).contains("<h1>T</h1>").contains("<p>Evaluation set: not recorded</p>")
                .contains("<h2>Assertions</h2>\n<p>No assertions recorded.</p>")
                .doesNotContain("<table").doesNotContain("member prompt").doesNotContain("member reply")
                .doesNotContain("Not measured");
        PrivacyReport audited = new PrivacyReport(full.schemaVersion(), "T", null, null, null, List.of(), List.of(),
                List.of(), List.of(), List.of(new io.kdprivacy.results.NotMeasured("inheritedLeakage.auc", "student",
                        null, "no reference <checkpoint>")));
        assertThat(MetricsHtml.render(audited)).contains("<h2>Not measured</h2>")
                .contains("<tr><td>inheritedLeakage.auc</td><td>student</td><td>no reference &lt;checkpoint&gt;</td></tr>");
    }

    private static List<String> headings(Document dom) {
        NodeList h2 = dom.getElementsByTagName("h2");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < h2.getLength(); i++) {
            texts.add(h2.item(i).getTextContent());
        }
        return texts;
    }
}
