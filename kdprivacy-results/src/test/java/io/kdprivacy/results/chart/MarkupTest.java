package io.kdprivacy.results.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.results.Xml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class MarkupTest {

    private static final String NASTY = "<script>alert('x&y')</script> \"q\"\u0007";

    @Test
    void escapesEverythingMarkupCouldMisread() {
        assertThat(Markup.escape(NASTY))
                .isEqualTo("&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt; &quot;q&quot; ");
        assertThat(Markup.escape(null)).isEmpty();
        assertThat(Markup.escape("line\nnext\ttab")).isEqualTo("line\nnext\ttab");
    }

    @Test
    void tablesAreWellFormedWithEveryCellEscaped() throws Exception {
        String html = Markup.table(new StringBuilder(), "a\"b", List.of("h", NASTY), List.of(List.of("1", NASTY)))
                .toString();
        Document dom = Xml.parse(html);
        assertThat(dom.getDocumentElement().getAttribute("class")).isEqualTo("a\"b");
        assertThat(dom.getElementsByTagName("th").item(1).getTextContent()).isEqualTo(NASTY.replace('\u0007', ' '));
        assertThat(dom.getElementsByTagName("td").item(1).getTextContent()).isEqualTo(NASTY.replace('\u0007', ' '));
        assertThat(dom.getElementsByTagName("script").getLength()).isZero();
        assertThat(Markup.table(new StringBuilder(), null, List.of("h"), List.of()).toString())
                .isEqualTo("<table>\n<tr><th>h</th></tr>\n</table>\n");
    }

    @Test
    void svgTextAndAttributesAreEscaped() throws Exception {
        String svg = new SvgWriter(10, 10, "label \"<>\"").text(1, 1, "start", NASTY)
                .rect(0, 0, 1, 1, "#fff\"", NASTY).end();
        Document dom = Xml.parse(svg);
        assertThat(dom.getDocumentElement().getAttribute("aria-label")).isEqualTo("label \"<>\"");
        assertThat(dom.getElementsByTagName("text").item(0).getTextContent()).isEqualTo(NASTY.replace('\u0007', ' '));
        assertThat(dom.getElementsByTagName("script").getLength()).isZero();
    }
}
