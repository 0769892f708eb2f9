package io.kdprivacy.model;

import java.util.Objects;

/**
 * How a rotary model rescales its frequencies, as Hugging Face's {@code rope_scaling} says.
 *
 * <ul>
 *   <li>{@link Type#LINEAR} (position interpolation): every frequency divided by {@code factor}.</li>
 *   <li>{@link Type#LLAMA3}: Llama 3.1's piecewise rule — wavelengths shorter than
 *       {@code originalMaxPositions / highFreqFactor} keep their frequency, longer than
 *       {@code originalMaxPositions / lowFreqFactor} are divided by {@code factor}, and those between are
 *       interpolated smoothly (transformers' {@code _compute_llama3_parameters}).</li>
 *   <li>{@link Type#DYNAMIC} (dynamic NTK): changes the frequencies only for sequences longer than the
 *       model's maximum positions, which kdprivacy never feeds; within them it equals no scaling.</li>
 * </ul>
 *
 * @param type                 the rule
 * @param factor               the scaling factor (&gt; 0)
 * @param lowFreqFactor        {@code LLAMA3} only (else 0)
 * @param highFreqFactor       {@code LLAMA3} only (else 0); greater than {@code lowFreqFactor}
 * @param originalMaxPositions {@code LLAMA3} only (else 0): the context the model was pretrained with
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {

    /** The rescaling rules kdprivacy implements. */
    public enum Type { LINEAR, LLAMA3, DYNAMIC }

    public RopeScaling {
        Objects.requireNonNull(type, "type");
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("rope scaling factor must be > 0, got " + factor);
        }
        if (type == Type.LLAMA3 && !(lowFreqFactor > 0 && highFreqFactor > lowFreqFactor && originalMaxPositions > 0)) {
            throw new IllegalArgumentException("llama3 rope scaling needs 0 < low_freq_factor < high_freq_factor and "
                    + "original_max_position_embeddings > 0, got " + lowFreqFactor + ", " + highFreqFactor + ", "
                    + originalMaxPositions);
        }
    }

    /** Linear scaling (position interpolation) by {@code factor}. */
    public static RopeScaling linear(double factor) {
        return new RopeScaling(Type.LINEAR, factor, 0, 0, 0);
    }

    /** Llama 3.1's rule. */
    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor,
                                     int originalMaxPositions) {
        return new RopeScaling(Type.LLAMA3, factor, lowFreqFactor, highFreqFactor, originalMaxPositions);
    }

    /**
     * The rotary inverse frequencies θ^(−2i/d), i = 0 … d/2 − 1, rescaled by {@code scaling} (null: as they are).
     */
    static double[] inverseFrequencies(int headSize, double theta, RopeScaling scaling) {
        double[] inv = new double[headSize / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = Math.pow(theta, -2.0 * i / headSize);
            if (scaling != null) {
                inv[i] = scaling.rescale(inv[i]);
            }
        }
        return inv;
    }

    private double rescale(double invFreq) {
        switch (type) {
            case LINEAR:
                return invFreq / factor;
            case DYNAMIC:
                return invFreq;
            case LLAMA3:
                double lowFreqWavelength = originalMaxPositions / lowFreqFactor;
                double highFreqWavelength = originalMaxPositions / highFreqFactor;
                double wavelength = 2 * Math.PI / invFreq;
                if (wavelength < highFreqWavelength) {
                    return invFreq;
                }
                if (wavelength > lowFreqWavelength) {
                    return invFreq / factor;
                }
                double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                return (1 - smooth) * invFreq / factor + smooth * invFreq;
            default:
                throw new IllegalStateException(type.toString());
        }
    }
}
