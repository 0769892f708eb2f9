package io.kdprivacy.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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
 *   <li><b>Clean:</b> a build killed half-way leaves a {@code .tmp-*} directory; the next access to the
 *       cache removes every such leftover whose key no live process holds locked, and the lock files of keys
 *       that have no entry. An entry's directory time is its last use, so {@link #prune} can remove entries
 *       unused for a while; {@link #usage} reports the cache's size.</li>
 * </ul>
 */
public final class ArtifactCache {

    /** Name of the checksum file in every entry. */
    public static final String MANIFEST = "MANIFEST.sha256";

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private static final String TMP_PREFIX = ".tmp-";

    private final Path root;
    private final Map<Path, Boolean> verified = new ConcurrentHashMap<>();
    private final java.util.Set<Path> swept = ConcurrentHashMap.newKeySet();

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
            if (swept.add(dir.getParent())) {
                sweep(dir.getParent());
            }
            try (KeyLock ignored = KeyLock.acquire(lockFile(dir))) {
                removeLeftovers(dir);
                Outcome outcome = Outcome.BUILT;
                if (Files.isDirectory(dir)) {
                    String problem = verify(dir);
                    if (problem == null) {
                        verified.put(dir, true);
                        touch(dir);
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

    private static Path lockFile(Path entry) {
        return entry.resolveSibling(entry.getFileName() + ".lock");
    }

    /** Deletes the temporary directories an earlier, killed build of this entry left (its lock is held). */
    private static void removeLeftovers(Path entry) throws IOException {
        String prefix = TMP_PREFIX + entry.getFileName() + "-";
        try (Stream<Path> siblings = Files.list(entry.getParent())) {
            for (Path p : (Iterable<Path>) siblings.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
                LOG.info("kdprivacy cache: removing {} left by an interrupted build", p);
                deleteRecursively(p);
            }
        }
    }

    /**
     * Removes, in one kind's directory, leftovers of killed builds and lock files of keys without an entry —
     * each only when no process holds that key's lock (the ones in use are left alone).
     */
    private static void sweep(Path kindDir) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(kindDir)) {
            children = s.toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String hash = name.startsWith(TMP_PREFIX) ? hashOfTemporary(name)
                    : name.endsWith(".lock") && !Files.isDirectory(kindDir.resolve(name.substring(0, name.length() - 5)))
                    ? name.substring(0, name.length() - 5) : null;
            if (hash == null) {
                continue;
            }
            Path entry = kindDir.resolve(hash);
            ifUnlocked(entry, lock -> {
                if (name.startsWith(TMP_PREFIX) && Files.exists(child)) {
                    LOG.info("kdprivacy cache: removing {} left by an interrupted build", child);
                    deleteRecursively(child);
                }
                if (!Files.isDirectory(entry)) {
                    lock.deleteFile();
                }
            });
        }
    }

    /** Something done to an entry while holding its lock. */
    @FunctionalInterface
    private interface Locked {
        void run(KeyLock lock) throws IOException;
    }

    /**
     * Runs {@code action} holding {@code entry}'s lock if no thread of this JVM and no other process holds it;
     * returns whether it ran. (The JVM lock comes first: closing a second channel on a lock file would drop a
     * lock this process holds through another one.)
     */
    private static boolean ifUnlocked(Path entry, Locked action) throws IOException {
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(entry, d -> new ReentrantLock());
        if (!jvm.tryLock()) {
            return false;
        }
        try (KeyLock lock = KeyLock.tryAcquire(lockFile(entry))) {
            if (lock == null) {
                return false;
            }
            action.run(lock);
            return true;
        } finally {
            jvm.unlock();
        }
    }

    /** The key hash of a temporary directory {@code .tmp-<hash>-<uuid>}, or null if the name is not one. */
    private static String hashOfTemporary(String name) {
        int end = name.indexOf('-', TMP_PREFIX.length());
        return end < 0 ? null : name.substring(TMP_PREFIX.length(), end);
    }

    /** Marks an entry as used now (its directory's modification time), for {@link #prune}. */
    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("cannot mark {} as used", entry, e);
        }
    }

    /** Entries, and their total size in bytes, per kind: what {@link #usage} reports. */
    public record Usage(Map<String, Integer> entries, Map<String, Long> bytes) {

        /** Total size of every entry. */
        public long totalBytes() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** How many entries of each kind the cache holds, and how many bytes they take. */
    public Usage usage() throws IOException {
        Map<String, Integer> entries = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        for (Path entry : entries()) {
            String kind = entry.getParent().getFileName().toString();
            entries.merge(kind, 1, Integer::sum);
            bytes.merge(kind, size(entry), Long::sum);
        }
        return new Usage(entries, bytes);
    }

    /**
     * Deletes the entries not used since {@code cutoff} (each under its key's lock; entries in use are kept),
     * and the leftovers of killed builds. Returns the entries deleted.
     */
    public List<Path> prune(Instant cutoff) throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (Path entry : entries()) {
            if (!Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                continue;
            }
            boolean[] gone = {false};
            ifUnlocked(entry, lock -> {
                if (Files.isDirectory(entry) && Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                    deleteRecursively(entry);
                    lock.deleteFile();
                    gone[0] = true;
                }
            });
            if (gone[0]) {
                verified.remove(entry);
                deleted.add(entry);
            }
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> kinds = Files.list(root)) {
                for (Path kind : (Iterable<Path>) kinds.filter(Files::isDirectory)::iterator) {
                    sweep(kind);
                }
            }
        }
        return deleted;
    }

    /** Every entry directory {@code root/kind/hash}. */
    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> kinds = Files.list(root)) {
            for (Path kind : (Iterable<Path>) kinds.filter(Files::isDirectory).sorted()::iterator) {
                try (Stream<Path> entries = Files.list(kind)) {
                    entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private void build(CacheKey key, Path dir, Builder builder) throws IOException {
        Path tmp = dir.resolveSibling(TMP_PREFIX + key.hash() + "-" + UUID.randomUUID());
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
