package io.kdprivacy.results.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kdprivacy.results.AtomicFiles;
import io.kdprivacy.results.ResultsFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads and writes {@link RunManifest}s. */
public final class RunManifests {

    /** The directory, inside the results directory, that holds one manifest per test run. */
    public static final String DIRECTORY = "runs";

    /** The manifest format this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunManifests() {
    }

    /** Where the manifest of run {@code runId} lives under {@code resultsDir}. */
    public static Path file(Path resultsDir, String runId) {
        return resultsDir.resolve(DIRECTORY).resolve("run-" + runId + ".json");
    }

    /** Writes {@code manifest} under {@code resultsDir}, atomically. */
    public static void write(Path resultsDir, RunManifest manifest) {
        Path file = file(resultsDir, manifest.runId());
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run manifest " + file, e);
        }
    }

    /**
     * Every manifest under {@code resultsDir}, oldest start first; none if there is no manifest directory.
     *
     * @throws ResultsFormatException naming a manifest that cannot be read
     */
    public static List<RunManifest> readAll(Path resultsDir) {
        Path dir = resultsDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunManifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()::iterator) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list run manifests in " + dir, e);
        }
        out.sort(java.util.Comparator.comparing(RunManifest::startedAt));
        return out;
    }

    /** Reads one manifest. */
    public static RunManifest read(Path file) {
        try {
            JsonNode tree = JSON.readTree(Files.readString(file));
            if (tree == null || !tree.path("formatVersion").canConvertToInt()
                    || tree.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw new ResultsFormatException(file, "not a kdprivacy run manifest of format " + FORMAT_VERSION, null);
            }
            return JSON.treeToValue(tree, RunManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new ResultsFormatException(file, "not a readable kdprivacy run manifest", e);
        } catch (IOException e) {
            throw new ResultsFormatException(file, "cannot read the run manifest (" + e.getMessage() + ")", e);
        }
    }
}
