package io.kdprivacy.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kdprivacy.model.Torch;

import java.util.Arrays;

/** What the throughput harnesses share: timing, the matmul rate MFU divides by, and median [min–max] cells. */
final class Measurements {

    private Measurements() {
    }

    /** Wall-clock seconds {@code body} takes. */
    static double seconds(Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The float32 2048² matmul rate through libtorch, in GFLOP/s (one warm-up product, then five timed). */
    static double matmulGflops() {
        try (NDManager m = Torch.newManager()) {
            NDArray a = m.randomNormal(new Shape(2048, 2048));
            NDArray b = m.randomNormal(new Shape(2048, 2048));
            a.matMul(b).close();
            int n = 5;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                a.matMul(b).close();
            }
            return 2.0 * 2048 * 2048 * 2048 * n / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }
    }

    /** "median [min–max]" of {@code values}, each in {@code format}. */
    static String summary(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format + " [" + format + "–" + format + "]",
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    /** {@link #summary} of fractions, as whole percentages. */
    static String percent(double[] values) {
        double[] scaled = Arrays.stream(values).map(v -> 100 * v).toArray();
        return summary(scaled, "%.0f%%").replace("%%", "%");
    }
}
