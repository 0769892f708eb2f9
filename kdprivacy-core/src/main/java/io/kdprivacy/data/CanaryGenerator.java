package io.kdprivacy.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws canaries from a seed: the same seed and calls give the same canaries. Within one generator,
 * secrets and customer numbers are distinct, so no two canaries share a prompt or a secret.
 */
public final class CanaryGenerator {

    private final SplittableRandom random;
    private final Set<String> secrets = new HashSet<>();
    private final Set<Integer> subjects = new HashSet<>();
    private int next;

    public CanaryGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * {@code count} canaries whose kinds cycle through {@code kinds}; ids are {@code canary-<n>}
     * numbered across all calls on this generator.
     */
    public List<Canary> generate(int count, CanaryKind... kinds) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (kinds.length == 0) {
            throw new IllegalArgumentException("at least one kind is needed");
        }
        List<Canary> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CanaryKind kind = kinds[i % kinds.length];
            int subject;
            do {
                subject = 10 + random.nextInt(990);
            } while (!subjects.add(subject));
            String secret;
            do {
                secret = kind.randomSecret(random);
            } while (!secrets.add(secret));
            out.add(new Canary("canary-" + next++, kind, kind.prompt(subject), secret));
        }
        return out;
    }
}
