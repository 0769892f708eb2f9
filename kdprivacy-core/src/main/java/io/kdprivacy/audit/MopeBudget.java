package io.kdprivacy.audit;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How much of MoPe and per-block risk an audit can afford. Each costs M scoring passes (per block, for per-block
 * risk) over the evaluation set: at a 124M-parameter model on CPU that is hours, so a user can state a budget.
 *
 * @param sample at most this many members and this many non-members, a seeded subsample of each (0: all); the
 *               other attacks still use every example
 * @param blocks the transformer blocks whose risk is measured (empty: all)
 * @param blockSample per-block risk only: at most this many members and this many non-members (0: as {@code sample}),
 *                    so that whole-model MoPe can keep every example while the per-block passes, M per block, score
 *                    fewer
 */
public record MopeBudget(int sample, List<Integer> blocks, int blockSample) {

    /** No budget: every example, every block. */
    public static final MopeBudget ALL = new MopeBudget(0, List.of());

    public MopeBudget {
        if (sample < 0) {
            throw new IllegalArgumentException("MoPe sample must be >= 0 (0: all), got " + sample);
        }
        if (blockSample < 0) {
            throw new IllegalArgumentException("per-block sample must be >= 0 (0: as the MoPe sample), got " + blockSample);
        }
        blocks = blocks.stream().distinct().sorted().toList();
        if (blocks.stream().anyMatch(b -> b < 0)) {
            throw new IllegalArgumentException("block indices must be >= 0, got " + blocks);
        }
    }

    /** A budget whose per-block risk uses the same examples as MoPe. */
    public MopeBudget(int sample, List<Integer> blocks) {
        this(sample, blocks, 0);
    }

    /** Whether this budget leaves anything out. */
    public boolean isLimited() {
        return sample > 0 || !blocks.isEmpty() || blockSample > 0;
    }

    /** The indices of the examples per-block risk scores out of {@code size}, as {@link #indices} does for MoPe. */
    public int[] blockIndices(int size, long seed) {
        return blockSample == 0 ? indices(size, seed) : io.kdprivacy.stats.Subsample.indices(size, blockSample, seed);
    }

    /**
     * The indices of the examples MoPe scores out of {@code size}: all of them, or a seeded sample of
     * {@link #sample()} in ascending order.
     */
    public int[] indices(int size, long seed) {
        return io.kdprivacy.stats.Subsample.indices(size, sample, seed);
    }

    /**
     * The blocks to measure in a model of {@code count} blocks.
     *
     * @throws IllegalArgumentException if a chosen block does not exist
     */
    public List<Integer> blocks(int count) {
        if (blocks.isEmpty()) {
            return IntStream.range(0, count).boxed().toList();
        }
        if (blocks.get(blocks.size() - 1) >= count) {
            throw new IllegalArgumentException("per-block budget names block " + blocks.get(blocks.size() - 1)
                    + " but the model has " + count + " blocks (0-" + (count - 1) + ")");
        }
        return blocks;
    }
}
