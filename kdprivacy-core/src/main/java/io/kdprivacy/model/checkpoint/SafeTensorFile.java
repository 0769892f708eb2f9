package io.kdprivacy.model.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contents of a safetensors file (or of the shards of one checkpoint): its metadata, its floating-point
 * tensors decoded to float32, and the names of the tensors of other element types, which are not decoded.
 */
public final class SafeTensorFile {
    private final Map<String, String> metadata;
    private final List<TensorData> tensors;
    private final Map<String, TensorData> byName;
    private final List<Undecoded> undecoded;

    /**
     * A tensor whose element type is not floating point (a boolean mask, integer ids): its name, dtype and
     * shape only.
     */
    public record Undecoded(String name, String dtype, long[] shape) {
        /** Copies the shape. */
        public Undecoded {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public String toString() {
            return name + " (" + dtype + " " + java.util.Arrays.toString(shape) + ")";
        }
    }

    SafeTensorFile(Map<String, String> metadata, List<TensorData> tensors) {
        this(metadata, tensors, List.of());
    }

    SafeTensorFile(Map<String, String> metadata, List<TensorData> tensors, List<Undecoded> undecoded) {
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.tensors = List.copyOf(tensors);
        this.undecoded = List.copyOf(undecoded);
        Map<String, TensorData> index = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (TensorData t : this.tensors) {
            if (index.put(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
        }
        for (Undecoded u : this.undecoded) {
            if (index.containsKey(u.name()) || !names.add(u.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + u.name() + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(index);
    }

    /**
     * The tensors of several shards of one checkpoint as one file; the metadata is the first shard's.
     *
     * @throws IllegalArgumentException if a tensor name occurs in more than one shard
     */
    public static SafeTensorFile merge(List<SafeTensorFile> shards) {
        List<TensorData> tensors = new ArrayList<>();
        List<Undecoded> undecoded = new ArrayList<>();
        for (SafeTensorFile shard : shards) {
            tensors.addAll(shard.tensors);
            undecoded.addAll(shard.undecoded);
        }
        return new SafeTensorFile(shards.isEmpty() ? Map.of() : shards.get(0).metadata, tensors, undecoded);
    }

    /** Tensors of non-floating-point element types, which were not decoded (empty for most files). */
    public List<Undecoded> undecoded() {
        return undecoded;
    }

    /** The {@code __metadata__} string map (empty if the file had none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** All tensors in file order (ascending data offset). */
    public List<TensorData> tensors() {
        return tensors;
    }

    /** Tensor names in file order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** The tensor with the given name, if present. */
    public Optional<TensorData> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The tensor with the given name.
     *
     * @throws CheckpointException if there is no such tensor
     */
    public TensorData get(String name) {
        TensorData t = byName.get(name);
        if (t == null) {
            throw new CheckpointException(
                    "no tensor named '" + name + "'; available: " + new ArrayList<>(byName.keySet()));
        }
        return t;
    }

    @Override
    public String toString() {
        return "SafeTensorFile[metadata=" + metadata + ", tensors=" + tensors + "]";
    }
}
