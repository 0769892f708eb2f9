package io.kdprivacy.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link PrivacyReport}s as JSON. Every file carries {@code schemaVersion}; a reader
 * refuses a version it does not know instead of misreading it. Writes are atomic (temporary file,
 * then rename), so a reader never sees half a report.
 */
public final class ResultsJson {

    /** The schema version this library writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsJson() {
    }

    /** The report as JSON text. */
    public static String toJson(PrivacyReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report " + report.testId(), e);
        }
    }

    /** One model's report as JSON text (used to cache audits between runs). */
    public static String toJson(ModelReport model) {
        try {
            return JSON.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model report " + model.role(), e);
        }
    }

    /**
     * Parses a model report written by {@link #toJson(ModelReport)}.
     *
     * @throws ResultsFormatException naming {@code source} if the text is not a model report
     */
    public static ModelReport modelFromJson(String json, Path source) {
        try {
            return JSON.readValue(json, ModelReport.class);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(source, "not a kdprivacy model report: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@code report} to {@code file} atomically, creating parent directories.
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void write(Path file, PrivacyReport report) {
        try {
            AtomicFiles.writeString(file, toJson(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads a report.
     *
     * @throws ResultsFormatException naming the file if it is missing, not JSON, of another schema
     *                                version, or not a report
     */
    public static PrivacyReport read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultsFormatException(file, "cannot read results file (" + e.getMessage() + ")", e);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file, "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ResultsFormatException(file, "not a JSON object", null);
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new ResultsFormatException(file, "no integer schemaVersion", null);
        }
        if (version.asInt() != SCHEMA_VERSION) {
            throw new ResultsFormatException(file, "schemaVersion " + version.asInt() + " is not supported (this "
                    + "version of kdprivacy reads " + SCHEMA_VERSION + ")", null);
        }
        try {
            return JSON.treeToValue(tree, PrivacyReport.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ResultsFormatException(file, "not a kdprivacy report: " + detail, e);
        }
    }
}
