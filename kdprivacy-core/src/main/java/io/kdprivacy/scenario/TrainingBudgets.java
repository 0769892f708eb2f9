package io.kdprivacy.scenario;

import io.kdprivacy.results.TrainingBudget;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A trained model's {@link TrainingBudget}, kept beside it in the artifact cache. */
final class TrainingBudgets {

    /** The file in a cache entry. */
    static final String FILE = "budget.properties";

    private TrainingBudgets() {
    }

    static void write(Path file, TrainingBudget budget) {
        Properties p = new Properties();
        p.setProperty("rule", budget.rule());
        p.setProperty("optimizerSteps", Integer.toString(budget.optimizerSteps()));
        p.setProperty("sequences", Long.toString(budget.sequences()));
        p.setProperty("responseTokens", Long.toString(budget.responseTokens()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "kdprivacy training budget");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The budget in {@code file}. */
    static TrainingBudget read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return new TrainingBudget(required(p, "rule", file), Integer.parseInt(required(p, "optimizerSteps", file)),
                    Long.parseLong(required(p, "sequences", file)), Long.parseLong(required(p, "responseTokens", file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training budget " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("corrupt training budget " + file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String name, Path file) {
        String v = p.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("corrupt training budget " + file + ": no " + name);
        }
        return v;
    }
}
