package io.kdprivacy.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetTest {

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("data.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(Path file) {
        return assertThatThrownBy(() -> JsonlDataset.load(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void loadsInOrderSkippingBlankLinesAndIgnoringExtraFields() throws Exception {
        Path file = file("{\"prompt\":\"a\",\"response\":\"b\",\"id\":7}\n\n   \n"
                + "{\"response\":\"d\",\"prompt\":\"c\",\"meta\":{\"x\":[1]}}\n");
        assertThat(JsonlDataset.load(file)).containsExactly(new Example("a", "b"), new Example("c", "d"));
    }

    @Test
    void roundTripsUnicodeAndNewlines() {
        List<Example> examples = List.of(
                new Example("Kundin Zoë Müller fragt:\nWo ist Bestellung #A-1234?\r\n", "Sie ist unterwegs ☕ 🚚\n\"bald\""),
                new Example("日本語のプロンプト\t", "応答\u2028separator"),
                new Example("", ""));
        Path file = dir.resolve("sub/dir/out.jsonl");
        JsonlDataset.write(file, examples);
        assertThat(JsonlDataset.load(file)).isEqualTo(examples);
        assertThat(dir.resolve("sub/dir")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void writeReplacesExistingFileWithOneLinePerExample() throws Exception {
        Path file = file("old content\n");
        JsonlDataset.write(file, List.of(new Example("p\n1", "r1"), new Example("p2", "r2")));
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .containsExactly("{\"prompt\":\"p\\n1\",\"response\":\"r1\"}", "{\"prompt\":\"p2\",\"response\":\"r2\"}");
    }

    @Test
    void writeRejectsEmptyDataset() {
        assertThatThrownBy(() -> JsonlDataset.write(dir.resolve("x.jsonl"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.jsonl");
        assertLoadFails(missing).hasMessageContaining("not found");
    }

    @Test
    void malformedJsonNamesLine() throws Exception {
        DatasetException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
                () -> JsonlDataset.load(file("{\"prompt\":\"a\",\"response\":\"b\"}\n\n{\"prompt\": \"a\",\n")));
        assertThat(e).hasMessageContaining(dir.resolve("data.jsonl") + ":3:").hasMessageContaining("malformed JSON");
        assertThat(e.line()).hasValue(3);
        assertThat(e.file()).isEqualTo(dir.resolve("data.jsonl"));
    }

    @Test
    void trailingGarbageIsMalformed() throws Exception {
        assertLoadFails(file("{\"prompt\":\"a\",\"response\":\"b\"} {\"prompt\":\"c\"}\n"))
                .hasMessageContaining(":1:").hasMessageContaining("malformed JSON");
    }

    @Test
    void nonObjectLine() throws Exception {
        assertLoadFails(file("{\"prompt\":\"a\",\"response\":\"b\"}\n[1,2]\n"))
                .hasMessageContaining(":2:").hasMessageContaining("expected a JSON object");
    }

    @Test
    void missingPrompt() throws Exception {
        assertLoadFails(file("{\"response\":\"b\"}\n"))
                .hasMessageContaining(":1:").hasMessageContaining("missing field \"prompt\"");
    }

    @Test
    void missingResponse() throws Exception {
        assertLoadFails(file("{\"prompt\":\"a\",\"response\":\"b\"}\n{\"prompt\":\"a\",\"response\":null}\n"))
                .hasMessageContaining(":2:").hasMessageContaining("missing field \"response\"");
    }

    @Test
    void nonStringPrompt() throws Exception {
        assertLoadFails(file("{\"prompt\":42,\"response\":\"b\"}\n"))
                .hasMessageContaining(":1:").hasMessageContaining("\"prompt\" must be a string");
    }

    @Test
    void nonStringResponse() throws Exception {
        assertLoadFails(file("\n{\"prompt\":\"a\",\"response\":[\"b\"]}\n"))
                .hasMessageContaining(":2:").hasMessageContaining("\"response\" must be a string");
    }

    @Test
    void emptyDataset() throws Exception {
        assertLoadFails(file("\n  \n\n")).hasMessageContaining("contains no examples");
        assertLoadFails(file("")).hasMessageContaining("contains no examples");
    }

    @Test
    void invalidUtf8NamesLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        byte[] good = "{\"prompt\":\"a\",\"response\":\"b\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'p', (byte) 0xC3, '"', '}', '\n'};
        byte[] content = new byte[good.length * 2 + bad.length];
        System.arraycopy(good, 0, content, 0, good.length);
        System.arraycopy(good, 0, content, good.length, good.length);
        System.arraycopy(bad, 0, content, 2 * good.length, bad.length);
        Files.write(file, content);
        assertLoadFails(file).hasMessageContaining(":3:").hasMessageContaining("invalid UTF-8");
    }

    @Test
    void acceptsCrlfAndMissingFinalNewline() throws Exception {
        assertThat(JsonlDataset.load(file("{\"prompt\":\"a\",\"response\":\"b\"}\r\n\r\n{\"prompt\":\"c\",\"response\":\"d\"}")))
                .containsExactly(new Example("a", "b"), new Example("c", "d"));
    }

    @Test
    void toleratesByteOrderMark() throws Exception {
        assertThat(JsonlDataset.load(file("\uFEFF{\"prompt\":\"a\",\"response\":\"b\"}\n")))
                .containsExactly(new Example("a", "b"));
    }
}
