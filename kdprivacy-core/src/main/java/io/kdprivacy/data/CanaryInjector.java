package io.kdprivacy.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plants canaries into a training list: each canary's {@link Canary#example()} is inserted
 * {@code repetitions} times at positions drawn from the seed. The original examples keep their
 * relative order.
 */
public final class CanaryInjector {

    private final long seed;
    private final int repetitions;

    /** @param repetitions copies of each canary (the Secret Sharer's insertion count) */
    public CanaryInjector(long seed, int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        }
        this.seed = seed;
        this.repetitions = repetitions;
    }

    /** The training list with the canaries planted, and the canaries. */
    public record Injection(List<Example> examples, List<Canary> canaries) {

        public Injection {
            examples = List.copyOf(examples);
            canaries = List.copyOf(canaries);
        }

        @Override
        public String toString() {
            return "Injection[examples=" + examples.size() + ", canaries=" + canaries + "]";
        }
    }

    public Injection inject(List<Example> training, List<Canary> canaries) {
        List<Example> out = new ArrayList<>(training);
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < repetitions; r++) {
            for (Canary c : canaries) {
                out.add(random.nextInt(out.size() + 1), c.example());
            }
        }
        return new Injection(out, canaries);
    }
}
