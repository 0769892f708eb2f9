package io.kdprivacy.text;

/**
 * Maps text to token ids and back.
 *
 * <p>Implementations are deterministic: the same text always yields the same ids.
 */
public interface Tokenizer {

    /**
     * Encodes text into token ids, without adding any special tokens (no BOS/EOS).
     *
     * @param text the text to encode, not null
     * @return the token ids, never null (empty for empty text)
     */
    int[] encode(String text);

    /**
     * Decodes token ids into text, skipping special tokens such as EOS and padding.
     *
     * @param ids the token ids, not null
     * @return the decoded text, never null
     */
    String decode(int[] ids);

    /** Returns the number of token ids; every id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** Returns the id of the end-of-sequence token. */
    int eosId();

    /** Returns the id used for padding (may equal {@link #eosId()}). */
    int padId();

    /** Returns a short human-readable name for reports and logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
