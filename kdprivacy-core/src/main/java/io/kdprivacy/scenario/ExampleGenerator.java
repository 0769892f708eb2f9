package io.kdprivacy.scenario;

import io.kdprivacy.data.Example;

import java.util.List;

/**
 * Produces synthetic examples, deterministically from a seed. Implementations need a public no-argument
 * constructor to be named in {@link io.kdprivacy.junit.PrivateData#generator()}.
 */
@FunctionalInterface
public interface ExampleGenerator {

    /** Exactly {@code count} distinct examples; the same {@code seed} gives the same list. */
    List<Example> generate(int count, long seed);
}
