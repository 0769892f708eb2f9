package io.kdprivacy.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = dir.resolve("sub/dir/out.json");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second é");
        assertThat(Files.readString(file)).isEqualTo("second é");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void getsThePermissionsOfAnOrdinaryNewFile() throws Exception {
        Path ordinary = Files.writeString(dir.resolve("ordinary"), "x");
        Path file = dir.resolve("atomic");
        AtomicFiles.writeString(file, "x");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(ordinary));
        }
    }
}
