package io.kdprivacy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of this process, for the benchmark harnesses. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** {@code VmHWM} of /proc/self/status in MiB, or −1 where there is none. */
    static long peakRssMiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
