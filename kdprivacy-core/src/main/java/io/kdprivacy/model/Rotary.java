package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings in the "rotate half" layout used by Hugging Face LLaMA checkpoints:
 * the head vector's first and second halves form the (x, y) pairs that rotate by angle
 * position · θ^(−2i/d).
 */
final class Rotary {

    private Rotary() {
    }

    /** cos and sin tables [B, 1, T, hd] for the given positions (B × T, row-major). */
    static NDArray[] cosSin(NDManager m, long[] positions, int batch, int length, int headSize, double theta,
                            RopeScaling scaling) {
        int half = headSize / 2;
        double[] inverseFrequencies = RopeScaling.inverseFrequencies(headSize, theta, scaling);
        float[] cos = new float[batch * length * headSize];
        float[] sin = new float[cos.length];
        for (int r = 0; r < batch * length; r++) {
            for (int i = 0; i < half; i++) {
                double angle = positions[r] * inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                int base = r * headSize;
                cos[base + i] = c;
                cos[base + i + half] = c;
                sin[base + i] = s;
                sin[base + i + half] = s;
            }
        }
        Shape shape = new Shape(batch, 1, length, headSize);
        return new NDArray[] {m.create(cos, shape), m.create(sin, shape)};
    }

    /** x·cos + rotate_half(x)·sin for x of shape [B, H, T, hd]. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        int last = x.getShape().dimension() - 1;
        NDList halves = x.split(2, last);
        NDArray rotated = ai.djl.ndarray.NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), last);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
