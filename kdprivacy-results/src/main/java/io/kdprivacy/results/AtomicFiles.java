package io.kdprivacy.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Writes files so that a reader sees either the old or the new content, never part of it. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} as UTF-8 to a new temporary file next to {@code file}, then renames it over
     * {@code file} (atomically where the file system can), creating parent directories. The file gets the
     * permissions of any newly created file (the umask), unlike {@link Files#createTempFile}'s owner-only ones.
     */
    public static void writeString(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
