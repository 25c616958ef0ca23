package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM under write load: a child JVM runs the sandbox on a data directory, four threads send
 * messages, and the test stops the child with {@link Process#destroy()} (SIGTERM on Linux). Every
 * answer is 200 or 503, never 500; the child logs no warning or error; H2 leaves no trace file;
 * every message answered 200 is there, once, after a restart on the same directory.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GracefulStopTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  /**
   * The child process: a sandbox on the directory, nothing else (the sandbox's own shutdown hook is
   * what stops it), and its URL on standard output.
   *
   * @param args the data directory
   * @throws Exception when the sandbox cannot start
   */
  public static void main(String[] args) throws Exception {
    SandboxServer sandbox = SandboxExtension.start(b -> b.dataDir(Path.of(args[0])));
    System.out.println("URL " + sandbox.baseUrl());
    System.out.flush();
    Thread.sleep(150_000);
  }

  @Test
  void sigtermUnderWriteLoad_answersOnly200Or503_logsNoWarning_andKeepsEveryAcknowledgedMessage(
      @TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                GracefulStopTest.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    CountDownLatch urlSeen = new CountDownLatch(1);
    String[] url = new String[1];
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.startsWith("URL ")) {
                    url[0] = line.substring(4).trim();
                    urlSeen.countDown();
                  }
                }
              } catch (IOException streamClosedWithTheChild) {
                // the child is gone; what it printed is in output
              }
            });
    reader.start();
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    long chat;
    try {
      assertThat(urlSeen.await(60, TimeUnit.SECONDS)).as("child started: %s", output).isTrue();
      SandboxHttp http = new SandboxHttp(url[0]);
      chat = sandbox(http);
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      List<Thread> writers = new ArrayList<>();
      CountDownLatch firstAnswers = new CountDownLatch(20);
      for (int t = 0; t < 4; t++) {
        int thread = t;
        Thread writer =
            new Thread(
                () -> {
                  long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                  for (int i = 0; System.nanoTime() < until; i++) {
                    String text = "load " + thread + "-" + i;
                    HttpRequest request =
                        HttpRequest.newBuilder(
                                URI.create(
                                    url[0]
                                        + "/v2/businesses/"
                                        + B
                                        + "/chats/message?chatId="
                                        + chat))
                            .timeout(Duration.ofSeconds(30))
                            .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"message\":\"" + text + "\"}"))
                            .build();
                    try {
                      HttpResponse<String> answer =
                          client.send(request, HttpResponse.BodyHandlers.ofString());
                      int status = answer.statusCode();
                      statuses.add(status);
                      if (status != 200 && status != 503) {
                        unexpected.add(status + " " + answer.body());
                      }
                      if (status == 200) {
                        acknowledged.add(text);
                      }
                      firstAnswers.countDown();
                    } catch (IOException stopped) {
                      // refused or closed once the server is gone: no answer, nothing acknowledged
                      return;
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        writer.start();
        writers.add(writer);
      }
      assertThat(firstAnswers.await(60, TimeUnit.SECONDS)).isTrue();
      child.destroy();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child stopped").isTrue();
      for (Thread writer : writers) {
        writer.join(TimeUnit.SECONDS.toMillis(60));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(20, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    System.out.printf(
        "answers during SIGTERM: %d x 200, %d x 503, %d others%n",
        statuses.stream().filter(s -> s == 200).count(),
        statuses.stream().filter(s -> s == 503).count(),
        statuses.stream().filter(s -> s != 200 && s != 503).count());
    assertThat(unexpected).as("answers other than 200 or 503; child output: %s", output).isEmpty();
    assertThat(statuses).isNotEmpty().allSatisfy(s -> assertThat(s).isIn(200, 503));
    synchronized (output) {
      assertThat(output)
          .as("child output")
          .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "))
          .noneMatch(line -> line.contains("Exception"));
    }
    Path trace = dir.resolve("ymchat-sandbox.trace.db");
    assertThat(trace)
        .as("H2's trace file: %s", Files.exists(trace) ? Files.readString(trace) : "")
        .doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("ymchat-sandbox.mv.db");
    }

    try (SandboxServer reopened = SandboxExtension.start(b -> b.dataDir(dir))) {
      List<String> texts = new ArrayList<>();
      SandboxHttp http = new SandboxHttp(reopened.baseUrl());
      String token = null;
      do {
        SandboxHttp.Response page =
            http.postJson(
                "/v2/businesses/"
                    + B
                    + "/chats/history?chatId="
                    + chat
                    + "&limit=100"
                    + (token == null ? "" : "&pageToken=" + token),
                SandboxDemo.ALL_METHODS_KEY,
                "{}");
        page.result().get("messages").forEach(m -> texts.add(m.path("message").asText()));
        token = page.result().path("paging").path("nextPageToken").asText(null);
      } while (token != null);
      assertThat(acknowledged).isNotEmpty();
      for (String text : acknowledged) {
        assertThat(texts).containsOnlyOnce(text);
      }
    }
  }

  /** The demo DIRECT chat of the child's sandbox. */
  private static long sandbox(SandboxHttp http) {
    return http.postJson(
            "/v2/businesses/" + B + "/chats?limit=1",
            SandboxDemo.ALL_METHODS_KEY,
            "{\"contextTypes\":[\"DIRECT\"]}")
        .result()
        .at("/chats/0/chatId")
        .asLong();
  }
}
