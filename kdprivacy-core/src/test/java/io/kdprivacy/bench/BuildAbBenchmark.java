package io.kdprivacy.bench;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares two builds of kdprivacy in one JVM, for changes too small to see across separate runs on
 * this noisy machine. Each build's {@code kdprivacy-core} classes directory gets its own class loader
 * that loads {@code io.kdprivacy} classes from that directory first (everything else — DJL, libtorch,
 * Jackson — is shared); both builds then run the same workload ({@link BuildAbWorkload}: a
 * FoundationBenchmark-shaped GPT-2 and data) alternately, A B B A …, so a slow spell hits both alike.
 * Prints each build's median pass time and the median, with quartiles, of the per-pair ratio B / A.
 *
 * <p>Run, with the old build compiled elsewhere (e.g. a {@code git worktree} and {@code mvn compile}):
 * {@code ./mvnw -q -pl kdprivacy-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.BuildAbBenchmark -Dexec.args="score 128 2 4 40 OLD/target/classes
 * kdprivacy-core/target/classes"} — mode {@code score} (one scoring pass), {@code train} (one
 * training epoch) or {@code generate} (one greedy generation run), or at GPT-2's 50,257-token vocabulary
 * {@code score50k} / {@code loss50k} (one 16 × 128 scoring batch, with statistics / loss only), then d, layers,
 * heads, pairs and the two classes directories (A, then B).
 */
public final class BuildAbBenchmark {

    private BuildAbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: score|train|generate|score50k|loss50k d layers heads pairs classesA classesB");
        }
        String mode = args[0];
        int d = Integer.parseInt(args[1]);
        int layers = Integer.parseInt(args[2]);
        int heads = Integer.parseInt(args[3]);
        int pairs = Integer.parseInt(args[4]);
        Runnable[] builds = {workload(Path.of(args[5]), mode, d, layers, heads),
            workload(Path.of(args[6]), mode, d, layers, heads)};
        for (int i = 0; i < 3; i++) {
            builds[0].run();
            builds[1].run();
        }
        double[][] seconds = new double[2][pairs];
        for (int p = 0; p < pairs; p++) {
            for (int i = 0; i < 2; i++) {
                int build = p % 2 == 0 ? i : 1 - i;
                long t0 = System.nanoTime();
                builds[build].run();
                seconds[build][p] = (System.nanoTime() - t0) / 1e9;
            }
        }
        double[] ratio = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            ratio[p] = seconds[1][p] / seconds[0][p];
        }
        System.out.printf("%s GPT-2 d=%d/%d layers, %d pairs: A %s median %.3f s, B %s median %.3f s%n", mode, d,
                layers, pairs, args[5], quantile(seconds[0], 0.5), args[6], quantile(seconds[1], 0.5));
        System.out.printf("B / A time: median %.3f, quartiles %.3f–%.3f%n", quantile(ratio, 0.5),
                quantile(ratio, 0.25), quantile(ratio, 0.75));
    }

    private static Runnable workload(Path classes, String mode, int d, int layers, int heads) throws Exception {
        if (!Files.isDirectory(classes)) {
            throw new IOException("not a classes directory: " + classes);
        }
        URL benchClasses = BuildAbBenchmark.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader loader = new BuildFirstLoader(new URL[] {classes.toUri().toURL(), benchClasses},
                BuildAbBenchmark.class.getClassLoader());
        return (Runnable) loader.loadClass(BuildAbWorkload.class.getName())
                .getMethod("create", String.class, int.class, int.class, int.class)
                .invoke(null, mode, d, layers, heads);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    /** Loads {@code io.kdprivacy} classes from its own URLs before asking the parent. */
    private static final class BuildFirstLoader extends URLClassLoader {

        BuildFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.kdprivacy.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notInThisBuild) {
                        c = super.loadClass(name, false);   // e.g. kdprivacy-results, a jar on the class path
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
