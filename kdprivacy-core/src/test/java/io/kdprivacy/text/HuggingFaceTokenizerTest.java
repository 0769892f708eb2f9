package io.kdprivacy.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceTokenizerTest {

    private static Path resource;

    @BeforeAll
    static void offline() throws URISyntaxException {
        System.setProperty("ai.djl.offline", "true");
        resource = Path.of(HuggingFaceTokenizerTest.class.getResource("tokenizer.json").toURI());
    }

    @Test
    void roundTripsWithoutAddingSpecialTokens() {
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(resource)) {
            int[] ids = tokenizer.encode("hello world my order is late.");
            assertThat(ids).containsExactly(2, 3, 4, 5, 7, 8, 9);
            assertThat(tokenizer.decode(ids)).isEqualTo("hello world my order is late .");
        }
    }

    @Test
    void decodeSkipsEosAndMapsUnknownWords() {
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(resource)) {
            assertThat(tokenizer.encode("hello zebra")).containsExactly(2, 0);
            assertThat(tokenizer.decode(new int[] {2, 3, 1, 1})).isEqualTo("hello world");
        }
    }

    @Test
    void looksUpEosAndUsesItForPadding() {
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(resource)) {
            assertThat(tokenizer.vocabSize()).isEqualTo(10);
            assertThat(tokenizer.eosId()).isEqualTo(1);
            assertThat(tokenizer.padId()).isEqualTo(1);
            assertThat(tokenizer.name()).startsWith("hf:").endsWith("tokenizer.json");
        }
    }

    @Test
    void loadsFromDirectoryWithExplicitEos() {
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(resource.getParent(), 9)) {
            assertThat(tokenizer.eosId()).isEqualTo(9);
            assertThat(tokenizer.file()).isEqualTo(resource);
        }
    }

    @Test
    void findsPadTokenAndAddedTokensBeyondModelVocab(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, Files.readString(resource)
                .replace("\"special\": true}\n  ]",
                        "\"special\": true},\n    {\"id\": 10, \"content\": \"<pad>\", \"special\": true,"
                                + " \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false}\n  ]"));
        try (HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(dir)) {
            assertThat(tokenizer.vocabSize()).isEqualTo(11);
            assertThat(tokenizer.padId()).isEqualTo(10);
            assertThat(tokenizer.eosId()).isEqualTo(1);
            assertThat(tokenizer.decode(new int[] {2, 10, 3})).isEqualTo("hello world");
        }
    }

    @Test
    void rejectsTokenizerWithoutEos(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, Files.readString(resource).replace("<|endoftext|>", "<|notend|>"));
        assertThatThrownBy(() -> new HuggingFaceTokenizer(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no EOS token")
                .hasMessageContaining(file.toString());
    }

    @Test
    void rejectsOutOfRangeExplicitEos() {
        assertThatThrownBy(() -> new HuggingFaceTokenizer(resource, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10");
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> new HuggingFaceTokenizer(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> new HuggingFaceTokenizer(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString());
    }

    @Test
    void malformedFileNamesThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> new HuggingFaceTokenizer(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void rejectsOutOfRangeIdsAndUseAfterClose() {
        HuggingFaceTokenizer tokenizer = new HuggingFaceTokenizer(resource);
        assertThatThrownBy(() -> tokenizer.decode(new int[] {10}))
                .isInstanceOf(IllegalArgumentException.class);
        tokenizer.close();
        tokenizer.close();
        assertThatThrownBy(() -> tokenizer.encode("hello"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
