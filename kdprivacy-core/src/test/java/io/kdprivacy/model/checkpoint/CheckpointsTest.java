package io.kdprivacy.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    private static final String CONFIG = "{\"model_type\": \"gpt2\", \"n_layer\": 2, \"vocab\": [\"ä\", \"b\"]}";

    @TempDir Path tmp;

    private static List<TensorData> weights(float scale) {
        float[] w = new float[2 * 3 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * (i - 10);
        }
        return List.of(
                new TensorData("wte.weight", new long[] {2, 3, 4}, w),
                new TensorData("ln.bias", new long[] {3}, new float[] {scale, -scale, 0.5f}),
                new TensorData("temperature", new long[0], new float[] {scale}));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Independent reference digest: SHA-256 over the concatenated little-endian float32 data. */
    private static String referenceSha256(List<TensorData> tensors) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (TensorData t : tensors) {
            ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : t.data()) {
                b.putFloat(f);
            }
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void saveAndLoadRoundTrip() throws Exception {
        Path dir = tmp.resolve("ckpt");
        List<TensorData> tensors = weights(1f);
        Checkpoints.save(dir, CONFIG, tensors, Map.of("author", "test", Checkpoints.CHECKSUM_KEY, "forged"));

        assertThat(listing(dir)).containsExactly(Checkpoints.CONFIG_FILE, Checkpoints.WEIGHTS_FILE);
        assertThat(Files.readString(dir.resolve(Checkpoints.CONFIG_FILE))).isEqualTo(CONFIG);
        LoadedCheckpoint loaded = Checkpoints.load(dir);
        assertThat(loaded.configJson()).isEqualTo(CONFIG);
        assertThat(loaded.weights().tensors()).containsExactlyElementsOf(tensors);
        assertThat(loaded.weights().metadata())
                .containsEntry("author", "test")
                .containsEntry(Checkpoints.FORMAT_KEY, "pt")
                .containsEntry(Checkpoints.CHECKSUM_KEY, referenceSha256(tensors))
                .hasSize(3);
        assertThat(listing(tmp)).containsExactly("ckpt");
    }

    @Test
    void saveCreatesMissingParentDirectories() {
        Path dir = tmp.resolve("a/b/ckpt");
        Checkpoints.save(dir, "{}", weights(2f), Map.of());
        assertThat(Checkpoints.load(dir).weights().tensors()).containsExactlyElementsOf(weights(2f));
    }

    @Test
    void flippedDataByteIsDetectedAsCorrupt() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, CONFIG, weights(1f), Map.of());
        Path file = dir.resolve(Checkpoints.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int firstDataByte = (int) (8 + headerLength);
        for (int index : new int[] {firstDataByte, firstDataByte + 37, bytes.length - 1}) {
            byte[] corrupt = bytes.clone();
            corrupt[index] ^= 0x01;
            Files.write(file, corrupt);
            assertThatThrownBy(() -> Checkpoints.load(dir))
                    .as("flipped byte %d", index)
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("checksum mismatch")
                    .hasMessageContaining("corrupt checkpoint")
                    .hasMessageContaining(dir.toString());
        }
        Files.write(file, bytes);
        assertThat(Checkpoints.load(dir).weights().tensors()).containsExactlyElementsOf(weights(1f));
    }

    @Test
    void weightsWithoutChecksumLoadUnverified() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("foreign"));
        Files.writeString(dir.resolve(Checkpoints.CONFIG_FILE), "{\"x\":1}");
        SafeTensors.write(dir.resolve(Checkpoints.WEIGHTS_FILE), weights(3f), Map.of("format", "pt"));
        LoadedCheckpoint loaded = Checkpoints.load(dir);
        assertThat(loaded.configJson()).isEqualTo("{\"x\":1}");
        assertThat(loaded.weights().tensors()).containsExactlyElementsOf(weights(3f));
    }

    @Test
    void saveOverExistingCheckpointReplacesItAndLeavesNoTempOrBackupDirs() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, "{\"v\":1}", weights(1f), Map.of("gen", "1"));
        Files.writeString(dir.resolve("stale.txt"), "left over from the old checkpoint");

        Checkpoints.save(dir, "{\"v\":2}", List.of(new TensorData("only", new long[] {1}, new float[] {9f})), Map.of("gen", "2"));

        LoadedCheckpoint loaded = Checkpoints.load(dir);
        assertThat(loaded.configJson()).isEqualTo("{\"v\":2}");
        assertThat(loaded.weights().names()).containsExactly("only");
        assertThat(loaded.weights().metadata()).containsEntry("gen", "2");
        assertThat(listing(dir)).containsExactly(Checkpoints.CONFIG_FILE, Checkpoints.WEIGHTS_FILE);
        assertThat(listing(tmp)).containsExactly("ckpt");
    }

    @Test
    void failedSaveKeepsOldCheckpointAndRemovesTempDir() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, "{\"v\":1}", weights(1f), Map.of());
        TensorData dup = new TensorData("dup", new long[] {1}, new float[] {1f});

        assertThatThrownBy(() -> Checkpoints.save(dir, "{\"v\":2}", List.of(dup, dup), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");

        assertThat(listing(tmp)).containsExactly("ckpt");
        assertThat(Checkpoints.load(dir).configJson()).isEqualTo("{\"v\":1}");
    }

    @Test
    void saveRejectsInvalidConfigJson() {
        Path dir = tmp.resolve("ckpt");
        assertThatThrownBy(() -> Checkpoints.save(dir, "{oops", weights(1f), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configJson");
        assertThatThrownBy(() -> Checkpoints.save(dir, "", weights(1f), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void saveOntoRegularFileIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve("ckpt"), "not a dir");
        assertThatThrownBy(() -> Checkpoints.save(file, "{}", weights(1f), Map.of()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not a directory");
        assertThat(Files.readString(file)).isEqualTo("not a dir");
    }

    @Test
    void missingDirectoryIsRejected() {
        Path dir = tmp.resolve("absent");
        assertThatThrownBy(() -> Checkpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void missingConfigIsRejected() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, CONFIG, weights(1f), Map.of());
        Files.delete(dir.resolve(Checkpoints.CONFIG_FILE));
        assertThatThrownBy(() -> Checkpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing config.json")
                .hasMessageContaining(dir.resolve(Checkpoints.CONFIG_FILE).toString());
    }

    @Test
    void missingWeightsAreRejected() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, CONFIG, weights(1f), Map.of());
        Files.delete(dir.resolve(Checkpoints.WEIGHTS_FILE));
        assertThatThrownBy(() -> Checkpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing model.safetensors")
                .hasMessageContaining(dir.resolve(Checkpoints.WEIGHTS_FILE).toString());
    }

    @Test
    void invalidConfigOnDiskIsRejected() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, CONFIG, weights(1f), Map.of());
        Files.writeString(dir.resolve(Checkpoints.CONFIG_FILE), "{\"truncated\":");
        assertThatThrownBy(() -> Checkpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not valid JSON");
        Files.write(dir.resolve(Checkpoints.CONFIG_FILE), new byte[] {'"', (byte) 0xFF, '"'});
        assertThatThrownBy(() -> Checkpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void truncatedWeightsAreRejected() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoints.save(dir, CONFIG, weights(1f), Map.of());
        Path file = dir.resolve(Checkpoints.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> Checkpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("out of range");
    }

    @Test
    void checksumCoversTensorOrderAndValues() throws Exception {
        List<TensorData> tensors = weights(1f);
        assertThat(Checkpoints.sha256(tensors)).isEqualTo(referenceSha256(tensors)).hasSize(64);
        assertThat(Checkpoints.sha256(List.of(tensors.get(1), tensors.get(0))))
                .isNotEqualTo(Checkpoints.sha256(List.of(tensors.get(0), tensors.get(1))));
        assertThat(Checkpoints.sha256(List.of())).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        float[] many = new float[40_000]; // spans several internal digest buffers
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        List<TensorData> big = List.of(new TensorData("m", new long[] {many.length}, many));
        assertThat(Checkpoints.sha256(big)).isEqualTo(referenceSha256(big));
    }
}
