package io.kdprivacy.maven.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes the baseline file. Its JSON carries {@code "format": "kdprivacy-baseline"} and a
 * {@code version}; a reader refuses other versions and unknown fields rather than guess. Entries are
 * written in key order, one field a line with {@code \n} line ends, so diffs stay small and readable;
 * writes are atomic.
 */
public final class BaselineJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "kdprivacy-baseline";
    /** The version this plugin writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** The file's top level. */
    private record BaselineFile(String format, int version, List<BaselineEntry> entries) {
    }

    private BaselineJson() {
    }

    /** The baseline as JSON text, ending with a line break. */
    public static String toJson(Baseline baseline) {
        try {
            return WRITER.writeValueAsString(new BaselineFile(FORMAT, VERSION, baseline.sortedEntries())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the baseline", e);
        }
    }

    /** Writes {@code baseline} to {@code file} atomically: the old content stays until the new one is complete. */
    public static void write(Path file, Baseline baseline) throws IOException {
        AtomicFiles.writeString(file, toJson(baseline));
    }

    /**
     * Reads a baseline.
     *
     * @throws BaselineFormatException naming the file if it cannot be read, is not JSON, is of another
     *                                 format or version, or holds a malformed or repeated entry
     */
    public static Baseline read(Path file) throws BaselineFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BaselineFormatException(file, "cannot read baseline file (" + e + ")", e);
        }
        return parse(file, text);
    }

    /** Parses baseline {@code text} read from {@code file}. */
    static Baseline parse(Path file, String text) throws BaselineFormatException {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BaselineFormatException(file, "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText(null))) {
            throw new BaselineFormatException(file, "not a kdprivacy baseline (expected a JSON object with \"format\": \""
                    + FORMAT + "\")", null);
        }
        JsonNode version = tree.get("version");
        if (version == null || !version.canConvertToInt()) {
            throw new BaselineFormatException(file, "no integer version", null);
        }
        if (version.asInt() != VERSION) {
            throw new BaselineFormatException(file, "baseline version " + version.asInt() + " is not supported (this "
                    + "version of the kdprivacy plugin reads " + VERSION + ")", null);
        }
        BaselineFile parsed;
        try {
            parsed = JSON.treeToValue(tree, BaselineFile.class);
        } catch (JsonMappingException e) {
            throw new BaselineFormatException(file, "malformed baseline at " + path(e) + ": " + problem(e), e);
        } catch (JsonProcessingException e) {
            throw new BaselineFormatException(file, "malformed baseline: " + e.getOriginalMessage(), e);
        }
        return validated(file, parsed.entries() == null ? List.of() : parsed.entries());
    }

    /** Where in the file the mapping failed, e.g. {@code entries[0].value}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? (path.length() == 0 ? "" : ".") + ref.getFieldName()
                    : "[" + ref.getIndex() + "]");
        }
        return path.length() == 0 ? "top level" : path.toString();
    }

    /** What is wrong, in the file's terms: never Jackson's own wording, which names its classes and tokens. */
    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Cannot map `null`")) {
            return "missing or null";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            String found = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
                    ? ", found " + JSON.valueToTree(f.getValue()) : "";
            return "expected " + kind(m.getTargetType()) + found;
        }
        return "unexpected value";
    }

    private static String kind(Class<?> type) {
        if (type.isPrimitive() && type != boolean.class && type != char.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static Baseline validated(Path file, List<BaselineEntry> entries) throws BaselineFormatException {
        for (int i = 0; i < entries.size(); i++) {
            BaselineEntry entry = entries.get(i);
            String problem = entry == null ? "is null"
                    : entry.test() == null || entry.model() == null || entry.metric() == null
                    ? "needs test, model and metric"
                    : MetricId.byId(entry.metric()).filter(MetricId::baselined).isEmpty()
                    ? "has unknown metric '" + entry.metric() + "' (known: " + MetricId.baselinedIds() + ")"
                    : !Double.isFinite(entry.value()) ? "has a non-finite value" : null;
            if (problem != null) {
                throw new BaselineFormatException(file, "entry " + i + " " + problem, null);
            }
        }
        try {
            return Baseline.of(entries);
        } catch (IllegalArgumentException e) {
            throw new BaselineFormatException(file, e.getMessage(), e);
        }
    }
}
