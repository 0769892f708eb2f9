package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.kdprivacy.results.Sha256;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A decoder-only causal language model (GPT-2, OPT or LLaMA family) whose weights are DJL
 * {@link NDArray}s held by name.
 *
 * <p>The forward pass is written directly against DJL's engine-neutral NDArray operations rather than
 * assembled from {@code ai.djl.nn} blocks: it fuses the query/key/value projection into one matrix,
 * keeps one additive mask per batch, and threads a key/value cache through for decoding, none of which
 * DJL's block API offers. Parameters use one canonical naming for all families:
 * <pre>
 * embed.tokens [V,d]            embed.positions [P+offset,d] (learned positions only)
 * blocks.{i}.norm1.weight/bias  blocks.{i}.attn.qkv.weight [3d,d]/bias   blocks.{i}.attn.out.weight [d,d]/bias
 * blocks.{i}.norm2.weight/bias  blocks.{i}.mlp.up.weight [f or 2f,d]/bias blocks.{i}.mlp.down.weight [d,f]/bias
 * norm.weight/bias              lm_head.weight [V,d] (untied models only)
 * </pre>
 * Matrices are stored as PyTorch's {@code Linear} does, [out, in]; norm offsets exist only where the family
 * has them, biases only where the config asks for them ({@link ModelConfig#attentionBias()},
 * {@link ModelConfig#mlpBias()}).
 *
 * <p>Not thread-safe. Close it to free its native memory.
 */
public final class CausalLm implements AutoCloseable {

    static final float MASKED = -1e9f;

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final NDArray qkvScale;

    private CausalLm(ModelConfig config, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = parameters;
        this.qkvScale = qkvScale(manager, config);
    }

    /** [3d, 1]: 1/√headSize for the query rows of the fused projection, 1 for the key and value rows. */
    private static NDArray qkvScale(NDManager manager, ModelConfig config) {
        int d = config.hiddenSize();
        float[] scale = new float[3 * d];
        Arrays.fill(scale, 0, d, (float) (1.0 / Math.sqrt(config.headSize())));
        Arrays.fill(scale, d, 3 * d, 1f);
        NDArray array = manager.create(scale, new Shape(3L * d, 1));
        NDScope.unregister(array);
        return array;
    }

    /**
     * A freshly initialised model: weights ~ N(0, 0.02²) (residual output projections scaled by
     * 1/√(2·layers), as GPT-2 does), biases 0, norm scales 1. Each tensor's values are drawn from its
     * own generator seeded by {@code seed} and the tensor's name, so initialisation is reproducible.
     */
    public static CausalLm initialize(ModelConfig config, long seed) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapes = layout(config);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            String name = e.getKey();
            float[] data = new float[Math.toIntExact(e.getValue().size())];
            if (name.endsWith(".bias")) {
                // zeros
            } else if (name.startsWith("norm") || name.contains(".norm")) {
                Arrays.fill(data, 1f);
            } else {
                double std = name.endsWith("attn.out.weight") || name.endsWith("mlp.down.weight") ? residualStd : 0.02;
                SplittableRandom random = new SplittableRandom(seed ^ (long) name.hashCode() * 0x9E3779B97F4A7C15L);
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (gaussian(random) * std);
                }
            }
            values.put(name, data);
        }
        return fromArrays(config, values);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Builds a model from named float arrays in the canonical layout. Every expected tensor must be
     * present with the expected number of values; unknown names are rejected.
     */
    public static CausalLm fromArrays(ModelConfig config, Map<String, float[]> values) {
        Map<String, Shape> shapes = layout(config);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                problems.add("missing tensor " + e.getKey());
            } else if (v.length != e.getValue().size()) {
                problems.add("tensor " + e.getKey() + " has " + v.length + " values, expected shape " + e.getValue());
            }
        }
        for (String name : values.keySet()) {
            if (!shapes.containsKey(name)) {
                problems.add("unexpected tensor " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not fit " + config.family() + " config: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : ""));
        }
        NDManager manager = Torch.newManager();
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            NDArray array = manager.create(values.get(e.getKey()), e.getValue());
            NDScope.unregister(array);
            array.setName(e.getKey());
            params.put(e.getKey(), array);
        }
        return new CausalLm(config, manager, params);
    }

    /** The canonical tensor names and shapes of a config, in a stable order. */
    public static Map<String, Shape> layout(ModelConfig c) {
        ModelFamily f = c.family();
        long d = c.hiddenSize();
        Map<String, Shape> s = new LinkedHashMap<>();
        s.put("embed.tokens", new Shape(c.vocabSize(), d));
        if (f.positions() == ModelFamily.Positions.LEARNED) {
            s.put("embed.positions", new Shape(c.maxPositions() + f.positionOffset(), d));
        }
        long up = c.activation() == ModelFamily.Activation.SWIGLU ? 2L * c.intermediateSize() : c.intermediateSize();
        for (int i = 0; i < c.layers(); i++) {
            String b = "blocks." + i + ".";
            norm(s, f, b + "norm1", d);
            linear(s, c.attentionBias(), b + "attn.qkv", 3 * d, d);
            linear(s, c.attentionBias(), b + "attn.out", d, d);
            norm(s, f, b + "norm2", d);
            linear(s, c.mlpBias(), b + "mlp.up", up, d);
            linear(s, c.mlpBias(), b + "mlp.down", d, c.intermediateSize());
        }
        norm(s, f, "norm", d);
        if (!c.tiedEmbeddings()) {
            s.put("lm_head.weight", new Shape(c.vocabSize(), d));
        }
        return s;
    }

    private static void norm(Map<String, Shape> s, ModelFamily f, String name, long d) {
        s.put(name + ".weight", new Shape(d));
        if (f.norm() == ModelFamily.Norm.LAYER_NORM) {
            s.put(name + ".bias", new Shape(d));
        }
    }

    private static void linear(Map<String, Shape> s, boolean bias, String name, long out, long in) {
        s.put(name + ".weight", new Shape(out, in));
        if (bias) {
            s.put(name + ".bias", new Shape(out));
        }
    }

    public ModelConfig config() {
        return config;
    }

    /** The manager owning this model's weights. */
    public NDManager manager() {
        return manager;
    }

    /** Every parameter by canonical name, in layout order (live arrays; do not close them). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** One parameter by canonical name. */
    public NDArray parameter(String name) {
        NDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + config.family() + " model");
        }
        return p;
    }

    /** Total number of scalar weights. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Number of transformer blocks. */
    public int blockCount() {
        return config.layers();
    }

    /** The live parameters of transformer block {@code block} (attention, MLP and both norms). */
    public Map<String, NDArray> blockParameters(int block) {
        if (block < 0 || block >= config.layers()) {
            throw new IndexOutOfBoundsException("block " + block + " of " + config.layers());
        }
        String prefix = "blocks." + block + ".";
        Map<String, NDArray> result = new LinkedHashMap<>();
        parameters.forEach((name, array) -> {
            if (name.startsWith(prefix)) {
                result.put(name, array);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /**
     * Overwrites, in place, the parameters of block {@code block} with values taken from
     * {@code source} (by canonical name, e.g. from another model's {@link #blockParameters}).
     */
    public void setBlockParameters(int block, Map<String, NDArray> source) {
        for (Map.Entry<String, NDArray> e : blockParameters(block).entrySet()) {
            NDArray from = source.get(e.getKey());
            if (from == null) {
                throw new IllegalArgumentException("source lacks " + e.getKey());
            }
            assign(e.getValue(), from);
        }
    }

    /** Overwrites every parameter, in place, with the values of a model of the same config. */
    public void copyFrom(CausalLm other) {
        if (!other.config.equals(config)) {
            throw new IllegalArgumentException("configs differ: " + config + " vs " + other.config);
        }
        parameters.forEach((name, array) -> assign(array, other.parameters.get(name)));
    }

    private static void assign(NDArray target, NDArray source) {
        if (!target.getShape().equals(source.getShape())) {
            throw new IllegalArgumentException(target.getName() + ": shape " + source.getShape()
                    + " does not match " + target.getShape());
        }
        Torch.noGrad(() -> target.set(new ai.djl.ndarray.index.NDIndex("..."), source));
    }

    /** An independent deep copy. */
    public CausalLm copy() {
        return fromArrays(config, toArrays());
    }

    /** The weights as named float arrays (host copies). */
    public Map<String, float[]> toArrays() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, array) -> out.put(name, array.toFloatArray()));
        return out;
    }

    /** Turns gradient tracking of every parameter on or off. */
    public void setTrainable(boolean trainable) {
        parameters.values().forEach(p -> Torch.requireGrad(p, trainable));
    }

    /** SHA-256 over every parameter's float32 bytes, in layout order; equal weights give equal hashes. */
    public String weightsHash() {
        MessageDigest digest = Sha256.digest();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            digest.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            float[] v = e.getValue().toFloatArray();
            ByteBuffer buffer = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(v);
            digest.update(buffer.array());
        }
        return Sha256.hex(digest);
    }

    /**
     * Logits for a right-padded batch: {@code tokens} [B, T] (int64) with {@code attentionMask} [B, T]
     * (1 real, 0 padding). Positions count from 0 at the first column. Returns [B, T, vocab].
     */
    public NDArray forward(NDArray tokens, NDArray attentionMask) {
        return logits(hiddenStates(tokens, attentionMask));
    }

    /**
     * The final hidden states (after the last norm) of a right-padded batch, as {@link #forward} takes
     * it: [B, T, d]. With {@link #logits} this lets a caller apply the vocabulary head to only the
     * positions it needs.
     */
    public NDArray hiddenStates(NDArray tokens, NDArray attentionMask) {
        return hiddenStates(tokens, null, attentionMask.toFloatArray(), null, null);
    }

    /**
     * The final hidden states of selected positions only: {@code rows} are flat indices b·T + t into the
     * right-padded batch [B, T]; returns [rows.length, d], equal (up to float rounding) to those rows of
     * {@link #hiddenStates(NDArray, NDArray)}. Every block still computes keys and values for all
     * positions, but the last block's output projection and MLP and the final norm run on the selected
     * rows only — what a scorer that needs only the response positions should call.
     */
    public NDArray hiddenStates(NDArray tokens, NDArray attentionMask, long[] rows) {
        long positions = tokens.getShape().size();
        for (long row : rows) {
            if (row < 0 || row >= positions) {
                throw new IndexOutOfBoundsException("row " + row + " outside the batch's " + positions + " positions");
            }
        }
        return hiddenStates(tokens, null, attentionMask.toFloatArray(), null, rows);
    }

    /** The vocabulary head: logits [..., vocab] for hidden states [..., d]. */
    public NDArray logits(NDArray hidden) {
        NDArray head = config.tiedEmbeddings() ? parameters.get("embed.tokens") : parameters.get("lm_head.weight");
        return Linear.linear(hidden, head).head();
    }

    /**
     * The core forward pass, up to the final norm. {@code positions} (B × T, row-major) gives each
     * token's position, {@code null} meaning 0 … T−1 in every row; {@code keyMask} (B × (cached + T)
     * floats, 1 real / 0 padding) marks which keys may be attended; with a cache the new keys and values
     * are appended to it. With {@code rows} (flat indices b·T + t) only those positions' states are
     * returned, [rows, d], and the last block runs its output projection and MLP on them alone; without,
     * [B, T, d].
     */
    NDArray hiddenStates(NDArray tokens, long[] positions, float[] keyMask, KvCache cache, long[] rows) {
        Shape shape = tokens.getShape();
        int batch = (int) shape.get(0);
        int length = (int) shape.get(1);
        int past = cache == null ? 0 : cache.length();
        if (past + length > config.maxPositions()) {
            throw new IllegalArgumentException("sequence of " + (past + length)
                    + " tokens exceeds the model's maxPositions " + config.maxPositions());
        }
        NDManager m = tokens.getManager();
        NDArray mask = attentionMask(m, batch, length, past, keyMask);
        NDArray x = Embedding.embedding(tokens, parameters.get("embed.tokens"), SparseFormat.DENSE).head();
        NDArray[] rotary = null;
        int offset = config.family().positionOffset();
        if (config.family().positions() == ModelFamily.Positions.LEARNED) {
            NDArray table = parameters.get("embed.positions");
            if (positions == null) {
                // every row at 0 … T−1: one [T, d] slice of the table, broadcast over the batch
                x = x.add(table.get(new NDIndex("{}:{}", offset, offset + length)));
            } else {
                long[] tableRows = offset == 0 ? positions : Arrays.stream(positions).map(p -> p + offset).toArray();
                x = x.add(Embedding.embedding(m.create(tableRows, shape), table, SparseFormat.DENSE).head());
            }
        } else {
            rotary = Rotary.cosSin(m, positions == null ? counting(batch, length) : positions, batch, length,
                    config.headSize(), config.ropeTheta(), config.ropeScaling());
        }
        // The residual stream is kept as [B·T, d], the shape every projection multiplies. Without
        // autograd nothing keeps intermediate results for a backward pass, so it and the attention
        // scores are updated in place instead of reallocated.
        x = x.reshape(-1, config.hiddenSize());
        boolean inPlace = !Torch.isGradMode();
        NDArray selected = rows == null ? null : m.create(rows);
        for (int i = 0; i < config.layers(); i++) {
            x = block(i, x, batch, length, mask, rotary, cache, inPlace, i == config.layers() - 1 ? selected : null);
        }
        if (cache != null) {
            cache.advance(length);
        }
        NDArray out = norm("norm", x);
        return rows == null ? out.reshape(batch, length, config.hiddenSize()) : out;
    }

    private static long[] counting(int batch, int length) {
        long[] positions = new long[batch * length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i % length;
        }
        return positions;
    }

    /** One transformer block over x [B·T, d]; with {@code rows}, attention sees every position but only those rows go on. */
    private NDArray block(int i, NDArray x, int batch, int length, NDArray mask, NDArray[] rotary, KvCache cache,
                          boolean inPlace, NDArray rows) {
        String b = "blocks." + i + ".";
        NDArray h = norm(b + "norm1", x);
        NDArray attended = attention(i, b, h, batch, length, mask, rotary, cache, inPlace, rows);
        if (rows != null) {
            x = gatherRows(x, rows);   // a gathered copy, so the in-place adds below leave the full stream alone
        }
        x = add(x, attended, inPlace);
        h = norm(b + "norm2", x);
        return add(x, mlp(b, h), inPlace);
    }

    private static NDArray add(NDArray x, NDArray y, boolean inPlace) {
        return inPlace ? x.addi(y) : x.add(y);
    }

    private static NDArray gatherRows(NDArray x, NDArray rows) {
        return Embedding.embedding(rows, x, SparseFormat.DENSE).head();
    }

    /** Causal self-attention of h [B·T, d]; returns [B·T, d], or [rows, d] for the selected rows only. */
    private NDArray attention(int layer, String b, NDArray h, long batch, long length, NDArray mask, NDArray[] rotary,
                              KvCache cache, boolean inPlace, NDArray rows) {
        int heads = config.heads();
        int hd = config.headSize();
        // One copy puts q, k and v head-major and contiguous; then every product below is a plain
        // batched matmul over B·H heads that needs no further copy (k's transpose is a strided view).
        // split, not get(i): get's backward writes each gradient into a zeroed full-size tensor.
        // The 1/√hd score scale is folded into the query rows of the projection: one small op on the
        // weights instead of one on every query.
        NDArray w = parameters.get(b + "attn.qkv.weight").mul(qkvScale);
        NDArray bias = parameters.get(b + "attn.qkv.bias");
        NDList qkv = linear(h, w, bias == null ? null : bias.mul(qkvScale.reshape(-1)))
                .reshape(batch, length, 3, heads, hd)
                .transpose(2, 0, 3, 1, 4)                 // [3, B, H, T, hd], a view
                .reshape(3, batch * heads, length, hd)    // copies
                .split(3, 0);
        NDArray q = qkv.get(0).reshape(batch, heads, length, hd);
        NDArray k = qkv.get(1).reshape(batch, heads, length, hd);
        NDArray v = qkv.get(2).reshape(batch, heads, length, hd);
        if (rotary != null) {
            q = Rotary.apply(q, rotary[0], rotary[1]);
            k = Rotary.apply(k, rotary[0], rotary[1]);
        }
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v);
            k = kv[0];
            v = kv[1];
        }
        long keys = k.getShape().get(2);
        NDArray scores = add(q.reshape(batch * heads, length, hd)
                .batchMatMul(k.reshape(batch * heads, keys, hd).transpose(0, 2, 1))
                .reshape(batch, heads, length, keys), mask, inPlace);
        NDArray context = scores.softmax(-1).reshape(batch * heads, length, keys)
                .batchMatMul(v.reshape(batch * heads, keys, hd))   // [B·H, T, hd]
                .reshape(batch, heads, length, hd)
                .transpose(0, 2, 1, 3)
                .reshape(batch * length, (long) heads * hd);
        return linear(b + "attn.out", rows == null ? context : gatherRows(context, rows));
    }

    private NDArray mlp(String b, NDArray h) {
        NDArray up = linear(b + "mlp.up", h);
        NDArray act;
        switch (config.activation()) {
            case GELU:
                act = ai.djl.nn.Activation.gelu(up);
                break;
            case GELU_TANH:
                act = geluTanh(up);
                break;
            case RELU:
                act = ai.djl.nn.Activation.relu(up);
                break;
            case SWIGLU:
                NDList gateUp = up.split(2, up.getShape().dimension() - 1);
                NDArray gate = gateUp.get(0);
                act = gate.mul(ai.djl.nn.Activation.sigmoid(gate)).mul(gateUp.get(1));
                break;
            default:
                throw new IllegalStateException(config.activation().toString());
        }
        return linear(b + "mlp.down", act);
    }

    /** GPT-2's "gelu_new": 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    static NDArray geluTanh(NDArray x) {
        // float scalars: DJL turns a double into a float64 tensor, and the op then runs a slower mixed-type path
        NDArray inner = x.square().mul(x).mul(0.044715f).add(x).mul((float) Math.sqrt(2.0 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    private NDArray linear(String name, NDArray x) {
        return linear(x, parameters.get(name + ".weight"), parameters.get(name + ".bias"));
    }

    /**
     * x·wᵀ + bias for x [rows, in]. Kept 2-D on purpose: libtorch's C++ {@code linear} fuses the bias into
     * the matrix product ({@code addmm}) only for 2-D input, and otherwise adds it in a second pass.
     */
    private static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        return (bias == null ? Linear.linear(x, w) : Linear.linear(x, w, bias)).head();
    }

    private NDArray norm(String name, NDArray x) {
        NDArray weight = parameters.get(name + ".weight");
        if (config.family().norm() == ModelFamily.Norm.LAYER_NORM) {
            return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), weight,
                    parameters.get(name + ".bias"), (float) config.normEps()).head();
        }
        return rmsNorm(x, weight, config.normEps());
    }

    /** RMSNorm: x / √(mean(x²) + ε) · w. */
    static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        // square() and sqrt(), not pow(): libtorch's tensor-exponent pow is ~25x slower here.
        NDArray rms = x.square().mean(new int[] {-1}, true).add((float) eps).sqrt();
        return x.div(rms).mul(weight);
    }

    /**
     * The additive attention mask: 0 where query t may see key j (j ≤ past + t and key j is not
     * padding), {@link #MASKED} elsewhere. Shaped [T, past+T] (broadcast over batch and heads) when no key
     * is padding, else [B, 1, T, past+T]; only the small causal and padding parts are built on the host.
     */
    static NDArray attentionMask(NDManager m, int batch, int length, int past, float[] keyMask) {
        int keys = past + length;
        if (keyMask.length != batch * keys) {
            throw new IllegalArgumentException("key mask has " + keyMask.length + " entries, expected "
                    + batch + " x " + keys);
        }
        float[] causal = new float[length * keys];
        for (int t = 0; t < length; t++) {
            Arrays.fill(causal, t * keys + past + t + 1, (t + 1) * keys, MASKED);
        }
        NDArray mask = m.create(causal, new Shape(length, keys));
        float[] padding = new float[batch * keys];
        boolean padded = false;
        for (int i = 0; i < padding.length; i++) {
            if (keyMask[i] <= 0.5f) {
                padding[i] = MASKED;
                padded = true;
            }
        }
        return padded ? mask.minimum(m.create(padding, new Shape(batch, 1, 1, keys))) : mask;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "CausalLm[" + config.family() + " d=" + config.hiddenSize() + " layers=" + config.layers()
                + " heads=" + config.heads() + " params=" + parameterCount() + "]";
    }
}
