package io.kdprivacy.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
