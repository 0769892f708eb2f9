package io.kdprivacy.model.checkpoint;

import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.f32;
import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.image;
import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.u16;
import static io.kdprivacy.model.checkpoint.SafeTensorsTestSupport.writeFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir Path tmp;

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.25f - 1f;
        }
        return v;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTripPreservesShapesValuesOrderAndMetadata() {
        List<TensorData> tensors =
                List.of(
                        new TensorData("z.scalar", new long[0], new float[] {3.5f}),
                        new TensorData("vector", new long[] {4}, new float[] {Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE}),
                        new TensorData("cube", new long[] {2, 3, 4}, ramp(24)),
                        new TensorData("empty", new long[] {0, 5}, new float[0]),
                        new TensorData("a.last", new long[] {1, 1}, new float[] {-7f}));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "héllo \"quoted\" ✓");
        Path file = tmp.resolve("m.safetensors");

        SafeTensors.write(file, tensors, metadata);
        SafeTensorFile read = SafeTensors.read(file);

        assertThat(read.tensors()).containsExactlyElementsOf(tensors);
        assertThat(read.names()).containsExactly("z.scalar", "vector", "cube", "empty", "a.last");
        assertThat(read.metadata()).containsExactlyInAnyOrderEntriesOf(metadata);
        assertThat(read.get("cube").shape()).containsExactly(2, 3, 4);
        assertThat(read.get("z.scalar").shape()).isEmpty();
        assertThat(Float.floatToRawIntBits(read.get("vector").data()[1]))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(read.find("missing")).isEmpty();
        assertThat(read.find("cube")).contains(tensors.get(2));
        assertThatThrownBy(() -> read.get("missing"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining("cube");
    }

    @Test
    void emptyMetadataIsOmittedAndReadsBackEmpty() throws IOException {
        Path file = tmp.resolve("m.safetensors");
        SafeTensors.write(file, List.of(new TensorData("a", new long[] {1}, new float[] {1f})), Map.of());
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .doesNotContain("__metadata__");
        assertThat(SafeTensors.read(file).metadata()).isEmpty();
    }

    @Test
    void largeTensorSpanningSeveralIoChunksRoundTrips() {
        float[] big = new float[3 * (1 << 18) + 5]; // > 3 MiB: several 1 MiB chunks plus a remainder
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i);
        }
        List<TensorData> tensors =
                List.of(
                        new TensorData("head", new long[] {3}, new float[] {1, 2, 3}),
                        new TensorData("big", new long[] {big.length}, big));
        Path file = tmp.resolve("big.safetensors");
        SafeTensors.write(file, tensors, Map.of());
        assertThat(SafeTensors.read(file).tensors()).containsExactlyElementsOf(tensors);
    }

    @Test
    void headerIsPaddedWithSpacesToMultipleOfEight() throws IOException {
        List<Integer> unpaddedLengths = new ArrayList<>();
        for (int len = 1; len <= 9; len++) {
            String name = "n".repeat(len);
            Path file = tmp.resolve(len + ".safetensors");
            SafeTensors.write(file, List.of(new TensorData(name, new long[] {2}, new float[] {1f, 2f})), Map.of());
            byte[] bytes = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(n % 8).as("header length for name length %d", len).isZero();
            assertThat(bytes.length).isEqualTo(8 + n + 8);
            String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
            String json = header.stripTrailing();
            assertThat(json).endsWith("}");
            assertThat(header.substring(json.length())).matches(" {0,7}");
            unpaddedLengths.add(json.length());
            assertThat(SafeTensors.read(file).get(name).data()).containsExactly(1f, 2f);
        }
        // the loop must actually have exercised padding
        assertThat(unpaddedLengths).anyMatch(l -> l % 8 != 0);
    }

    /**
     * What Python's {@code safetensors.torch.save_file({"a": torch.tensor([1.0, 2.0])}, f)} writes:
     * header length 56, the compact JSON padded with two spaces, then 1.0f and 2.0f little-endian.
     */
    private static final byte[] PYTHON_GOLDEN = goldenBytes();

    private static byte[] goldenBytes() {
        byte[] json =
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  "
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[8 + json.length + 8];
        out[0] = 56; // header length, little-endian u64
        System.arraycopy(json, 0, out, 8, json.length);
        byte[] data = {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40}; // 1.0f, 2.0f
        System.arraycopy(data, 0, out, 8 + json.length, 8);
        return out;
    }

    @Test
    void readsBytesAsWrittenByPythonSafetensors() throws IOException {
        assertThat(PYTHON_GOLDEN).hasSize(8 + 56 + 8);
        Path file = writeFile(tmp, "py.safetensors", PYTHON_GOLDEN);
        SafeTensorFile read = SafeTensors.read(file);
        assertThat(read.metadata()).isEmpty();
        assertThat(read.tensors())
                .containsExactly(new TensorData("a", new long[] {2}, new float[] {1.0f, 2.0f}));
    }

    @Test
    void writesTheSameBytesAsPythonSafetensors() throws IOException {
        Path file = tmp.resolve("ours.safetensors");
        SafeTensors.write(file, List.of(new TensorData("a", new long[] {2}, new float[] {1f, 2f})), Map.of());
        assertThat(Files.readAllBytes(file)).isEqualTo(PYTHON_GOLDEN);
    }

    @Test
    void halfToFloatKnownValues() {
        assertThat(SafeTensors.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(SafeTensors.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(SafeTensors.halfToFloat((short) 0x7BFF)).isEqualTo(65504.0f);
        assertThat(SafeTensors.halfToFloat((short) 0x0001)).isEqualTo(5.960464477539063e-8f);
        assertThat(SafeTensors.halfToFloat((short) 0x03FF)).isEqualTo(6.097555160522461e-5f);
        assertThat(SafeTensors.halfToFloat((short) 0x0400)).isEqualTo(6.103515625e-5f);
        assertThat(SafeTensors.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(SafeTensors.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(SafeTensors.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(SafeTensors.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(SafeTensors.halfToFloat((short) 0xFC01)).isNaN();
        assertThat(Float.floatToRawIntBits(SafeTensors.halfToFloat((short) 0x8000)))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(Float.floatToRawIntBits(SafeTensors.halfToFloat((short) 0x0000))).isZero();
    }

    @Test
    void halfToFloatMatchesDefinitionForEveryFiniteValue() {
        for (int h = 0; h <= 0xFFFF; h++) {
            int exp = (h >>> 10) & 0x1F;
            if (exp == 0x1F) {
                continue;
            }
            int mant = h & 0x3FF;
            double magnitude = exp == 0 ? Math.scalb((double) mant, -24) : Math.scalb(1024.0 + mant, exp - 25);
            double expected = (h & 0x8000) != 0 ? -magnitude : magnitude;
            assertThat((double) SafeTensors.halfToFloat((short) h))
                    .as("0x%04X", h)
                    .isEqualTo(expected);
        }
    }

    @Test
    void bfloat16ToFloatKnownValues() {
        assertThat(SafeTensors.bfloat16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
        assertThat(SafeTensors.bfloat16ToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(SafeTensors.bfloat16ToFloat((short) 0x4049)).isEqualTo(3.140625f);
        assertThat(SafeTensors.bfloat16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(SafeTensors.bfloat16ToFloat((short) 0xFF80)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(SafeTensors.bfloat16ToFloat((short) 0x7FC0)).isNaN();
        assertThat(SafeTensors.bfloat16ToFloat((short) 0x0001)).isEqualTo(Float.intBitsToFloat(0x10000));
    }

    @Test
    void readsHandCraftedF16AndBf16AndF32File() throws IOException {
        String json =
                "{\"__metadata__\":{\"k\":\"v\"},"
                        + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]},"
                        + "\"f\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[14,18]}}";
        byte[] data = new byte[18];
        System.arraycopy(u16(0x3C00, 0xC000, 0x7BFF, 0x0001), 0, data, 0, 8);
        System.arraycopy(u16(0x3F80, 0xC040, 0x4049), 0, data, 8, 6);
        System.arraycopy(f32(0.5f), 0, data, 14, 4);
        Path file = writeFile(tmp, "mixed.safetensors", image(json, data));

        SafeTensorFile read = SafeTensors.read(file);

        assertThat(read.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat(read.get("h").shape()).containsExactly(2, 2);
        assertThat(read.get("h").data()).containsExactly(1.0f, -2.0f, 65504.0f, 5.960464477539063e-8f);
        assertThat(read.get("b").data()).containsExactly(1.0f, -3.0f, 3.140625f);
        assertThat(read.get("f").shape()).isEmpty();
        assertThat(read.get("f").data()).containsExactly(0.5f);
    }

    @Test
    void tensorsAreReturnedInDataOffsetOrderNotHeaderOrder() throws IOException {
        String json =
                "{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                        + "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path file = writeFile(tmp, "order.safetensors", image(json, f32(1f, 2f)));
        SafeTensorFile read = SafeTensors.read(file);
        assertThat(read.names()).containsExactly("first", "second");
        assertThat(read.get("first").data()).containsExactly(1f);
        assertThat(read.get("second").data()).containsExactly(2f);
    }

    @Test
    void writeReplacesExistingFileAndLeavesNoTempFiles() throws IOException {
        Path file = tmp.resolve("m.safetensors");
        SafeTensors.write(file, List.of(new TensorData("old", new long[] {1}, new float[] {1f})), Map.of());
        SafeTensors.write(file, List.of(new TensorData("new", new long[] {2}, new float[] {2f, 3f})), Map.of("x", "y"));
        SafeTensorFile read = SafeTensors.read(file);
        assertThat(read.names()).containsExactly("new");
        assertThat(read.metadata()).containsExactly(Map.entry("x", "y"));
        assertThat(listing(tmp)).containsExactly("m.safetensors");
    }

    @Test
    void failedWriteDeletesItsTempFile() throws IOException {
        Path target = tmp.resolve("occupied");
        Files.createDirectories(target.resolve("child")); // a non-empty directory cannot be replaced
        assertThatThrownBy(
                        () -> SafeTensors.write(target, List.of(new TensorData("a", new long[] {1}, new float[] {1f})), Map.of()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("occupied");
        assertThat(listing(tmp)).containsExactly("occupied");
    }

    @Test
    void writeRejectsDuplicateAndReservedNames() {
        Path file = tmp.resolve("m.safetensors");
        TensorData a = new TensorData("a", new long[] {1}, new float[] {1f});
        assertThatThrownBy(() -> SafeTensors.write(file, List.of(a, a), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
        assertThatThrownBy(
                        () -> SafeTensors.write(file, List.of(new TensorData("__metadata__", new long[0], new float[1])), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void headerMatchesSpecLayout() {
        byte[] header =
                SafeTensors.header(
                        List.of(
                                new TensorData("x", new long[] {2, 1}, new float[2]),
                                new TensorData("y", new long[0], new float[1])),
                        Map.of("k", "v"));
        assertThat(new String(header, StandardCharsets.UTF_8).stripTrailing())
                .isEqualTo(
                        "{\"__metadata__\":{\"k\":\"v\"},"
                                + "\"x\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                                + "\"y\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}");
        assertThat(header.length % 8).isZero();
    }
}
