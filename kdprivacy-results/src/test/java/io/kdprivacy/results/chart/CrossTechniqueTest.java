package io.kdprivacy.results.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.TrainingBudget;
import io.kdprivacy.results.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CrossTechniqueTest {

    private static final TrainingBudget BUDGET = new TrainingBudget("equal optimizer steps: 2 epochs", 64, 1024, 20480);

    private static Map<String, Double> aucs(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }

    /** KD leaks most by membership but memorizes least; DistiLLM the other way round; GKD has no MOPE. */
    static List<PrivacyReport> reports(boolean withUtility) {
        return List.of(
                Fixtures.technique("T#gate", "KD", aucs("LOSS", 0.7, "MIN_K", 0.72, "MOPE", 0.55), 0.02,
                        withUtility ? Fixtures.utilityAt(0.21, 30.0) : null, BUDGET),
                Fixtures.technique("T#gate", "GKD", aucs("LOSS", 0.6, "MIN_K", 0.58), 0.05,
                        withUtility ? Fixtures.utilityAt(0.24, 25.0) : null, BUDGET),
                Fixtures.technique("T#gate", "DistiLLM", aucs("LOSS", 0.5, "MIN_K", 0.52, "MOPE", 0.51), 0.09,
                        withUtility ? Fixtures.utilityAt(0.27, 20.0) : null, BUDGET));
    }

    @Test
    void rowsAreTheStudentsThenTheReferenceAndTheTeacher() {
        CrossTechnique view = CrossTechnique.of(reports(true));
        assertThat(view.rows()).extracting(CrossTechnique.Row::label)
                .containsExactly("KD", "GKD", "DistiLLM", "no-KD reference", "teacher");
        assertThat(view.attacks()).containsExactly("LOSS", "MIN_K", "MOPE");
        assertThat(CrossTechnique.strongest(view.students().get(0).model())).map(m -> m.attack()).hasValue("MIN_K");
        assertThat(CrossTechnique.attackLabel("MIN_K_PLUS_PLUS")).isEqualTo("Min-K%++");
        assertThat(CrossTechnique.attackLabel("NEW")).isEqualTo("NEW");
    }

    @Test
    void rankingsSideBySideWithTheirRankCorrelation() {
        CrossTechnique view = CrossTechnique.of(reports(true));
        assertThat(view.rankingRows()).containsExactly(
                List.of("1", "KD", "0.72 (0.67 to 0.77), Min-K%", "DistiLLM", "0.09", "+0.04"),
                List.of("2", "GKD", "0.6 (0.55 to 0.65), loss", "GKD", "0.05", "0"),
                List.of("3", "DistiLLM", "0.52 (0.47 to 0.57), Min-K%", "KD", "0.02", "-0.03"));
        // membership [0.72, 0.6, 0.52] and memorization [0.02, 0.05, 0.09]: exactly reversed
        assertThat(view.spearman()).isCloseTo(-1, within(1e-12));
        assertThat(view.agreement()).contains("-1 over 3 techniques", "rank the techniques differently");
        assertThat(view.budgetRows()).hasSize(3).first().isEqualTo(List.of("KD", "64", "1024", "20480"));
        assertThat(view.budgetRules()).isEqualTo("equal optimizer steps: 2 epochs");
    }

    @Test
    void oneTechniqueHasNoRankCorrelation() {
        CrossTechnique view = CrossTechnique.of(reports(false).subList(0, 1));
        assertThat(view.spearman()).isNaN();
        assertThat(view.agreement()).contains("not defined");
        assertThat(view.budgetRows()).hasSize(1);
    }

    @Test
    void heatmapHasOneLabelledCellPerRowAndAttack() throws Exception {
        CrossTechnique view = CrossTechnique.of(reports(true));
        String markup = TechniqueHeatmapChart.svg(view).orElseThrow();
        assertThat(TechniqueHeatmapChart.svg(view)).hasValue(markup).as("deterministic");
        Element svg = Xml.parse(markup).getDocumentElement();
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, String> fills = new LinkedHashMap<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            String title = rect.getElementsByTagName("title").item(0).getTextContent();
            if (!title.startsWith("scale")) {
                String key = title.substring(0, title.indexOf(": AUC"));
                cells.put(key, title.substring(title.indexOf(": AUC ") + 6));
                fills.put(key, rect.getAttribute("fill"));
            }
        }
        assertThat(cells).as("5 rows x 3 attacks").hasSize(15)
                .containsEntry("KD, loss", "0.7").containsEntry("KD, Min-K%", "0.72").containsEntry("KD, MoPe", "0.55")
                .containsEntry("GKD, MoPe", "n/a").containsEntry("DistiLLM, loss", "0.5")
                .containsEntry("teacher, loss", "0.8").containsEntry("no-KD reference, MoPe", "n/a");
        assertThat(fills).containsEntry("DistiLLM, loss", "#ffffff").containsEntry("GKD, MoPe", TechniqueHeatmapChart.MISSING)
                .containsEntry("teacher, loss", "#d7301f");
        assertThat(TechniqueHeatmapChart.colour(0.5)).isEqualTo("#ffffff");
        assertThat(TechniqueHeatmapChart.colour(0.35)).isEqualTo(TechniqueHeatmapChart.colour(0.35)).startsWith("#")
                .isNotEqualTo("#ffffff");
        List<String> texts = new ArrayList<>();
        NodeList text = svg.getElementsByTagName("text");
        for (int i = 0; i < text.getLength(); i++) {
            texts.add(text.item(i).getTextContent());
        }
        assertThat(texts).contains("loss", "Min-K%", "MoPe", "KD", "no-KD reference", "teacher", "0.72", "n/a");
    }

    @Test
    void heatmapNeedsRowsAndAttacks() {
        assertThat(TechniqueHeatmapChart.svg(CrossTechnique.of(List.of()))).isEmpty();
        PrivacyReport noAttacks = Fixtures.technique("T#gate", "KD", Map.of(), 0.02, null, null);
        CrossTechnique onlyStudent = CrossTechnique.of(List.of(new PrivacyReport(noAttacks.schemaVersion(), "T#gate", "KD",
                null, null, List.of(noAttacks.model("student").orElseThrow()), List.of(), List.of())));
        assertThat(onlyStudent.attacks()).isEmpty();
        assertThat(TechniqueHeatmapChart.svg(onlyStudent)).isEmpty();
    }

    @Test
    void privacyUtilityChartPlotsEachTechniqueAndTheAnchors() throws Exception {
        List<PrivacyReport> reports = new ArrayList<>(reports(true));
        CrossTechnique view = CrossTechnique.of(reports);
        assertThat(PrivacyUtilityChart.axis(view)).hasValue(PrivacyUtilityChart.Axis.ROUGE_L);
        assertThat(PrivacyUtilityChart.points(view, PrivacyUtilityChart.Axis.ROUGE_L))
                .extracting(p -> p.row().label() + "@" + p.x() + "," + p.y())
                .containsExactly("KD@0.21,0.72", "GKD@0.24,0.6", "DistiLLM@0.27,0.52", "no-KD reference@0.28,0.52",
                        "teacher@0.35,0.8");
        String markup = PrivacyUtilityChart.svg(view).orElseThrow();
        assertThat(PrivacyUtilityChart.svg(view)).hasValue(markup);
        Element svg = Xml.parse(markup).getDocumentElement();
        assertThat(svg.getElementsByTagName("circle").getLength()).as("3 students + legend").isEqualTo(4);
        assertThat(markup).contains(">KD<", ">DistiLLM<", "mean ROUGE-L");
    }

    @Test
    void privacyUtilityFallsBackToPerplexityThenToNothing() {
        List<PrivacyReport> perplexityOnly = List.of(
                Fixtures.technique("T#gate", "KD", aucs("LOSS", 0.7), 0.02, Fixtures.utilityAt(null, 30.0), null),
                Fixtures.technique("T#gate", "GKD", aucs("LOSS", 0.6), 0.05, Fixtures.utilityAt(null, 25.0), null));
        CrossTechnique view = CrossTechnique.of(perplexityOnly);
        assertThat(PrivacyUtilityChart.axis(view)).hasValue(PrivacyUtilityChart.Axis.PERPLEXITY);
        assertThat(PrivacyUtilityChart.svg(view).orElseThrow()).contains("holdout perplexity (lower is better)");
        assertThat(PrivacyUtilityChart.axis(CrossTechnique.of(reports(false)))).isEmpty();
        assertThat(PrivacyUtilityChart.svg(CrossTechnique.of(reports(false)))).isEmpty();
    }
}
