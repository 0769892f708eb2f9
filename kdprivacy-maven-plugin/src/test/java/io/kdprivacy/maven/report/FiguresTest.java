package io.kdprivacy.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.maven.Fixtures;
import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.RocPoints;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FiguresTest {

    private static final ModelReport STUDENT = Fixtures.report("T", "GKD", 0.6, "PASSED").model("student").orElseThrow();

    private static ModelReport withRoc(RocPoints roc, List<BlockMetrics> blocks) {
        MembershipMetrics m = STUDENT.membership().get(0);
        return new ModelReport("student", "GPT2", "nano", 1, "h", List.of(new MembershipMetrics(m.attack(), m.auc(),
                m.tprAt1Pct(), m.tprAt01Pct(), m.advantage(), m.members(), m.nonMembers(), m.warnings(), roc)),
                null, null, blocks);
    }

    @Test
    void rocIsWellFormedLogLogWithOnlyPositivePoints() throws Exception {
        Figure figure = RocSvg.figure(STUDENT).orElseThrow();
        Element svg = Xml.parse(figure.svg()).getDocumentElement();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).as("MIN_K has no ROC points").isEqualTo(1);
        String[] points = ((Element) lines.item(0)).getAttribute("points").split(" ");
        assertThat(points).as("6 points, (0,0) dropped").hasSize(5);
        double size = Double.parseDouble(svg.getAttribute("width"));
        for (String point : points) {
            double x = Double.parseDouble(point.split(",")[0]);
            double y = Double.parseDouble(point.split(",")[1]);
            assertThat(x).isBetween(0.0, size);
            assertThat(y).isBetween(0.0, Double.parseDouble(svg.getAttribute("height")));
        }
        assertThat(points[points.length - 1]).as("(1, 1) at the top right corner").isEqualTo("316.0,18.0");
        assertThat(figure.svg()).contains(">0.001<").contains(">1<");
        assertThat(figure.fallback()).isInstanceOf(Document.Paragraph.class);
    }

    @Test
    void rocNeedsTwoDrawablePoints() {
        RocPoints onlyZeros = new RocPoints(List.of(0.0, 0.0, 1.0), List.of(0.0, 0.5, 1.0));
        assertThat(RocSvg.drawable(onlyZeros)).hasSize(1);
        assertThat(RocSvg.figure(withRoc(onlyZeros, List.of()))).isEmpty();
        assertThat(RocSvg.figure(withRoc(null, List.of()))).isEmpty();
    }

    @Test
    void heatmapHasACellPerBlockAndModelWithATableFallback() throws Exception {
        ModelReport teacher = Fixtures.report("T", "GKD", 0.6, "PASSED").model("teacher").orElseThrow();
        Figure figure = BlockHeatmap.figure(List.of(teacher, STUDENT, withRoc(null, List.of()))).orElseThrow();
        Element svg = Xml.parse(figure.svg()).getDocumentElement();
        assertThat(svg.getElementsByTagName("rect").getLength()).as("4 blocks × 2 models").isEqualTo(8);
        assertThat(figure.svg()).contains(">n/a<").contains(">0.8<");
        Table table = (Table) figure.fallback();
        assertThat(table.header()).containsExactly("block", "teacher", "student");
        assertThat(table.rows()).hasSize(4);
        assertThat(table.rows().get(3)).containsExactly("3", "0.8 (0.75 to 0.85)", "-");
        assertThat(BlockHeatmap.figure(List.of(withRoc(null, List.of())))).isEmpty();
    }

    @Test
    void heatmapColoursRunFromBlueThroughWhiteToRed() {
        assertThat(BlockHeatmap.colour(0.5)).isEqualTo("#ffffff");
        assertThat(BlockHeatmap.colour(0.8)).isEqualTo("#d7301f");
        assertThat(BlockHeatmap.colour(0.95)).isEqualTo("#d7301f");
        assertThat(BlockHeatmap.colour(0.2)).isEqualTo("#2166ac");
        assertThat(BlockHeatmap.colour(0.6)).isEqualTo("#f2bab4");
    }
}
