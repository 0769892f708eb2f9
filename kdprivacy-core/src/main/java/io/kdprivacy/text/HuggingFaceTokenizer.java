package io.kdprivacy.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link Tokenizer} backed by a local Hugging Face {@code tokenizer.json}, loaded fully offline
 * through DJL's native tokenizers binding (the native library ships inside the DJL jar).
 *
 * <p>DJL exposes no vocabulary API, so the vocabulary size and special-token ids are read from the
 * {@code tokenizer.json} itself ({@code model.vocab} plus {@code added_tokens}). Instances hold
 * native memory: {@link #close()} them when done. Encoding and decoding are thread-safe.
 */
public final class HuggingFaceTokenizer implements Tokenizer, AutoCloseable {

    /** Tokens tried, in order, when no EOS id is given. */
    public static final List<String> EOS_CANDIDATES = List.of("<|endoftext|>", "</s>", "<eos>");

    /** Tokens tried, in order, for the padding id; when none exists padding uses EOS. */
    public static final List<String> PAD_CANDIDATES = List.of("<pad>", "[PAD]", "<|pad|>", "<|padding|>");

    private static final String FILE_NAME = "tokenizer.json";

    private final Path file;
    private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate;
    private final int vocabSize;
    private final int eosId;
    private final int padId;
    private volatile boolean closed;

    /**
     * Loads a tokenizer and looks its EOS id up among {@link #EOS_CANDIDATES}.
     *
     * @param path a {@code tokenizer.json} file or a directory containing one
     * @throws IllegalArgumentException if the file is missing or has none of the EOS candidates
     * @throws UncheckedIOException if the file cannot be read or parsed
     */
    public HuggingFaceTokenizer(Path path) {
        this(path, OptionalInt.empty());
    }

    /**
     * Loads a tokenizer with an explicit EOS id.
     *
     * @param path a {@code tokenizer.json} file or a directory containing one
     * @param eosId the end-of-sequence id, in {@code [0, vocabSize)}
     * @throws IllegalArgumentException if the file is missing or {@code eosId} is out of range
     * @throws UncheckedIOException if the file cannot be read or parsed
     */
    public HuggingFaceTokenizer(Path path, int eosId) {
        this(path, OptionalInt.of(eosId));
    }

    private HuggingFaceTokenizer(Path path, OptionalInt explicitEos) {
        this.file = resolve(path);
        Map<String, Integer> vocab = vocabulary(file);
        this.vocabSize = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        if (vocabSize == 0) {
            throw new IllegalArgumentException("tokenizer has an empty vocabulary: " + file);
        }
        if (explicitEos.isPresent()) {
            int id = explicitEos.getAsInt();
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException(
                        "eosId " + id + " out of range [0, " + vocabSize + ") for " + file);
            }
            this.eosId = id;
        } else {
            this.eosId = lookup(vocab, EOS_CANDIDATES).orElseThrow(() -> new IllegalArgumentException(
                    "no EOS token found in " + file + " (tried " + EOS_CANDIDATES
                            + "); pass the EOS id explicitly"));
        }
        this.padId = lookup(vocab, PAD_CANDIDATES).orElse(eosId);
        try {
            this.delegate = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(
                    file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        long[] ids = open().encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if an id is outside {@code [0, vocabSize())}
     */
    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new IllegalArgumentException("token id out of range [0, " + vocabSize + "): " + ids[i]);
            }
            longs[i] = ids[i];
        }
        return open().decode(longs, true);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    /** Returns {@code hf:} followed by the loaded file's path. */
    @Override
    public String name() {
        return "hf:" + file;
    }

    /** Returns the {@code tokenizer.json} file this tokenizer was loaded from. */
    public Path file() {
        return file;
    }

    /** Releases the native tokenizer; idempotent. Later encode/decode calls fail. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            delegate.close();
        }
    }

    private ai.djl.huggingface.tokenizers.HuggingFaceTokenizer open() {
        if (closed) {
            throw new IllegalStateException("tokenizer is closed: " + file);
        }
        return delegate;
    }

    private static Path resolve(Path path) {
        Objects.requireNonNull(path, "path");
        Path candidate = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(candidate)) {
            throw new IllegalArgumentException("tokenizer file not found: " + candidate.toAbsolutePath());
        }
        return candidate;
    }

    /**
     * The vocabulary of a {@code tokenizer.json} (token to id, from {@code model.vocab} — a map, or a Unigram
     * list — and {@code added_tokens}), read without loading the tokenizer.
     *
     * @param path a {@code tokenizer.json} file or a directory containing one
     * @throws IllegalArgumentException if the file is missing or not a tokenizer.json object
     * @throws UncheckedIOException     if it cannot be read or parsed
     */
    public static Map<String, Integer> vocabulary(Path path) {
        Path file = resolve(path);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse tokenizer " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a tokenizer.json object: " + file);
        }
        Map<String, Integer> vocab = new HashMap<>();
        JsonNode modelVocab = root.path("model").path("vocab");
        if (modelVocab.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = modelVocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                vocab.put(e.getKey(), e.getValue().asInt());
            }
        } else if (modelVocab.isArray()) { // Unigram: [[piece, score], ...], id = index
            for (int i = 0; i < modelVocab.size(); i++) {
                vocab.put(modelVocab.get(i).path(0).asText(), i);
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            if (added.hasNonNull("content") && added.has("id")) {
                vocab.put(added.get("content").asText(), added.get("id").asInt());
            }
        }
        return vocab;
    }

    private static Optional<Integer> lookup(Map<String, Integer> vocab, List<String> candidates) {
        return candidates.stream().filter(vocab::containsKey).map(vocab::get).findFirst();
    }
}
