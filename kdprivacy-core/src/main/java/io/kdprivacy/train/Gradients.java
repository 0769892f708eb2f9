package io.kdprivacy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import io.kdprivacy.model.Torch;

import java.util.Map;

/** Whole-model gradient statistics. */
public final class Gradients {

    private Gradients() {
    }

    /** The global L2 norm of the parameters' accumulated gradients (one host read for all of them). */
    public static double globalNorm(Map<String, NDArray> parameters) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList norms = new NDList();
            for (NDArray p : parameters.values()) {
                NDArray g = Torch.gradient(p);
                if (g != null) {
                    norms.add(g.norm());
                }
            }
            if (norms.isEmpty()) {
                return 0;
            }
            double sumOfSquares = 0;
            for (float norm : NDArrays.stack(norms).toFloatArray()) {
                sumOfSquares += (double) norm * norm;
            }
            return Math.sqrt(sumOfSquares);
        }
    }

    /** The factor that scales gradients of norm {@code norm} down to at most {@code maxNorm} (≤ 0: no clipping). */
    public static double clipScale(double norm, double maxNorm) {
        if (maxNorm <= 0 || norm <= maxNorm) {
            return 1.0;
        }
        return maxNorm / (norm + 1e-6);
    }
}
