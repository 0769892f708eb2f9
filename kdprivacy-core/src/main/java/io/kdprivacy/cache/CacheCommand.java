package io.kdprivacy.cache;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The artifact cache from the command line: {@code usage} prints its entries and size per kind; {@code prune N}
 * deletes the entries not used for N days (and leftovers of killed builds). In a project with kdprivacy on the
 * test class path:
 * <pre>
 * mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.kdprivacy.cache.CacheCommand -Dexec.args="usage"
 * mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.kdprivacy.cache.CacheCommand -Dexec.args="prune 30"
 * </pre>
 * A last argument names the cache directory (default {@code ~/.cache/kdprivacy/artifacts}, as the tests use).
 */
public final class CacheCommand {

    private CacheCommand() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0 || !List.of("usage", "prune").contains(args[0])) {
            err.println("usage: CacheCommand usage [cacheDir] | prune <days> [cacheDir]");
            return 2;
        }
        boolean prune = args[0].equals("prune");
        int days = 0;
        if (prune) {
            try {
                days = Integer.parseInt(args.length > 1 ? args[1] : "");
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 0) {
                err.println("prune needs a number of days >= 0, got " + (args.length > 1 ? "'" + args[1] + "'" : "none"));
                return 2;
            }
        }
        int dirArg = prune ? 2 : 1;
        Path dir = args.length > dirArg ? Path.of(args[dirArg])
                : Path.of(System.getProperty("user.home"), ".cache", "kdprivacy", "artifacts");
        ArtifactCache cache = new ArtifactCache(dir);
        if (prune) {
            List<Path> deleted = cache.prune(Instant.now().minus(Duration.ofDays(days)));
            deleted.forEach(p -> out.println("deleted " + p));
            out.println(deleted.size() + " entries not used for " + days + " days deleted from " + cache.root());
        }
        ArtifactCache.Usage usage = cache.usage();
        usage.entries().forEach((kind, n) -> out.printf(Locale.ROOT, "%-20s %5d entries %10.1f MiB%n", kind, n,
                usage.bytes().get(kind) / (1024.0 * 1024)));
        out.printf(Locale.ROOT, "%s: %.1f MiB in all%n", cache.root(), usage.totalBytes() / (1024.0 * 1024));
        return 0;
    }
}
