package io.kdprivacy.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TorchOfflineTest {

    @Test
    void engineIsPyTorchFromThePinnedJar() {
        assertThat(Torch.engine().getEngineName()).isEqualTo("PyTorch");
        assertThat(Torch.engine().getVersion()).isEqualTo(Torch.PYTORCH_VERSION);
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    /**
     * Starts a JVM in a fresh network namespace (no interfaces but a down loopback) with an empty DJL
     * cache: libtorch must come out of the pytorch-native-cpu jar, since nothing can be downloaded.
     */
    @Test
    void engineLoadsWithNoNetworkAndAnEmptyCache(@TempDir Path cache) throws Exception {
        assumeTrue(run(List.of("unshare", "-n", "true")) == 0,
                "needs 'unshare -n' (root or user namespaces) to cut the network");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = cache.resolve("probe.log");
        Process p = new ProcessBuilder("unshare", "-n", java.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-DDJL_CACHE_DIR=" + cache.resolve("djl"),
                "-Dai.djl.offline=true",
                EngineProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ENGINE PyTorch " + Torch.PYTORCH_VERSION + " SUM 6.0");
        try (var files = Files.walk(cache.resolve("djl"))) {
            assertThat(files.anyMatch(f -> f.getFileName().toString().startsWith("libtorch"))).as("libtorch unpacked").isTrue();
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
