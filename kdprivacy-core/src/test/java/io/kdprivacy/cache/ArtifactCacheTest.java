package io.kdprivacy.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactCacheTest {

    @TempDir
    Path root;

    private static CacheKey key(String value) {
        return CacheKey.builder("thing").put("value", value).build();
    }

    @Test
    void buildsOnceThenHitsAndKeysDependOnEveryPart() {
        ArtifactCache cache = new ArtifactCache(root);
        int[] builds = {0};
        ArtifactCache.Builder builder = dir -> {
            builds[0]++;
            Files.writeString(dir.resolve("a.txt"), "hello");
        };
        assertThat(cache.get(key("x"), builder).outcome()).isEqualTo(ArtifactCache.Outcome.BUILT);
        assertThat(cache.get(key("x"), builder).outcome()).isEqualTo(ArtifactCache.Outcome.HIT);
        assertThat(new ArtifactCache(root).get(key("x"), builder).outcome()).isEqualTo(ArtifactCache.Outcome.HIT);
        assertThat(builds[0]).isEqualTo(1);
        assertThat(key("x")).isEqualTo(key("x")).isNotEqualTo(key("y"));
        assertThat(CacheKey.builder("k").put("ab", "c").build())
                .isNotEqualTo(CacheKey.builder("k").put("a", "bc").build());
    }

    @Test
    void corruptOrIncompleteEntryIsRebuiltNeverUsed() throws IOException {
        ArtifactCache.Builder builder = dir -> Files.writeString(dir.resolve("a.txt"), "hello");
        Path dir = new ArtifactCache(root).get(key("x"), builder).directory();
        Files.writeString(dir.resolve("a.txt"), "tampered");
        ArtifactCache.Entry again = new ArtifactCache(root).get(key("x"), builder);
        assertThat(again.outcome()).isEqualTo(ArtifactCache.Outcome.REBUILT);
        assertThat(Files.readString(again.directory().resolve("a.txt"))).isEqualTo("hello");
        Files.delete(dir.resolve(ArtifactCache.MANIFEST));
        assertThat(new ArtifactCache(root).get(key("x"), builder).outcome()).isEqualTo(ArtifactCache.Outcome.REBUILT);
    }

    @Test
    void failedBuildLeavesNothingBehind() throws IOException {
        ArtifactCache cache = new ArtifactCache(root);
        assertThatThrownBy(() -> cache.get(key("x"), dir -> {
            Files.writeString(dir.resolve("half.txt"), "half");
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full").hasMessageContaining("thing/");
        try (Stream<Path> s = Files.list(root.resolve("thing"))) {
            assertThat(s).allMatch(p -> p.getFileName().toString().endsWith(".lock"));
        }
    }

    /** Two JVMs ask for the same entry at once: one builds, the other waits and reads the same files. */
    @Test
    void twoConcurrentJvmsShareOneBuild() throws Exception {
        Path markers = Files.createDirectories(root.resolve("markers"));
        Path cacheDir = root.resolve("cache");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), cacheDir.toString(),
                    markers.toString()).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.exitValue()).as(out).isZero();
            outputs.add(out);
        }
        try (Stream<Path> s = Files.list(markers)) {
            assertThat(s).as("builds").hasSize(1);
        }
        assertThat(outputs.get(0)).startsWith("content=built by ");
        assertThat(outputs.get(0).replaceAll(" (BUILT|HIT)$", "")).isEqualTo(outputs.get(1).replaceAll(" (BUILT|HIT)$", ""));
        assertThat(outputs).anyMatch(o -> o.endsWith("BUILT")).anyMatch(o -> o.endsWith("HIT"));
    }

    /**
     * A build killed (kill -9) in the middle of saving leaves a half-written temporary directory; the next run
     * removes it and builds the entry once. Leftovers and lock files of keys nobody holds go too.
     */
    @Test
    void aBuildKilledMidSaveIsCleanedUpAndTheEntryBuiltOnce() throws Exception {
        Path cacheDir = root.resolve("cache");
        Path started = root.resolve("started");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Hanging.class.getName(), cacheDir.toString(),
                started.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(started) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(started).as("the child began saving").exists();
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Path kind = cacheDir.resolve("thing");
        assertThat(leftovers(kind)).as("the killed save left its temporary directory").hasSize(1);
        Files.createDirectories(kind.resolve(".tmp-0123abcd-dead"));      // another key's dead build
        Files.writeString(kind.resolve("0123abcd.lock"), "");             // and its lock file, with no entry

        int[] builds = {0};
        ArtifactCache.Entry entry = new ArtifactCache(cacheDir).get(key("x"), dir -> {
            builds[0]++;
            Files.writeString(dir.resolve("a.txt"), "complete");
        });
        assertThat(entry.outcome()).isEqualTo(ArtifactCache.Outcome.BUILT);
        assertThat(builds[0]).isEqualTo(1);
        assertThat(Files.readString(entry.directory().resolve("a.txt"))).isEqualTo("complete");
        assertThat(leftovers(kind)).as("no temporary directory survives").isEmpty();
        try (Stream<Path> s = Files.list(kind)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(key("x").hash(),
                    key("x").hash() + ".lock");
        }
    }

    @Test
    void usageReportsTheSizeAndPruneRemovesEntriesUnusedSinceTheCutoff() throws IOException {
        ArtifactCache cache = new ArtifactCache(root);
        Path old = cache.get(key("old"), dir -> Files.writeString(dir.resolve("a.txt"), "x".repeat(1000))).directory();
        Path recent = cache.get(key("recent"), dir -> Files.writeString(dir.resolve("a.txt"), "y".repeat(10)))
                .directory();
        ArtifactCache.Usage usage = cache.usage();
        assertThat(usage.entries()).containsEntry("thing", 2);
        long manifests = Files.size(old.resolve(ArtifactCache.MANIFEST)) + Files.size(recent.resolve(ArtifactCache.MANIFEST));
        assertThat(usage.totalBytes()).isEqualTo(1010 + manifests);
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(
                java.time.Duration.ofDays(40))));
        assertThat(cache.prune(java.time.Instant.now().minus(java.time.Duration.ofDays(30)))).containsExactly(old);
        assertThat(old).doesNotExist();
        assertThat(old.resolveSibling(old.getFileName() + ".lock")).doesNotExist();
        assertThat(recent).exists();
        assertThat(new ArtifactCache(root).get(key("recent"), dir -> {
            throw new IOException("must not rebuild");
        }).outcome()).isEqualTo(ArtifactCache.Outcome.HIT);
    }

    private static List<Path> leftovers(Path kind) throws IOException {
        try (Stream<Path> s = Files.list(kind)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }

    /** A child that starts building an entry, writes half of it, says so, and hangs until killed. */
    public static final class Hanging {
        public static void main(String[] args) {
            new ArtifactCache(Path.of(args[0])).get(key("x"), dir -> {
                Files.writeString(dir.resolve("half.safetensors"), "half of the weights");
                Files.writeString(Path.of(args[1]), "started");
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** The child process of {@link #twoConcurrentJvmsShareOneBuild}. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            ArtifactCache cache = new ArtifactCache(Path.of(args[0]));
            String pid = Long.toString(ProcessHandle.current().pid());
            ArtifactCache.Entry e = cache.get(key("shared"), dir -> {
                Files.writeString(Path.of(args[1]).resolve(pid), ManagementFactory.getRuntimeMXBean().getName());
                try {
                    Thread.sleep(1500); // hold the lock long enough for the other JVM to queue behind it
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                Files.writeString(dir.resolve("a.txt"), "built by " + pid);
            });
            System.out.println("content=" + Files.readString(e.directory().resolve("a.txt")) + " " + e.outcome());
        }
    }
}
