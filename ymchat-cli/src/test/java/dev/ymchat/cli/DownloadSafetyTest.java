package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * download against a server that chooses the file names: names too long in bytes, names that an
 * attacker on the same machine has planted as symbolic links, names already taken.
 */
class DownloadSafetyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> names = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            if (path.startsWith("/files/")) {
              body = ("content of file " + path.substring(7)).getBytes(StandardCharsets.UTF_8);
            } else {
              body = message().getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A getChatMessage answer with one payload per name, each served at /files/INDEX. */
  private String message() {
    ObjectNode result = JSON.createObjectNode();
    result.put("messageId", 100).put("createdAt", "2026-11-20T12:00:00+03:00");
    result.put("sender", "CUSTOMER");
    ArrayNode payload = result.putArray("payload");
    for (int i = 0; i < names.size(); i++) {
      payload
          .addObject()
          .put("name", names.get(i))
          .put("url", baseUrl() + "/files/" + i)
          .put("size", 20);
    }
    ObjectNode answer = JSON.createObjectNode().put("status", "OK");
    answer.set("result", result);
    return answer.toString();
  }

  private CliRun.Result download(Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "download",
                "5",
                "100",
                "--out",
                out.toString(),
                "--sandbox",
                "--base-url",
                baseUrl()));
    args.addAll(List.of(extra));
    return new CliRun(dir).run(args.toArray(String[]::new));
  }

  private static List<Path> files(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.sorted().toList();
    }
  }

  /** 160 Cyrillic letters: 320 bytes in UTF-8, more than a file name may have. */
  private static String longCyrillicName(int i) {
    return "Счёт-фактура".repeat(13).substring(0, 150) + "-номер-" + i + ".pdf";
  }

  @Test
  void tenFilesWithLongCyrillicNames_areAllSaved_namesCutToTheByteCapKeepingTheExtension()
      throws IOException {
    for (int i = 0; i < 10; i++) {
      names.add(longCyrillicName(i));
    }
    assertThat(names.get(0).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(255);
    Path out = dir.resolve("long");
    CliRun.Result result = download(out, "-o", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    List<Path> saved = files(out);
    assertThat(saved).hasSize(10);
    for (Path file : saved) {
      String name = file.getFileName().toString();
      assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
      assertThat(name).endsWith(".pdf").startsWith("Счёт-фактура");
    }
    // each file holds its own content: the cut names were numbered, not overwritten
    List<String> contents = new ArrayList<>();
    for (Path file : saved) {
      contents.add(Files.readString(file));
    }
    assertThat(contents)
        .containsExactlyInAnyOrder(
            Stream.iterate(0, i -> i + 1)
                .limit(10)
                .map(i -> "content of file " + i)
                .toArray(String[]::new));
  }

  @Test
  void whenOneNameIsTaken_nothingIsWritten_notEvenTheFilesBeforeIt() throws IOException {
    for (int i = 0; i < 10; i++) {
      names.add("photo-" + i + ".jpg");
    }
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("photo-6.jpg"), "mine");
    CliRun.Result result = download(out);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(result.err()).contains("photo-6.jpg already exists", "--force");
    assertThat(files(out)).containsExactly(out.resolve("photo-6.jpg"));
    assertThat(out.resolve("photo-6.jpg")).hasContent("mine");
  }

  @Test
  void aDanglingSymlinkWithTheTargetName_isNeverReplacedWithoutForce() throws IOException {
    names.add("invoice.pdf");
    Path out = Files.createDirectories(dir.resolve("links"));
    Path elsewhere = dir.resolve("elsewhere").resolve("planted.pdf");
    Path link = out.resolve("invoice.pdf");
    try {
      Files.createSymbolicLink(link, elsewhere);
    } catch (UnsupportedOperationException | IOException e) {
      assumeThat(false).as("symbolic links: " + e).isTrue();
    }
    CliRun.Result result = download(out);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(result.err()).contains("invoice.pdf is a symbolic link", "--force");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(elsewhere);
    assertThat(elsewhere.getParent()).doesNotExist();

    CliRun.Result forced = download(out, "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(link).hasContent("content of file 0");
    assertThat(elsewhere.getParent()).doesNotExist();
  }

  @Test
  void aSymlinkToAnExistingFile_isNotWrittenThrough() throws IOException {
    names.add("notes.txt");
    Path out = Files.createDirectories(dir.resolve("through"));
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path link = out.resolve("notes.txt");
    try {
      Files.createSymbolicLink(link, victim);
    } catch (UnsupportedOperationException | IOException e) {
      assumeThat(false).as("symbolic links: " + e).isTrue();
    }
    assertThat(download(out).exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(download(out, "--force").exitCode()).isZero();
    assertThat(victim).hasContent("keep me");
    assertThat(link).hasContent("content of file 0");
  }

  @Test
  void bidiControlsInAName_neitherReachTheFileSystemNorTheTerminal() throws IOException {
    names.add("invoice\u202Efdp.exe");
    Path out = dir.resolve("bidi");
    CliRun.Result result = download(out);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(files(out)).singleElement().asString().doesNotContain("\u202E").endsWith(".exe");
    assertThat(result.out()).doesNotContain("\u202E").contains("invoice\uFFFDfdp.exe");
  }
}
