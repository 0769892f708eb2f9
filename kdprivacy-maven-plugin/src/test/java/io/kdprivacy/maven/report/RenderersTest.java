package io.kdprivacy.maven.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Paragraph;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.chart.SvgWriter;
import io.kdprivacy.results.Xml;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {

    private static final String NASTY = "<script>alert('x&y')</script> | *bold* [link](http://x) `code` \"q\"";

    private static Document sample() {
        return new Document.Builder()
                .heading(2, "Test " + NASTY)
                .paragraph(NASTY)
                .add(new Table(List.of("a", "b"), List.of(List.of("1", NASTY))))
                .add(new Figure("caption <b>", new SvgWriter(10, 10, "label \"<>\"").text(1, 1, "start", NASTY).end(),
                        new Paragraph("see the HTML")))
                .add(new Table(List.of("name", "date"), List.of(List.of("", "")), true))
                .build("Title & more");
    }

    @Test
    void htmlIsWellFormedAndEscapesEveryText() throws Exception {
        String html = HtmlRenderer.render(sample());
        org.w3c.dom.Document dom = Xml.parse(html);
        assertThat(dom.getElementsByTagName("script").getLength()).isZero();
        assertThat(dom.getElementsByTagName("svg").getLength()).isEqualTo(1);
        assertThat(dom.getElementsByTagName("h1").item(0).getTextContent()).isEqualTo("Title & more");
        assertThat(dom.getElementsByTagName("p").item(0).getTextContent()).isEqualTo(NASTY);
        assertThat(dom.getElementsByTagName("td").item(1).getTextContent()).isEqualTo(NASTY);
        assertThat(dom.getElementsByTagName("text").item(0).getTextContent()).isEqualTo(NASTY);
        assertThat(html).contains("<table class=\"form\">").doesNotContain("<script>");
    }

    @Test
    void markdownEscapesSyntaxAndShowsFigureFallbacks() {
        String md = MarkdownRenderer.render(sample());
        assertThat(md).startsWith("# Title &amp; more\n\n## Test \\<script\\>");
        assertThat(md).contains("\\| \\*bold\\* \\[link\\](http://x) \\`code\\`")
                .contains("| a | b |\n| --- | --- |\n| 1 | \\<script\\>")
                .contains("*caption \\<b\\>*\n\nsee the HTML\n\n")
                .contains("| name | date |\n| --- | --- |\n|  |  |\n")
                .doesNotContain("<svg").doesNotContain("<script>");
    }

    @Test
    void tablesRefuseRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table(List.of("a", "b"), List.of(List.of("1"))))
                .hasMessageContaining("has 1 cells, header 2");
    }
}
