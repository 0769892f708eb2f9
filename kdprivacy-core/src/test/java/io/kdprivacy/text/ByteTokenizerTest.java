package io.kdprivacy.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class ByteTokenizerTest {

    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @Test
    void encodesUtf8Bytes() {
        assertThat(tokenizer.encode("Aé")).containsExactly(0x41, 0xC3, 0xA9);
        assertThat(tokenizer.encode("")).isEmpty();
    }

    @Test
    void roundTripsUnicode() {
        String text = "Order #4711 — Zoë's café ☕ 日本語 \uD83D\uDE00\nline two";
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
    }

    @Test
    void exposesVocabularyAndSpecialIds() {
        assertThat(tokenizer.vocabSize()).isEqualTo(257);
        assertThat(tokenizer.eosId()).isEqualTo(256);
        assertThat(tokenizer.padId()).isEqualTo(256);
        assertThat(tokenizer.name()).isEqualTo("byte");
    }

    @Test
    void decodeSkipsEos() {
        assertThat(tokenizer.decode(new int[] {'h', 256, 'i', 256, 256})).isEqualTo("hi");
    }

    @Test
    void decodeReplacesInvalidUtf8() {
        // lone continuation byte, truncated 2-byte sequence at the end
        assertThat(tokenizer.decode(new int[] {'a', 0x80, 'b', 0xC3})).isEqualTo("a\uFFFDb\uFFFD");
    }

    @Test
    void decodeRejectsOutOfRangeIds() {
        assertThatThrownBy(() -> tokenizer.decode(new int[] {257}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsHuggingFaceJsonTokenizesExactlyAsItDoes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), ByteTokenizer.huggingFaceJson());
        StringBuilder everyByte = new StringBuilder();
        for (int c = 1; c < 256; c++) {
            everyByte.append((char) c);
        }
        List<String> texts = List.of("Order #4711 — Zoë's café ☕ 日本語 \uD83D\uDE00\nline two", "  two  spaces\t\r\n",
                "\\ \" quotes and backslashes \"", "a@b.example +1-555-0100", everyByte.toString(), "");
        try (HuggingFaceTokenizer hf = new HuggingFaceTokenizer(file)) {
            assertThat(hf.vocabSize()).isEqualTo(ByteTokenizer.VOCAB_SIZE);
            assertThat(hf.eosId()).isEqualTo(ByteTokenizer.EOS);
            for (String text : texts) {
                assertThat(hf.encode(text)).as(text).containsExactly(tokenizer.encode(text));
                assertThat(hf.decode(tokenizer.encode(text))).as(text).isEqualTo(text);
            }
            assertThat(hf.decode(new int[] {0x41, 0xC3})).isEqualTo(tokenizer.decode(new int[] {0x41, 0xC3}));
        }
    }
}
