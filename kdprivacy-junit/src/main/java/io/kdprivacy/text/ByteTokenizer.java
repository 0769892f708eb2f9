package io.kdprivacy.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A tokenizer that needs no files: ids {@code 0..255} are the UTF-8 bytes of the text and id
 * {@value #EOS} is {@code <eos>}, also used as padding.
 */
public final class ByteTokenizer implements Tokenizer {

    /** The id of {@code <eos>} (and padding). */
    public static final int EOS = 256;

    /** The vocabulary size: 256 byte values plus {@code <eos>}. */
    public static final int VOCAB_SIZE = 257;

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    /**
     * Decodes byte ids as UTF-8; {@code <eos>} is skipped and invalid byte sequences become
     * U+FFFD.
     *
     * @throws IllegalArgumentException if an id is outside {@code [0, 257)}
     */
    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        ByteBuffer bytes = ByteBuffer.allocate(ids.length);
        for (int id : ids) {
            if (id == EOS) {
                continue;
            }
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("token id out of range [0, " + VOCAB_SIZE + "): " + id);
            }
            bytes.put((byte) id);
        }
        bytes.flip();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 decoding failed despite REPLACE", e);
        }
    }

    @Override
    public int vocabSize() {
        return VOCAB_SIZE;
    }

    @Override
    public int eosId() {
        return EOS;
    }

    @Override
    public int padId() {
        return EOS;
    }

    @Override
    public String name() {
        return "byte";
    }
}
