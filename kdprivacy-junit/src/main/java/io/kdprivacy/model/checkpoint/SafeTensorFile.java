package io.kdprivacy.model.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The contents of a safetensors file: its metadata and its tensors, decoded to float32. */
public final class SafeTensorFile {
    private final Map<String, String> metadata;
    private final List<TensorData> tensors;
    private final Map<String, TensorData> byName;

    SafeTensorFile(Map<String, String> metadata, List<TensorData> tensors) {
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.tensors = List.copyOf(tensors);
        Map<String, TensorData> index = new LinkedHashMap<>();
        for (TensorData t : this.tensors) {
            if (index.put(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(index);
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
