package io.kdprivacy.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kdprivacy.results.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads model checkpoints: a directory holding {@value #CONFIG_FILE} (caller-supplied
 * JSON) and {@value #WEIGHTS_FILE} (float32 weights with a SHA-256 integrity digest in its
 * metadata).
 */
public final class Checkpoints {
    /** Name of the model configuration file inside a checkpoint directory. */
    public static final String CONFIG_FILE = "config.json";
    /** Name of the weights file inside a checkpoint directory. */
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** Name of the index of a sharded checkpoint's weight files (Hugging Face's layout). */
    public static final String SHARD_INDEX_FILE = "model.safetensors.index.json";
    /** PyTorch pickle weights, which kdprivacy does not read (unpickling can run arbitrary code). */
    private static final List<String> PICKLE_FILES = List.of("pytorch_model.bin", "pytorch_model.bin.index.json");
    /** Metadata key holding the hex SHA-256 of all tensors' little-endian float32 bytes, in order. */
    public static final String CHECKSUM_KEY = "kdprivacy.sha256";
    /** Metadata key for the tensor layout convention; always {@value #FORMAT_VALUE}. */
    public static final String FORMAT_KEY = "format";
    /** Value stored under {@link #FORMAT_KEY}. */
    public static final String FORMAT_VALUE = "pt";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Checkpoints() {}

    /**
     * Writes a checkpoint to {@code dir}, replacing any existing one as atomically as the file system
     * allows: everything is written to a fresh temporary sibling directory, then swapped into place
     * (the old directory is moved aside first and restored if the swap fails).
     *
     * @param configJson JSON text stored verbatim as {@value #CONFIG_FILE}
     * @param metadata extra safetensors metadata; {@value #CHECKSUM_KEY} and {@value #FORMAT_KEY}
     *     are set by this method and override caller values
     * @throws IllegalArgumentException if {@code configJson} is not valid JSON or the tensors are
     *     invalid (duplicate names)
     * @throws CheckpointException if the checkpoint cannot be written
     */
    public static void save(
            Path dir, String configJson, List<TensorData> tensors, Map<String, String> metadata) {
        save(dir, configJson, tensors, metadata, Map.of());
    }

    /**
     * As {@link #save(Path, String, List, Map)}, with more files copied into the checkpoint before it is
     * swapped into place (a {@code tokenizer.json}, say).
     *
     * @param extraFiles file name inside the checkpoint to the file to copy there
     */
    public static void save(Path dir, String configJson, List<TensorData> tensors, Map<String, String> metadata,
                            Map<String, Path> extraFiles) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        if (dir.getFileName() == null) {
            throw new IllegalArgumentException("checkpoint directory has no name: " + dir);
        }
        if (!isJson(configJson)) {
            throw new IllegalArgumentException("configJson is not valid JSON");
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(FORMAT_KEY, FORMAT_VALUE);
        meta.put(CHECKSUM_KEY, sha256(tensors));

        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CheckpointException("checkpoint path exists and is not a directory: " + dir);
        }
        String name = target.getFileName().toString();
        Path tmp = target.resolveSibling("." + name + ".tmp-" + SafeTensors.randomHex());
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(tmp);
            writeConfig(tmp.resolve(CONFIG_FILE), configJson);
            SafeTensors.write(tmp.resolve(WEIGHTS_FILE), tensors, meta);
            for (Map.Entry<String, Path> extra : extraFiles.entrySet()) {
                Path copy = tmp.resolve(extra.getKey()).normalize();
                if (!tmp.equals(copy.getParent()) || extra.getKey().equals(CONFIG_FILE)
                        || extra.getKey().equals(WEIGHTS_FILE)) {
                    throw new IllegalArgumentException("not a file name for an extra checkpoint file: " + extra.getKey());
                }
                Files.copy(extra.getValue(), copy);
            }
            SafeTensors.fsyncDirectory(tmp);
            swapIn(tmp, target, name);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp, e);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new CheckpointException("cannot save checkpoint " + dir + ": " + e, e);
        }
    }

    /** Moves {@code tmp} to {@code target}, moving an existing {@code target} aside first. */
    private static void swapIn(Path tmp, Path target, String name) throws IOException {
        Path parent = target.getParent();
        if (!Files.exists(target)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            SafeTensors.fsyncDirectory(parent);
            return;
        }
        Path backup = target.resolveSibling("." + name + ".bak-" + SafeTensors.randomHex());
        Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(
                        new CheckpointException(
                                "could not restore previous checkpoint " + target + " from " + backup, restore));
            }
            throw e;
        }
        SafeTensors.fsyncDirectory(parent);
        try {
            deleteRecursively(backup);
        } catch (IOException e) {
            LOG.warn("Saved checkpoint {} but could not delete backup {}", target, backup, e);
        }
    }

    private static void writeConfig(Path file, String configJson) throws IOException {
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(configJson.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /**
     * Reads the checkpoint in {@code dir}: {@value #CONFIG_FILE} and either {@value #WEIGHTS_FILE} or the
     * shards named by {@value #SHARD_INDEX_FILE}. If the weights carry a {@value #CHECKSUM_KEY} digest it is
     * recomputed and compared.
     *
     * @throws CheckpointException if the directory or a file is missing or malformed, the checksum does not
     *     match, or the weights are PyTorch pickles ({@code pytorch_model.bin})
     */
    public static LoadedCheckpoint load(Path dir) {
        String configJson = configOf(dir);
        SafeTensorFile file = weights(dir, true);
        String expected = file.metadata().get(CHECKSUM_KEY);
        if (expected != null) {
            String actual = sha256(file.tensors());
            if (!actual.equalsIgnoreCase(expected)) {
                throw new CheckpointException(
                        "checkpoint " + dir + ": checksum mismatch: corrupt checkpoint (" + WEIGHTS_FILE
                                + " records sha256 " + expected + " but its tensors hash to " + actual + ")");
            }
        }
        return new LoadedCheckpoint(configJson, file);
    }

    /**
     * Checks a checkpoint directory without reading its weights: {@value #CONFIG_FILE} is JSON, and every
     * weights file (or shard) has a well-formed header whose tensors exactly fill the file.
     *
     * @throws CheckpointException naming the file and the problem
     */
    public static void inspect(Path dir) {
        configOf(dir);
        weights(dir, false);
    }

    /** The text of {@code dir}'s {@value #CONFIG_FILE}, checked to be JSON. */
    private static String configOf(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException("checkpoint directory does not exist: " + dir);
        }
        Path config = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            throw new CheckpointException("checkpoint is missing " + CONFIG_FILE + ": " + config);
        }
        return readConfig(config);
    }

    private static SafeTensorFile weights(Path dir, boolean data) {
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (Files.isRegularFile(weights)) {
            return data ? SafeTensors.read(weights) : new SafeTensorFile(Map.of(), List.of(), undecodedNames(weights));
        }
        Path index = dir.resolve(SHARD_INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return readShards(dir, index, data);
        }
        for (String pickle : PICKLE_FILES) {
            if (Files.exists(dir.resolve(pickle))) {
                throw new CheckpointException("checkpoint " + dir + " has PyTorch pickle weights (" + pickle
                        + "), which kdprivacy does not read; convert them to safetensors first, e.g. with "
                        + "transformers: AutoModelForCausalLM.from_pretrained(dir).save_pretrained(dir, "
                        + "safe_serialization=True)");
            }
        }
        throw new CheckpointException("checkpoint is missing " + WEIGHTS_FILE + " (or " + SHARD_INDEX_FILE
                + " and its shards): " + weights);
    }

    /** The shards of a sharded checkpoint as one file, each checked to hold exactly what the index says. */
    /** The tensors of a file checked by {@link SafeTensors#inspect}, as names only. */
    private static List<SafeTensorFile.Undecoded> undecodedNames(Path file) {
        return SafeTensors.inspect(file).stream().map(n -> new SafeTensorFile.Undecoded(n, "unread", new long[0])).toList();
    }

    private static SafeTensorFile readShards(Path dir, Path index, boolean data) {
        JsonNode map;
        try {
            map = JSON.readTree(Files.readString(index)).path("weight_map");
        } catch (IOException e) {
            throw new CheckpointException(index + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new CheckpointException(index + " has no \"weight_map\" object naming the shard of each tensor");
        }
        Map<String, java.util.Set<String>> byShard = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            String shard = e.getValue().asText("");
            Path resolved = dir.resolve(shard).normalize();
            if (!e.getValue().isTextual() || shard.isEmpty() || !dir.normalize().equals(resolved.getParent())) {
                throw new CheckpointException(index + ": tensor '" + e.getKey() + "' maps to '" + e.getValue()
                        + "', which is not a file name in " + dir);
            }
            byShard.computeIfAbsent(shard, k -> new java.util.TreeSet<>()).add(e.getKey());
        }
        List<SafeTensorFile> shards = new java.util.ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> e : byShard.entrySet()) {
            Path shard = dir.resolve(e.getKey());
            if (!Files.isRegularFile(shard)) {
                throw new CheckpointException("shard " + shard + " named by " + index + " does not exist");
            }
            SafeTensorFile file = data ? SafeTensors.read(shard)
                    : new SafeTensorFile(Map.of(), List.of(), undecodedNames(shard));
            java.util.Set<String> held = new java.util.TreeSet<>(file.names());
            file.undecoded().forEach(u -> held.add(u.name()));
            if (!held.equals(e.getValue())) {
                java.util.Set<String> missing = new java.util.TreeSet<>(e.getValue());
                missing.removeAll(held);
                held.removeAll(e.getValue());
                throw new CheckpointException("shard " + shard + " does not hold what " + index + " says: "
                        + (missing.isEmpty() ? "" : "missing " + missing + " ")
                        + (held.isEmpty() ? "" : "not in the index " + held));
            }
            shards.add(file);
        }
        return SafeTensorFile.merge(shards);
    }

    private static String readConfig(Path config) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(Files.readAllBytes(config)))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(CONFIG_FILE + " is not valid UTF-8: " + config, e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + config + ": " + e, e);
        }
        if (!isJson(text)) {
            throw new CheckpointException(CONFIG_FILE + " is not valid JSON: " + config);
        }
        return text;
    }

    private static boolean isJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && !node.isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Hex SHA-256 over every tensor's little-endian float32 bytes (raw bits), in list order. */
    static String sha256(List<TensorData> tensors) {
        MessageDigest md = Sha256.digest();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorData t : tensors) {
            for (float f : t.data()) {
                if (!buf.hasRemaining()) {
                    md.update(buf.flip());
                    buf.clear();
                }
                buf.putInt(Float.floatToRawIntBits(f));
            }
        }
        md.update(buf.flip());
        return Sha256.hex(md);
    }

    private static void deleteRecursively(Path root, Exception primary) {
        try {
            deleteRecursively(root);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                        if (exc != null) {
                            throw exc;
                        }
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
