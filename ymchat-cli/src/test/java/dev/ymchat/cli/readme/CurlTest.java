package dev.ymchat.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A README's curl line reaches the README's sandbox, and only the options it understands. */
class CurlTest {

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(
                exchange.getRequestMethod()
                    + " "
                    + exchange.getRequestURI()
                    + " "
                    + exchange.getRequestHeaders().getFirst("X-Sandbox-Admin-Token")
                    + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " "
                    + body);
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, -1);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private int run(String line) throws Exception {
    return Curl.run(ShellLine.parse(line, java.util.Map.of()).words(), url());
  }

  @Test
  void aSandboxRequest_goesToTheTestsSandbox_withMethodHeadersAndBody() throws Exception {
    assertThat(run("curl -s http://127.0.0.1:8080/health")).isZero();
    assertThat(
            run(
                "curl -sS -X POST -H 'X-Sandbox-Admin-Token: demo-admin-token'"
                    + " -H 'Content-Type: application/json'"
                    + " -d '{\"text\":\"hi\"}' http://localhost:8080/sandbox/ping"))
        .isZero();
    assertThat(seen)
        .containsExactly(
            "GET /health null null ",
            "POST /sandbox/ping demo-admin-token application/json {\"text\":\"hi\"}");
  }

  @Test
  void anHttpError_isCurlsExit22() throws Exception {
    assertThat(run("curl -f http://127.0.0.1:8080/missing")).isEqualTo(Curl.HTTP_ERROR);
  }

  @Test
  void otherOptionsAndHosts_areRefused() {
    assertThatThrownBy(() -> run("curl -o out.json http://127.0.0.1:8080/health"))
        .isInstanceOf(ShellLine.SyntaxException.class)
        .hasMessageContaining("-o");
    assertThatThrownBy(() -> run("curl https://api.partner.market.yandex.ru/v2/businesses"))
        .isInstanceOf(ShellLine.SyntaxException.class)
        .hasMessageContaining("only the sandbox");
    assertThatThrownBy(() -> run("curl -d @body.json http://127.0.0.1:8080/x"))
        .isInstanceOf(ShellLine.SyntaxException.class)
        .hasMessageContaining("files are not read");
  }
}
