package io.kdprivacy.scenario;

import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.text.HuggingFaceTokenizer;
import io.kdprivacy.text.Tokenizer;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one tokenizer every model of a scenario shares. Byte-level when every model is trained from scratch;
 * otherwise the {@code tokenizer.json} the scenario names, or the one in the base or checkpoint directories —
 * which must then all have the same vocabulary, since logit-based distillation and every comparison between
 * models compare token by token.
 */
final class ScenarioTokenizer {

    private ScenarioTokenizer() {
    }

    /** The {@code tokenizer.json} the scenario's models share, or null for the byte tokenizer. */
    static Path file(PrivacyScenario scenario) {
        if (scenario.tokenizerFile() != null) {
            return scenario.tokenizerFile();
        }
        return loadedModels(scenario).values().stream().findFirst().map(ScenarioTokenizer::inDirectory).orElse(null);
    }

    /**
     * What is wrong with the scenario's tokenizers, found without loading any model: a base or checkpoint
     * without {@code tokenizer.json} (when the scenario names none), or models whose vocabularies differ.
     */
    static List<String> problems(PrivacyScenario scenario) {
        List<String> problems = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        if (scenario.tokenizerFile() != null) {
            if (!Files.isRegularFile(scenario.tokenizerFile())) {
                problems.add("tokenizer file not found: " + scenario.tokenizerFile().toAbsolutePath());
                return problems;
            }
            files.put("the scenario's tokenizer", scenario.tokenizerFile());
        } else {
            loadedModels(scenario).forEach((role, dir) -> {
                Path file = inDirectory(dir);
                if (!Files.isDirectory(dir)) {
                    return;   // reported as a missing directory
                }
                if (Files.isRegularFile(file)) {
                    files.put("the " + role + "'s tokenizer", file);
                } else {
                    problems.add("the " + role + " (" + dir + ") has no tokenizer.json: a base or checkpoint is "
                            + "tokenized with its own tokenizer; copy the model's tokenizer.json there (for a byte-level "
                            + "kdprivacy model, ByteTokenizer.huggingFaceJson())");
                }
            });
        }
        Map<String, Map<String, Integer>> vocabularies = new LinkedHashMap<>();
        files.forEach((what, file) -> {
            try {
                vocabularies.put(what, HuggingFaceTokenizer.vocabulary(file));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                problems.add(what + " " + file + " cannot be read: " + e.getMessage());
            }
        });
        String first = null;
        for (Map.Entry<String, Map<String, Integer>> e : vocabularies.entrySet()) {
            if (first == null) {
                first = e.getKey();
            } else if (!e.getValue().equals(vocabularies.get(first))) {
                problems.add(first + " " + files.get(first) + " (" + vocabularies.get(first).size() + " tokens) and "
                        + e.getKey() + " " + files.get(e.getKey()) + " (" + e.getValue().size()
                        + " tokens) have different vocabularies; teacher and student must share one");
            }
        }
        return problems;
    }

    /**
     * Opens the scenario's tokenizer. A Hugging Face one takes {@code eosId} from the model's config when it
     * is in the tokenizer's range; the caller closes it if it is {@link AutoCloseable}.
     */
    static Tokenizer open(PrivacyScenario scenario, int eosId) {
        Path file = file(scenario);
        if (file == null) {
            return new ByteTokenizer();
        }
        int size = HuggingFaceTokenizer.vocabulary(file).values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        return eosId >= 0 && eosId < size ? new HuggingFaceTokenizer(file, eosId) : new HuggingFaceTokenizer(file);
    }

    /** Role to directory of every model loaded from a directory, teacher first. */
    private static Map<String, Path> loadedModels(PrivacyScenario scenario) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        if (scenario.teacher().isLoaded()) {
            dirs.put("teacher", scenario.teacher().path());
        }
        if (scenario.student().isLoaded()) {
            dirs.put("student", scenario.student().path());
        }
        if (scenario.reference() != null) {
            dirs.put("reference", scenario.reference().path());
        }
        return dirs;
    }

    private static Path inDirectory(Path dir) {
        return dir.resolve("tokenizer.json");
    }
}
