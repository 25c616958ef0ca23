package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ymchat.sandbox.limits.SandboxRateLimits;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory holds every chat and the credentials' hashes: on POSIX the sandbox creates it
 * readable by its owner only, and its H2 files too, whatever the umask (0022 here gives 0755 and
 * 0644 to what is created without care).
 */
class DataDirPermissionsTest {

  @BeforeEach
  void posixOnly() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions only");
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<Path> databaseFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = new ArrayList<>();
      files.filter(p -> p.getFileName().toString().startsWith("ymchat-sandbox")).forEach(list::add);
      return list;
    }
  }

  @Test
  void aNewDataDirectory_andItsDatabaseFiles_areOwnerOnly(@TempDir Path parent) throws Exception {
    Path dir = parent.resolve("nested").resolve("data");
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.dataDir(dir).rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(sandbox.startupBanner()).contains(dir.toString());
      assertThat(permissions(dir)).isEqualTo("rwx------");
      assertThat(databaseFiles(dir)).isNotEmpty();
      for (Path file : databaseFiles(dir)) {
        assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
      }
    }
    // after close too: files H2 wrote later (a trace file, say) are made owner-only as well
    for (Path file : databaseFiles(dir)) {
      assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
    }
  }

  @Test
  void databaseFilesLeftReadableByOthers_areMadeOwnerOnly(@TempDir Path dir) throws Exception {
    try (SandboxServer first =
        SandboxExtension.start(
            b -> b.dataDir(dir).seedDemo(false).rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(first.baseUrl()).isNotEmpty();
    }
    Path database = dir.resolve("ymchat-sandbox.mv.db");
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

    try (SandboxServer again =
        SandboxExtension.start(
            b -> b.dataDir(dir).seedDemo(false).rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(again.baseUrl()).isNotEmpty();
      assertThat(permissions(database)).isEqualTo("rw-------");
    }
  }
}
