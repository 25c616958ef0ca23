package dev.ymchat.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: without it on the class path the sync starts and stops normally. */
class WithoutMicrometerTest {

  /** Run in the child JVM: starts and stops a sync on H2 in memory. */
  public static void main(String[] args) {
    try (ChatsClient client =
            ChatsClient.builder().baseUrl("http://127.0.0.1:9").apiKey("not-used").build();
        ChatSync sync =
            ChatSync.builder()
                .database("jdbc:h2:mem:nometrics")
                .business(1, client)
                .build()
                .start()) {
      System.out.println("started " + sync.status().businesses().size());
    }
  }

  @Test
  void theSyncRuns_withoutMicrometerOnTheClassPath() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("micrometer"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(System.getProperty("java.class.path")).contains("micrometer");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                WithoutMicrometerTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("started 1").doesNotContain("NoClassDefFoundError");
    assertThat(p.exitValue()).as(out).isZero();
  }
}
