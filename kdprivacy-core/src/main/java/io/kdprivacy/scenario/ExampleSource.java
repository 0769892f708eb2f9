package io.kdprivacy.scenario;

import io.kdprivacy.data.Example;
import io.kdprivacy.data.JsonlDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a scenario's examples come from: a JSONL file, a list in memory, or a seeded generator. Loading is
 * deferred until the scenario runs; {@link #check()} finds problems (a missing file) before that.
 */
public interface ExampleSource {

    /** Loads the examples. */
    List<Example> load();

    /** Problems that can be seen without loading, or null. */
    default String check() {
        return null;
    }

    /** A name for messages and reports (never the data itself). */
    String describe();

    /** A JSONL file of {@code {"prompt": ..., "response": ...}} lines. */
    static ExampleSource file(Path path) {
        return new ExampleSource() {
            @Override
            public List<Example> load() {
                return JsonlDataset.load(path);
            }

            @Override
            public String check() {
                return Files.isRegularFile(path) ? null : "data file not found: " + path.toAbsolutePath();
            }

            @Override
            public String describe() {
                return path.toString();
            }
        };
    }

    /** Examples already in memory. */
    static ExampleSource of(String name, List<Example> examples) {
        List<Example> copy = List.copyOf(examples);
        return new ExampleSource() {
            @Override
            public List<Example> load() {
                return copy;
            }

            @Override
            public String describe() {
                return name + " (" + copy.size() + " examples in memory)";
            }
        };
    }

    /**
     * {@code count} examples from {@code generator} with {@code seed}.
     *
     * @throws PrivacyConfigurationException (on load) if the generator returns a different number of examples
     */
    static ExampleSource generated(ExampleGenerator generator, int count, long seed) {
        return new ExampleSource() {
            @Override
            public List<Example> load() {
                List<Example> out = generator.generate(count, seed);
                if (out.size() != count) {
                    throw new PrivacyConfigurationException(describe() + " returned " + out.size() + " examples, expected " + count);
                }
                return out;
            }

            @Override
            public String check() {
                return count < 1 ? describe() + ": count must be >= 1" : null;
            }

            @Override
            public String describe() {
                return generator.getClass().getName() + "(count=" + count + ", seed=" + seed + ")";
            }
        };
    }
}
