package io.kdprivacy.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kdprivacy.model.checkpoint.SafeTensors;
import io.kdprivacy.model.checkpoint.TensorData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Test helper for the Hugging Face checkpoint fixtures in {@code src/test/resources/io/kdprivacy/model/hf/}
 * (made by {@code scripts/fixtures/hf-checkpoints/make_checkpoints.py}): copies them to a temporary
 * directory, edits their {@code config.json}, and reads their {@code expected.json}.
 */
final class HfFixtures {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Every fixture but {@code gpt2-bin} (PyTorch pickle weights, which kdprivacy refuses). */
    static final String[] LOADABLE = {"gpt2", "gpt2-prefixed", "gpt2-untied", "gpt2-f16", "gpt2-gelu",
            "gpt2-sharded", "opt", "opt-untied", "opt-nobias", "llama", "llama-bf16", "llama-f16", "llama-tied",
            "llama-attention-bias", "llama-mlp-bias", "llama-rope-linear", "llama-rope-llama3", "llama-sharded"};

    private HfFixtures() {
    }

    /** The fixture's directory on the test class path (read-only by convention). */
    static Path resource(String name) {
        URL url = HfFixtures.class.getResource("/io/kdprivacy/model/hf/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies fixture {@code name} to {@code parent/target} and returns the copy. */
    static Path copy(String name, Path parent, String target) {
        Path to = parent.resolve(target);
        try (Stream<Path> files = Files.list(resource(name))) {
            Files.createDirectories(to);
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Copies fixture {@code name} to {@code parent/name}. */
    static Path copy(String name, Path parent) {
        return copy(name, parent, name);
    }

    /** Rewrites {@code dir/config.json} after {@code edit}. */
    static void editConfig(Path dir, Consumer<ObjectNode> edit) {
        Path file = dir.resolve("config.json");
        try {
            ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(config);
            JSON.writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture's {@code expected.json}: the two input sequences and float64 reference logits. */
    record Expected(long[][] inputIds, double[][][] logits) {

        int vocab() {
            return logits[0][0].length;
        }

        /** The logits flattened row-major, [B·T·V], as {@link #logits(CausalLm, long[][])} returns them. */
        double[] flat() {
            return Arrays.stream(logits).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
        }
    }

    static Expected expected(String name) {
        try {
            JsonNode root = JSON.readTree(resource(name).resolve("expected.json").toFile());
            JsonNode ids = root.get("input_ids");
            long[][] inputIds = new long[ids.size()][];
            for (int b = 0; b < ids.size(); b++) {
                inputIds[b] = new long[ids.get(b).size()];
                for (int t = 0; t < inputIds[b].length; t++) {
                    inputIds[b][t] = ids.get(b).get(t).longValue();
                }
            }
            JsonNode l = root.get("logits");
            double[][][] logits = new double[l.size()][][];
            for (int b = 0; b < l.size(); b++) {
                logits[b] = new double[l.get(b).size()][];
                for (int t = 0; t < logits[b].length; t++) {
                    JsonNode row = l.get(b).get(t);
                    logits[b][t] = new double[row.size()];
                    for (int v = 0; v < row.size(); v++) {
                        logits[b][t][v] = row.get(v).doubleValue();
                    }
                }
            }
            return new Expected(inputIds, logits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logits [B·T·V] (row-major) of an unpadded batch, computed without autograd. */
    static float[] logits(CausalLm model, long[][] ids) {
        int b = ids.length;
        int t = ids[0].length;
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(ids[i], 0, flat, i * t, t);
        }
        float[] mask = new float[b * t];
        Arrays.fill(mask, 1f);
        try (NDManager m = model.manager().newSubManager()) {
            return Torch.noGrad(() -> model.forward(m.create(flat, new Shape(b, t)),
                    m.create(mask, new Shape(b, t))).toFloatArray());
        }
    }

    static double maxAbsDiff(float[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("lengths differ: " + actual.length + " vs " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));   // Math.max keeps a NaN
        }
        return max;
    }

    /** One tensor of a hand-written safetensors file: any dtype, raw little-endian bytes. */
    record RawTensor(String name, String dtype, long[] shape, byte[] bytes) {

        static RawTensor f32(TensorData t) {
            ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.data());
            return new RawTensor(t.name(), "F32", t.shape(), b.array());
        }
    }

    /**
     * Writes a safetensors file by hand (independently of {@code SafeTensors.write}, which only writes F32):
     * header with {@code metadata}, then the tensors' bytes in list order.
     */
    static void writeSafetensors(Path file, List<RawTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (RawTensor t : tensors) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", t.dtype());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + t.bytes().length);
            offset += t.bytes().length;
            data.writeBytes(t.bytes());
        }
        try {
            byte[] json = new ObjectMapper().writeValueAsBytes(header);
            int padded = (json.length + 7) / 8 * 8;
            byte[] head = Arrays.copyOf(json, padded);
            Arrays.fill(head, json.length, padded, (byte) ' ');
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.writeBytes(head);
            out.writeBytes(data.toByteArray());
            Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float tensors of {@code dir/model.safetensors}, as raw F32 tensors to rewrite with changes. */
    static List<RawTensor> f32Tensors(Path dir) {
        List<RawTensor> out = new ArrayList<>();
        for (TensorData t : SafeTensors.read(dir.resolve("model.safetensors")).tensors()) {
            out.add(RawTensor.f32(t));
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double[] bd = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            bd[i] = b[i];
        }
        return maxAbsDiff(a, bd);
    }
}
