package io.kdprivacy.model.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the Hugging Face <a href="https://github.com/huggingface/safetensors">
 * safetensors</a> format: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8
 * JSON describing each tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>Writing always produces F32. Reading decodes F64, F32, F16 and BF16 tensors to float32; tensors of the
 * format's other element types (integers, booleans, 8-bit floats) are checked for layout but not decoded,
 * and are listed by {@link SafeTensorFile#undecoded()} — Hugging Face checkpoints keep non-parameter
 * buffers such as attention masks that way.
 */
public final class SafeTensors {
    /** Key of the string-to-string metadata map in the JSON header. */
    public static final String METADATA_KEY = "__metadata__";

    /** Largest header accepted on read (the reference implementation's limit). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK_BYTES = 1 << 20;
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeTensors() {}

    /** The format's element types; only the floating-point ones but the 8-bit floats are decoded. */
    private enum DType {
        F64(8, true),
        F32(4, true),
        F16(2, true),
        BF16(2, true),
        F8_E4M3(1, false),
        F8_E5M2(1, false),
        BOOL(1, false),
        U8(1, false),
        I8(1, false),
        U16(2, false),
        I16(2, false),
        U32(4, false),
        I32(4, false),
        U64(8, false),
        I64(8, false);

        final int bytes;
        final boolean decoded;

        DType(int bytes, boolean decoded) {
            this.bytes = bytes;
            this.decoded = decoded;
        }
    }

    /** One header entry, validated but not yet read. */
    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} as F32, in the given order, to {@code file}, atomically: the bytes go to
     * a temporary file in the same directory which is fsynced and then renamed over {@code file}.
     *
     * @param metadata stored under {@code __metadata__}; omitted from the header when empty
     * @throws IllegalArgumentException on duplicate or reserved tensor names
     * @throws CheckpointException if the file cannot be written
     */
    public static void write(Path file, List<TensorData> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        byte[] header = header(tensors, metadata);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + randomHex());
        try {
            Files.createDirectories(dir);
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer lead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                lead.putLong(header.length).flip();
                writeFully(ch, lead);
                writeFully(ch, ByteBuffer.wrap(header));
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (TensorData t : tensors) {
                    float[] data = t.data();
                    for (int off = 0; off < data.length; ) {
                        int n = Math.min(CHUNK_BYTES / Float.BYTES, data.length - off);
                        buf.clear();
                        buf.asFloatBuffer().put(data, off, n);
                        buf.limit(n * Float.BYTES);
                        writeFully(ch, buf);
                        off += n;
                    }
                }
                ch.force(true);
            }
            moveAtomically(tmp, target);
            fsyncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new CheckpointException("cannot write safetensors file " + file + ": " + e, e);
        }
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes. */
    static byte[] header(List<TensorData> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(
                    (k, v) ->
                            meta.put(
                                    Objects.requireNonNull(k, "metadata key"),
                                    Objects.requireNonNull(v, "metadata value for '" + k + "'")));
        }
        long offset = 0;
        for (TensorData t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name '" + METADATA_KEY + "' is reserved");
            }
            if (root.has(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", DType.F32.name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + t.numel() * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise safetensors header", e);
        }
        int padded = (json.length + 7) & ~7;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system supports it. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Best-effort fsync of a directory so that a rename in it is durable (a no-op where unsupported). */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on every platform (e.g. Windows); durability of the rename is best effort
        }
    }

    static String randomHex() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a safetensors file, decoding every tensor to float32.
     *
     * @throws CheckpointException if the file is missing, truncated or malformed, or uses a dtype
     *     other than F32, F16 or BF16
     */
    public static SafeTensorFile read(Path file) {
        return read(file, true);
    }

    /**
     * Checks a safetensors file without reading its tensors: the header is parsed and the tensors' byte ranges
     * must tile the data section exactly, so a truncated or padded file is found in milliseconds.
     *
     * @return the tensor names, in file order
     * @throws CheckpointException as {@link #read(Path)} does for a malformed file
     */
    public static List<String> inspect(Path file) {
        SafeTensorFile names = read(file, false);
        List<String> out = new ArrayList<>(names.names());
        names.undecoded().forEach(u -> out.add(u.name()));
        return out;
    }

    /** Reads the header and checks the layout; decodes the tensors only if {@code data} (else they come back undecoded). */
    private static SafeTensorFile read(Path file, boolean data) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw fail(file, "file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw fail(file, "not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw fail(file, "file is " + size + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer lead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, lead, 0);
            long n = lead.flip().getLong();
            if (n < 0 || n > size - 8) {
                throw fail(
                        file,
                        "header length " + Long.toUnsignedString(n) + " is larger than the file (" + size
                                + " bytes)");
            }
            if (n > MAX_HEADER_BYTES) {
                throw fail(file, "header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES);
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            readFully(file, ch, headerBytes, 8);
            long dataStart = 8 + n;
            long dataLength = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(file, headerBytes.flip(), metadata);
            checkLayout(file, entries, dataLength);
            List<TensorData> tensors = new ArrayList<>(entries.size());
            List<SafeTensorFile.Undecoded> undecoded = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : entries) {
                if (data && e.dtype.decoded) {
                    tensors.add(new TensorData(e.name, e.shape, readData(file, ch, buf, dataStart, e)));
                } else {
                    undecoded.add(new SafeTensorFile.Undecoded(e.name, e.dtype.name(), e.shape));
                }
            }
            return new SafeTensorFile(metadata, tensors, undecoded);
        } catch (NoSuchFileException e) {
            throw fail(file, "file does not exist", e);
        } catch (IOException e) {
            throw fail(file, "I/O error: " + e, e);
        }
    }

    private static List<Entry> parseHeader(Path file, ByteBuffer bytes, Map<String, String> metadata) {
        String text;
        try {
            CharBuffer chars =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(bytes);
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "header is not valid UTF-8", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw fail(file, "header is not valid JSON: expected an object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA_KEY)) {
                parseMetadata(file, node, metadata);
            } else {
                entries.add(parseEntry(file, name, node));
            }
        }
        return entries;
    }

    private static void parseMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw fail(file, METADATA_KEY + " is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> kv : node.properties()) {
            if (!kv.getValue().isTextual()) {
                throw fail(file, METADATA_KEY + " value for '" + kv.getKey() + "' is not a string");
            }
            metadata.put(kv.getKey(), kv.getValue().textValue());
        }
    }

    private static Entry parseEntry(Path file, String name, JsonNode node) {
        String where = "tensor '" + name + "'";
        if (name.isEmpty()) {
            throw fail(file, "tensor with an empty name");
        }
        if (!node.isObject()) {
            throw fail(file, where + " entry is not a JSON object");
        }
        JsonNode dtypeNode = required(file, where, node, "dtype");
        if (!dtypeNode.isTextual()) {
            throw fail(file, where + " has a non-string dtype");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw fail(
                    file,
                    where + " has unsupported dtype '" + dtypeNode.textValue() + "' (supported: "
                            + Arrays.toString(DType.values()) + ")");
        }
        long[] shape = longs(file, where, required(file, where, node, "shape"), "shape");
        long[] offsets = longs(file, where, required(file, where, node, "data_offsets"), "data_offsets");
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw fail(
                    file, where + " has invalid data_offsets " + Arrays.toString(offsets)
                            + " (expected [begin, end] with begin <= end)");
        }
        long numel;
        try {
            numel = TensorData.numel(name, shape);
        } catch (IllegalArgumentException e) {
            throw fail(file, e.getMessage(), e);
        }
        if (dtype.decoded && numel > Integer.MAX_VALUE - 8) {
            throw fail(file, where + " has " + numel + " elements, too many for a Java float[]");
        }
        long expected = numel * dtype.bytes;
        if (offsets[1] - offsets[0] != expected) {
            throw fail(
                    file,
                    where + " data_offsets " + Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0])
                            + " bytes but shape " + Arrays.toString(shape) + " x " + dtype + " needs "
                            + expected);
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static JsonNode required(Path file, String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw fail(file, where + " is missing '" + key + "'");
        }
        return value;
    }

    private static long[] longs(Path file, String where, JsonNode node, String key) {
        if (!node.isArray()) {
            throw fail(file, where + " has a non-array '" + key + "'");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw fail(file, where + " has a non-negative-integer element in '" + key + "': " + node);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /**
     * Sorts entries by offset and checks that they tile the data buffer exactly: in range, no
     * overlaps, no gaps, and no trailing bytes.
     */
    private static void checkLayout(Path file, List<Entry> entries, long dataLength) {
        entries.sort(
                Comparator.comparingLong(Entry::begin)
                        .thenComparingLong(Entry::end)
                        .thenComparing(Entry::name));
        long covered = 0;
        String previous = null;
        for (Entry e : entries) {
            String where = "tensor '" + e.name + "' data_offsets [" + e.begin + ", " + e.end + "]";
            if (e.end > dataLength) {
                throw fail(
                        file, where + " are out of range: the data section has " + dataLength + " bytes");
            }
            if (e.begin < covered) {
                throw fail(file, where + " overlap tensor '" + previous + "' (which ends at " + covered + ")");
            }
            if (e.begin > covered) {
                throw fail(
                        file, "bytes [" + covered + ", " + e.begin + ") of the data section are not covered by"
                                + " any tensor (gap before tensor '" + e.name + "')");
            }
            covered = e.end;
            previous = e.name;
        }
        if (covered != dataLength) {
            throw fail(
                    file, (dataLength - covered) + " trailing bytes after the last tensor: the data section"
                            + " has " + dataLength + " bytes but tensors cover only " + covered);
        }
    }

    private static float[] readData(
            Path file, FileChannel ch, ByteBuffer buf, long dataStart, Entry e) throws IOException {
        float[] out = new float[Math.toIntExact((e.end - e.begin) / e.dtype.bytes)];
        long pos = dataStart + e.begin;
        int done = 0;
        while (done < out.length) {
            int n = Math.min(CHUNK_BYTES / e.dtype.bytes, out.length - done);
            buf.clear().limit(n * e.dtype.bytes);
            readFully(file, ch, buf, pos);
            buf.flip();
            switch (e.dtype) {
                case F32 -> buf.asFloatBuffer().get(out, done, n);
                case F64 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = (float) buf.getDouble();
                    }
                }
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = halfToFloat(buf.getShort());
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = bfloat16ToFloat(buf.getShort());
                    }
                }
                default -> throw new AssertionError(e.dtype);
            }
            pos += (long) n * e.dtype.bytes;
            done += n;
        }
        return out;
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long position)
            throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw fail(file, "unexpected end of file at byte " + pos + " (file truncated?)");
            }
            pos += r;
        }
    }

    /** Converts an IEEE 754 binary16 value to float32 (exact; handles subnormals, infinities, NaN). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // zero or subnormal: mantissa x 2^-24, exact
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + (127 - 15)) << 23) | (mantissa << 13));
    }

    /** Converts a bfloat16 value (the top 16 bits of a float32) to float32. */
    static float bfloat16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }

    private static CheckpointException fail(Path file, String problem) {
        return new CheckpointException("safetensors file " + file + ": " + problem);
    }

    private static CheckpointException fail(Path file, String problem, Throwable cause) {
        return new CheckpointException("safetensors file " + file + ": " + problem, cause);
    }
}
