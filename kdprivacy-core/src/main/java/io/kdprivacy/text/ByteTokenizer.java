package io.kdprivacy.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /**
     * This tokenizer as a Hugging Face {@code tokenizer.json}, to ship beside an exported byte-level model: a
     * byte-level BPE without merges (so id = byte, as here) whose {@code <|endoftext|>} (id {@value #EOS}) is the
     * end-of-sequence token. One difference: Hugging Face's tokenizer reads the literal text
     * {@code <|endoftext|>} as that token, where this one spells it out in bytes.
     */
    public static String huggingFaceJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("version", "1.0").putNull("truncation").putNull("padding");
        root.putArray("added_tokens").addObject().put("id", EOS).put("content", "<|endoftext|>")
                .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false)
                .put("special", true);
        root.putNull("normalizer");
        ObjectNode byteLevel = json.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", false);
        root.set("pre_tokenizer", byteLevel);
        root.putNull("post_processor");
        root.set("decoder", byteLevel.deepCopy());
        ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout").putNull("unk_token")
                .putNull("continuing_subword_prefix").putNull("end_of_word_suffix").put("fuse_unk", false);
        ObjectNode vocab = model.putObject("vocab");
        int[] unicode = byteToUnicode();
        for (int b = 0; b < 256; b++) {
            vocab.put(new String(Character.toChars(unicode[b])), b);
        }
        model.putArray("merges");
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GPT-2's byte-level alphabet: printable bytes stand for themselves, the rest for code points from 256 up. */
    private static int[] byteToUnicode() {
        int[] out = new int[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
            out[b] = printable ? b : next++;
        }
        return out;
    }
}
