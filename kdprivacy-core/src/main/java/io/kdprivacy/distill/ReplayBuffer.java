package io.kdprivacy.distill;

import io.kdprivacy.model.PromptResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded first-in-first-out store of generated sequences from which training batches are drawn
 * at random (the replay buffer of ImitKD, GKD and DistiLLM's reference code).
 */
final class ReplayBuffer {

    private final int capacity;
    private final Deque<PromptResponse> items = new ArrayDeque<>();

    ReplayBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay buffer capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    void addAll(List<PromptResponse> sequences) {
        for (PromptResponse s : sequences) {
            if (items.size() == capacity) {
                items.removeFirst();
            }
            items.addLast(s);
        }
    }

    int size() {
        return items.size();
    }

    boolean isFull() {
        return items.size() == capacity;
    }

    /** {@code n} distinct items chosen uniformly at random (all of them if fewer are stored). */
    List<PromptResponse> sample(int n, SplittableRandom random) {
        List<PromptResponse> pool = new ArrayList<>(items);
        int k = Math.min(n, pool.size());
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pool.size() - i);
            PromptResponse tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return new ArrayList<>(pool.subList(0, k));
    }
}
