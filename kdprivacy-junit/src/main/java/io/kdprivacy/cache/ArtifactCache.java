package io.kdprivacy.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * An on-disk, content-addressed cache of built artifacts (checkpoints, audits). An entry is a directory
 * {@code root/kind/hash/} holding the artifact's files and a {@value #MANIFEST} listing each file's
 * SHA-256.
 *
 * <ul>
 *   <li><b>Atomic:</b> an entry is built in a temporary sibling directory and renamed into place only when
 *       complete, so a crash never leaves a half-written entry under the final name.</li>
 *   <li><b>Safe across processes:</b> building takes an exclusive file lock on {@code root/kind/hash.lock}
 *       (and a per-JVM lock, since file locks are held per process), so two Surefire forks asking for the
 *       same artifact build it once; the second waits and then reads it.</li>
 *   <li><b>Checked:</b> every entry is verified against its manifest before first use in a JVM; a corrupt
 *       or incomplete entry is deleted and rebuilt, never used.</li>
 * </ul>
 */
public final class ArtifactCache {

    /** Name of the checksum file in every entry. */
    public static final String MANIFEST = "MANIFEST.sha256";

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Map<Path, Boolean> verified = new ConcurrentHashMap<>();

    /** Writes the files of an artifact into an empty directory. */
    @FunctionalInterface
    public interface Builder {
        void build(Path directory) throws IOException;
    }

    /** What {@link #get} did. */
    public enum Outcome {
        /** A verified entry was found. */
        HIT,
        /** No entry existed; it was built. */
        BUILT,
        /** The entry failed its checksum; it was deleted and rebuilt. */
        REBUILT
    }

    /**
     * A cache entry ready to read.
     *
     * @param directory the entry's files (do not modify)
     * @param outcome   whether it was found or built
     */
    public record Entry(Path directory, Outcome outcome) {
    }

    public ArtifactCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache's root directory. */
    public Path root() {
        return root;
    }

    /**
     * The verified entry for {@code key}, built with {@code builder} if it is missing or corrupt.
     *
     * @throws UncheckedIOException if the cache directory cannot be used or the builder fails with an
     *                              {@link IOException}; nothing is left under the entry's name then
     */
    public Entry get(CacheKey key, Builder builder) {
        Path dir = root.resolve(key.kind()).resolve(key.hash());
        if (Boolean.TRUE.equals(verified.get(dir))) {
            return new Entry(dir, Outcome.HIT);
        }
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(dir.getParent());
            Path lockFile = dir.resolveSibling(key.hash() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Outcome outcome = Outcome.BUILT;
                if (Files.isDirectory(dir)) {
                    String problem = verify(dir);
                    if (problem == null) {
                        verified.put(dir, true);
                        return new Entry(dir, Outcome.HIT);
                    }
                    LOG.warn("kdprivacy cache entry {} is corrupt ({}); rebuilding it", key, problem);
                    deleteRecursively(dir);
                    outcome = Outcome.REBUILT;
                }
                build(key, dir, builder);
                verified.put(dir, true);
                return new Entry(dir, outcome);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kdprivacy cache " + root + ": cannot provide " + key + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void build(CacheKey key, Path dir, Builder builder) throws IOException {
        Path tmp = dir.resolveSibling(".tmp-" + key.hash() + "-" + UUID.randomUUID());
        Files.createDirectories(tmp);
        try {
            builder.build(tmp);
            Files.writeString(tmp.resolve(MANIFEST), manifest(tmp), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new IOException("cannot move the finished entry into place at " + dir, e);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
    }

    /** Null if {@code dir} matches its manifest, else what is wrong. */
    static String verify(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return "no " + MANIFEST;
        }
        String expected = Files.readString(manifest, StandardCharsets.UTF_8);
        String actual = manifest(dir);
        if (!expected.equals(actual)) {
            return "files do not match " + MANIFEST;
        }
        return null;
    }

    /** "sha256  relative/path" per regular file except the manifest, sorted by path. */
    private static String manifest(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (!rel.equals(MANIFEST)) {
                    hashes.put(rel, io.kdprivacy.results.Sha256.of(f));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        hashes.forEach((rel, hash) -> out.append(hash).append("  ").append(rel).append('\n'));
        return out.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
