package dev.ymchat.client.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hostile HTTP/1.1 server on 127.0.0.1 that writes raw bytes: headers and half a body, then
 * silence; an endless body; a body that drips. Each connection's request line and headers are
 * recorded; {@link #close()} ends every stalled answer.
 */
public final class RawHttpServer implements AutoCloseable {

  /** Writes the answer to one request; may block until the server closes. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers a request.
     *
     * @param request the request line and headers
     * @param out the connection's output
     * @param server the server, to wait for its end
     * @throws IOException when the client went away
     * @throws InterruptedException when the server is closing
     */
    void answer(Request request, OutputStream out, RawHttpServer server)
        throws IOException, InterruptedException;
  }

  /**
   * One request as received.
   *
   * @param method the method
   * @param target the request target (path and query)
   * @param headers the header lines, {@code Name: value}
   */
  public record Request(String method, String target, List<String> headers) {
    /** The value of a header, case-insensitive, or {@code null}. */
    public String header(String name) {
      for (String line : headers) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private final ServerSocket socket;
  private final Handler handler;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @param handler what to answer
   */
  public RawHttpServer(Handler handler) {
    this.handler = handler;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::accept, "raw-http-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Headers of a 200 JSON answer that announces {@code contentLength} bytes. */
  public static String headers(int status, String contentType, long contentLength) {
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: "
        + contentType
        + "\r\n"
        + (contentLength >= 0 ? "Content-Length: " + contentLength + "\r\n" : "")
        + (contentLength < 0 ? "Transfer-Encoding: chunked\r\n" : "")
        + "\r\n";
  }

  /** A handler that sends the headers and the first bytes of a longer body, then nothing. */
  public static Handler stallingAfter(String partialBody) {
    byte[] part = partialBody.getBytes(StandardCharsets.UTF_8);
    return (request, out, server) -> {
      out.write(
          headers(200, "application/json", part.length + 1000L)
              .getBytes(StandardCharsets.US_ASCII));
      out.write(part);
      out.flush();
      server.awaitClose();
    };
  }

  /** A handler that answers a complete body. */
  public static Handler answering(int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (request, out, server) -> {
      out.write(headers(status, contentType, bytes.length).getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    };
  }

  /** A handler that sends a chunked body of {@code chunk} bytes that never ends. */
  public static Handler endless(int chunk) {
    return (request, out, server) -> {
      out.write(headers(200, "application/json", -1).getBytes(StandardCharsets.US_ASCII));
      byte[] data = new byte[chunk];
      java.util.Arrays.fill(data, (byte) ' ');
      data[0] = '[';
      byte[] size = (Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      while (!server.isClosed()) {
        out.write(size);
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        data[0] = ' ';
      }
    };
  }

  /** A handler that sends one byte of a long body every {@code everyMillis}, for ever. */
  public static Handler dripping(long everyMillis) {
    return (request, out, server) -> {
      out.write(headers(200, "application/json", 1_000_000).getBytes(StandardCharsets.US_ASCII));
      while (!server.awaitClose(everyMillis)) {
        out.write(' ');
        out.flush();
      }
    };
  }

  /** The base URL, such as {@code http://127.0.0.1:54321}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** The requests received so far. */
  public List<Request> requests() {
    return requests;
  }

  /** Waits until the server closes. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Waits up to a time for the server to close; true when it did. */
  public boolean awaitClose(long millis) throws InterruptedException {
    return closed.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Tells whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  private void accept() {
    while (!isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        return;
      }
      connections.add(connection);
      Thread worker = new Thread(() -> serve(connection), "raw-http-conn");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      while (!isClosed()) {
        Request request = readRequest(in);
        if (request == null) {
          return;
        }
        requests.add(request);
        handler.answer(request, out, this);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the server is closing
    }
  }

  private static Request readRequest(InputStream in) throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
        line.reset();
        if (text.isEmpty()) {
          break;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    String[] first = lines.get(0).split(" ");
    Request request =
        new Request(
            first[0],
            first.length > 1 ? first[1] : "",
            List.copyOf(lines.subList(1, lines.size())));
    String length = request.header("Content-Length");
    if (length != null) {
      in.readNBytes(Integer.parseInt(length.trim()));
    } else if ("chunked"
        .equals(String.valueOf(request.header("Transfer-Encoding")).toLowerCase(Locale.ROOT))) {
      throw new IOException("chunked request bodies are not read by this test server");
    }
    return request;
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket connection : connections) {
      try {
        connection.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
