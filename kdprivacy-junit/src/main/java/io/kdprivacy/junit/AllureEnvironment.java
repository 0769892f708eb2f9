package io.kdprivacy.junit;

import io.kdprivacy.results.AtomicFiles;
import io.kdprivacy.results.PrivacyReport;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The two files Allure's report reads from its results directory besides the tests' own: {@code
 * environment.properties} (its Environment widget) and {@code categories.json} (its Categories tab).
 *
 * <p>Environment: the kdprivacy version and engine, and per privacy test method its seed and the SHA-256 of each
 * data set and input model it used (the first 16 hex digits; never any content). Per-technique model weights are
 * left out: one row per test method holds for all its invocations. Each invocation merges its rows into the file,
 * so the file describes every privacy test of the run.
 *
 * <p>Categories: inconclusive privacy decisions (the interval straddles the limit: more data decides them),
 * privacy limits exceeded (a decided failure), and broken privacy tests (configuration, input or engine errors,
 * which end the test with an exception instead of a failed assertion).
 */
final class AllureEnvironment {

    static final String ENVIRONMENT = "environment.properties";
    static final String CATEGORIES = "categories.json";

    /** Regular expression (matched against the whole message) of an inconclusive decision's failure message. */
    static final String INCONCLUSIVE_MESSAGE = "(?s).*\\bis inconclusive against\\b.*";

    private static final int HASH_DIGITS = 16;
    private static final String CATEGORIES_JSON = """
            [
              {
                "name": "Inconclusive privacy decisions",
                "description": "The metric's interval straddles the limit: more members and non-members decide it.",
                "matchedStatuses": ["failed", "broken"],
                "messageRegex": "%s"
              },
              {
                "name": "Privacy limits exceeded",
                "description": "A decided privacy assertion failed: the student leaks more than allowed.",
                "matchedStatuses": ["failed"]
              },
              {
                "name": "Broken privacy tests",
                "description": "Configuration, input or engine errors: the test threw before deciding.",
                "matchedStatuses": ["broken"]
              }
            ]
            """.formatted(INCONCLUSIVE_MESSAGE.replace("\\", "\\\\"));

    private AllureEnvironment() {
    }

    /** Merges {@code report}'s rows into {@code dir/environment.properties} and writes {@code dir/categories.json}. */
    static synchronized void write(Path dir, PrivacyReport report) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(ENVIRONMENT);
            Map<String, String> rows = new TreeMap<>(read(file));
            rows.putAll(rows(report));
            StringWriter out = new StringWriter();
            for (Map.Entry<String, String> row : rows.entrySet()) {
                out.write(escape(row.getKey(), true) + "=" + escape(row.getValue(), false) + "\n");
            }
            AtomicFiles.writeString(file, out.toString());
            AtomicFiles.writeString(dir.resolve(CATEGORIES), CATEGORIES_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure's environment in " + dir, e);
        }
    }

    /** The rows one invocation contributes. */
    static Map<String, String> rows(PrivacyReport report) {
        Map<String, String> rows = new TreeMap<>();
        rows.put("kdprivacy", report.provenance().kdprivacyVersion());
        rows.put("engine", report.provenance().engine());
        String test = testMethod(report.testId());
        rows.put(test + " seed", Long.toString(report.provenance().seed()));
        report.provenance().hashes().forEach((name, hash) -> {
            if (!name.endsWith(".weights")) {
                rows.put(test + " " + name, hash.length() > HASH_DIGITS ? hash.substring(0, HASH_DIGITS) : hash);
            }
        });
        return rows;
    }

    /** {@code Class#method} of a test id {@code package.Class#method[invocation]}. */
    static String testMethod(String testId) {
        int bracket = testId.indexOf('[');
        String method = bracket < 0 ? testId : testId.substring(0, bracket);
        int hash = method.indexOf('#');
        int dot = method.lastIndexOf('.', hash < 0 ? method.length() : hash);
        return method.substring(dot + 1);
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> rows = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(name -> rows.put(name, properties.getProperty(name)));
        }
        return rows;
    }

    /** java.util.Properties escaping of a key or value (ASCII: Unicode escapes above it). */
    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
