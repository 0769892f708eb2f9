package io.kdprivacy.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded subsamples of example indices, for budgets that measure only part of a dataset. */
public final class Subsample {

    private Subsample() {
    }

    /**
     * The indices {@code 0..size-1} when {@code sample} is 0 or at least {@code size}; otherwise a seeded sample of
     * {@code sample} distinct indices (partial Fisher–Yates), in ascending order.
     *
     * @throws IllegalArgumentException if {@code size} or {@code sample} is negative
     */
    public static int[] indices(int size, int sample, long seed) {
        if (size < 0 || sample < 0) {
            throw new IllegalArgumentException("size and sample must be >= 0, got " + size + " and " + sample);
        }
        if (sample == 0 || sample >= size) {
            return IntStream.range(0, size).toArray();
        }
        int[] order = IntStream.range(0, size).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < sample; i++) {
            int j = i + random.nextInt(size - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = Arrays.copyOf(order, sample);
        Arrays.sort(chosen);
        return chosen;
    }
}
