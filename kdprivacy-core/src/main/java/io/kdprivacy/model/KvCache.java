package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every attention layer for the positions decoded so far, preallocated to the
 * longest sequence so each step writes in place and attends over a prefix view: a decoding step
 * costs work linear in the length decoded so far, with no re-computation and no re-copying.
 */
final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    KvCache(NDManager parent, ModelConfig config, int batch, int capacity) {
        if (capacity > config.maxPositions()) {
            throw new IllegalArgumentException("sequence of " + capacity
                    + " tokens exceeds the model's maxPositions " + config.maxPositions());
        }
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.keys = new NDArray[config.layers()];
        this.values = new NDArray[config.layers()];
        Shape shape = new Shape(batch, config.heads(), capacity, config.headSize());
        for (int i = 0; i < config.layers(); i++) {
            keys[i] = manager.zeros(shape);
            values[i] = manager.zeros(shape);
            NDScope.unregister(keys[i], values[i]);
        }
    }

    /** Positions already stored. */
    int length() {
        return length;
    }

    /**
     * Writes {@code k}, {@code v} ([B, H, T, hd]) of {@code layer} after the stored positions and
     * returns views of all keys and values so far. Call {@link #advance} once all layers are written.
     */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        long t = k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " > " + capacity);
        }
        NDIndex slot = new NDIndex(":, :, {}:{}", length, length + t);
        keys[layer].set(slot, k);
        values[layer].set(slot, v);
        NDIndex prefix = new NDIndex(":, :, :{}", length + t);
        return new NDArray[] {keys[layer].get(prefix), values[layer].get(prefix)};
    }

    void advance(int tokens) {
        length += tokens;
    }

    @Override
    public void close() {
        manager.close();
    }
}
