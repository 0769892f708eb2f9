package io.kdprivacy.model.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float32 tensor in row-major order.
 *
 * <p>The shape is copied defensively; the data array is not (it may be hundreds of megabytes), so
 * callers must not mutate it after construction. A scalar has shape {@code []} and one element.
 *
 * @param name tensor name, non-empty
 * @param shape dimensions, each non-negative
 * @param data row-major values; its length must equal the product of {@code shape}
 */
public record TensorData(String name, long[] shape, float[] data) {

    /** Validates the name, the shape and that the element count matches the data length. */
    public TensorData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape of tensor '" + name + "'");
        Objects.requireNonNull(data, "data of tensor '" + name + "'");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        shape = shape.clone();
        long numel = numel(name, shape);
        if (numel != data.length) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "': shape " + Arrays.toString(shape) + " has " + numel
                            + " elements but data has " + data.length);
        }
    }

    /** Returns a copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long numel() {
        return data.length;
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Element count of {@code shape}, rejecting negative dimensions and overflow. */
    static long numel(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "': shape " + Arrays.toString(shape) + " overflows", e);
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t
                && name.equals(t.name)
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TensorData[name=" + name + ", shape=" + Arrays.toString(shape) + "]";
    }
}
