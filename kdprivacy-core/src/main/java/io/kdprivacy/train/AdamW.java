package io.kdprivacy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.kdprivacy.model.Torch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), updating parameters in place. Biases and
 * normalisation scales are not decayed, as in the paper's reference code. Moments live in the
 * optimizer's own native memory; close it when training ends.
 */
public final class AdamW implements AutoCloseable {

    private final Map<String, NDArray> parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private int step;

    /** AdamW with β = (0.9, 0.999), ε = 1e-8. */
    public AdamW(Map<String, NDArray> parameters, double weightDecay) {
        this(parameters, 0.9, 0.999, 1e-8, weightDecay);
    }

    public AdamW(Map<String, NDArray> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("nothing to optimise");
        }
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = parameters.values().iterator().next().getManager().newSubManager();
        parameters.forEach((name, p) -> {
            NDArray m = manager.zeros(p.getShape());
            NDArray v = manager.zeros(p.getShape());
            NDScope.unregister(m, v);
            firstMoment.put(name, m);
            secondMoment.put(name, v);
        });
    }

    static boolean decays(String name) {
        return !name.endsWith(".bias") && !name.startsWith("norm") && !name.contains(".norm");
    }

    /**
     * Applies one update from the parameters' accumulated gradients, first scaling the gradients by
     * {@code gradientScale} (clipping), then zeroes the gradients.
     */
    public void step(double learningRate, double gradientScale) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, step));
        // torch.optim.AdamW: w -= lr · m̂ / (√v̂ + ε)  ==  w -= (lr·√bc2/bc1) · m / (√v + ε·√bc2)
        double stepSize = learningRate * sqrtBc2 / bc1;
        double eps = epsilon * sqrtBc2;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Torch.noGrad(() -> parameters.forEach((name, p) -> {
                NDArray g = Torch.gradient(p);
                if (g == null) {
                    return;
                }
                Torch.adamUpdate(p, g, firstMoment.get(name), secondMoment.get(name), learningRate, stepSize,
                        decays(name) ? weightDecay : 0, gradientScale, beta1, beta2, eps);
                Torch.zeroGrad(p);
            }));
        }
    }

    /**
     * Clips the accumulated gradients to global norm {@code maxGradientNorm} (≤ 0: no clipping),
     * applies one update and returns the gradient norm before clipping.
     */
    public double clipAndStep(double learningRate, double maxGradientNorm) {
        double norm = Gradients.globalNorm(parameters);
        step(learningRate, Gradients.clipScale(norm, maxGradientNorm));
        return norm;
    }

    /** Number of updates applied. */
    public int steps() {
        return step;
    }

    @Override
    public void close() {
        manager.close();
    }
}
