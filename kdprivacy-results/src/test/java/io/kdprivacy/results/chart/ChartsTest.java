package io.kdprivacy.results.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.RocPoints;
import io.kdprivacy.results.Xml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {

    private static final ModelReport TEACHER = Fixtures.report("T", "GKD", 0.6, "PASSED").model("teacher").orElseThrow();
    private static final ModelReport STUDENT = Fixtures.report("T", "GKD", 0.6, "PASSED").model("student").orElseThrow();

    private static ModelReport withRoc(String attack, RocPoints roc, List<BlockMetrics> blocks) {
        MembershipMetrics m = STUDENT.membership().get(0);
        return new ModelReport("student", "GPT2", "nano", 1, "h", List.of(new MembershipMetrics(attack, m.auc(),
                m.tprAt1Pct(), m.tprAt01Pct(), m.advantage(), m.members(), m.nonMembers(), m.warnings(), roc)),
                null, null, blocks);
    }

    @Test
    void rocIsWellFormedLogLogWithOnlyPositivePoints() throws Exception {
        String markup = RocChart.svg(STUDENT).orElseThrow();
        Element svg = Xml.parse(markup).getDocumentElement();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).as("MIN_K has no ROC points").isEqualTo(1);
        String[] points = ((Element) lines.item(0)).getAttribute("points").split(" ");
        assertThat(points).as("6 points, (0,0) dropped").hasSize(5);
        for (String point : points) {
            double x = Double.parseDouble(point.split(",")[0]);
            double y = Double.parseDouble(point.split(",")[1]);
            assertThat(x).isBetween(0.0, Double.parseDouble(svg.getAttribute("width")));
            assertThat(y).isBetween(0.0, Double.parseDouble(svg.getAttribute("height")));
        }
        assertThat(points[0]).as("(0.005, 0.03) on 3 decades").isEqualTo("116.6,150.0");
        assertThat(points[points.length - 1]).as("(1, 1) at the top right corner").isEqualTo("316.0,18.0");
        assertThat(markup).contains(">0.001<").contains(">1<").contains(">LOSS<");
    }

    @Test
    void rocNeedsTwoDrawablePointsAndEscapesNames() throws Exception {
        RocPoints onlyZeros = new RocPoints(List.of(0.0, 0.0, 1.0), List.of(0.0, 0.5, 1.0));
        assertThat(RocChart.drawable(onlyZeros)).hasSize(1);
        assertThat(RocChart.drawable(null)).isEmpty();
        assertThat(RocChart.svg(withRoc("LOSS", onlyZeros, List.of()))).isEmpty();
        assertThat(RocChart.svg(withRoc("LOSS", null, List.of()))).isEmpty();
        RocPoints two = new RocPoints(List.of(0.0, 0.1, 1.0), List.of(0.0, 0.2, 1.0));
        Element svg = Xml.parse(RocChart.svg(withRoc("<x & \"y\">", two, List.of())).orElseThrow()).getDocumentElement();
        assertThat(svg.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("<x & \"y\">");
    }

    @Test
    void heatmapHasACellPerBlockAndModel() throws Exception {
        List<ModelReport> models = List.of(TEACHER, STUDENT, withRoc("LOSS", null, List.of()));
        String markup = BlockHeatmapChart.svg(models).orElseThrow();
        Element svg = Xml.parse(markup).getDocumentElement();
        assertThat(svg.getElementsByTagName("rect").getLength()).as("4 blocks × 2 models").isEqualTo(8);
        assertThat(markup).contains(">n/a<").contains(">0.8<").contains(">teacher<").contains(">block 3<")
                .contains("fill=\"#d7301f\"").contains("fill=\"#e0e0e0\"");
        assertThat(BlockHeatmapChart.withBlocks(models)).containsExactly(TEACHER, STUDENT);
        assertThat(BlockHeatmapChart.blockCount(models)).isEqualTo(4);
        assertThat(BlockHeatmapChart.block(STUDENT, 1)).map(b -> b.auc().value()).hasValue(0.6);
        assertThat(BlockHeatmapChart.block(STUDENT, 2)).isEmpty();
        assertThat(BlockHeatmapChart.svg(List.of(withRoc("LOSS", null, List.of())))).isEmpty();
    }

    @Test
    void heatmapColoursRunFromBlueThroughWhiteToRed() {
        assertThat(BlockHeatmapChart.colour(0.5)).isEqualTo("#ffffff");
        assertThat(BlockHeatmapChart.colour(0.8)).isEqualTo("#d7301f");
        assertThat(BlockHeatmapChart.colour(0.95)).isEqualTo("#d7301f");
        assertThat(BlockHeatmapChart.colour(0.2)).isEqualTo("#2166ac");
        assertThat(BlockHeatmapChart.colour(0.6)).isEqualTo("#f2bab4");
    }
}
