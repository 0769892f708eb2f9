package io.kdprivacy.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes datasets in JSON Lines: one {@code {"prompt": "...", "response": "..."}}
 * object per line, UTF-8. Blank lines are skipped and extra fields are ignored.
 */
public final class JsonlDataset {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonlDataset() {}

    /**
     * Loads every example of a JSON Lines file, in file order.
     *
     * @param file the {@code .jsonl} file
     * @return the examples, unmodifiable and never empty
     * @throws DatasetException if the file is missing or unreadable, a line is not a JSON object
     *     with string fields {@code prompt} and {@code response}, or the file has no examples
     */
    public static List<Example> load(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "dataset file not found", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read dataset: " + e, e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Example> examples = new ArrayList<>();
        int lineNumber = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new DatasetException(file, lineNumber, "invalid UTF-8", e);
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                examples.add(parse(file, lineNumber, line));
            }
            start = end + 1;
        }
        if (examples.isEmpty()) {
            throw new DatasetException(file, "dataset contains no examples", null);
        }
        return List.copyOf(examples);
    }

    /**
     * Writes examples as JSON Lines, atomically: to a temporary file in the same directory that is
     * then moved over {@code file}. Missing parent directories are created.
     *
     * @param file the destination
     * @param examples the examples, not empty
     * @throws IllegalArgumentException if {@code examples} is empty
     * @throws DatasetException if writing fails
     */
    public static void write(Path file, List<Example> examples) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(examples, "examples");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("refusing to write an empty dataset to " + file);
        }
        Path absolute = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // createTempFile makes the file owner-only; a dataset should be as readable as usual
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (BufferedWriter writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Example example : examples) {
                    ObjectNode node = MAPPER.createObjectNode()
                            .put("prompt", example.prompt())
                            .put("response", example.response());
                    writer.write(MAPPER.writeValueAsString(node));
                    writer.write('\n');
                }
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot write dataset: " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; the original error is more useful
                }
            }
        }
    }

    private static Example parse(Path file, int lineNumber, String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetException(file, lineNumber, "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new DatasetException(file, lineNumber, "expected a JSON object", null);
        }
        return new Example(field(file, lineNumber, node, "prompt"), field(file, lineNumber, node, "response"));
    }

    private static String field(Path file, int lineNumber, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new DatasetException(file, lineNumber, "missing field \"" + name + "\"", null);
        }
        if (!value.isTextual()) {
            throw new DatasetException(file, lineNumber,
                    "field \"" + name + "\" must be a string, got " + value.getNodeType().name().toLowerCase(), null);
        }
        return value.textValue();
    }
}
