package dev.ymchat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deliberately cheap HTTP/1.1 server on 127.0.0.1 for the loopback benchmark: one blocking thread
 * per keep-alive connection, a request read with a single scan for the header end and {@code
 * Content-Length}, and an answer written from bytes built once at start. Paths containing {@code
 * /chats/history} get the history page, other paths containing {@code /chats} the chats page,
 * anything else 404.
 */
public final class FixedResponseServer implements AutoCloseable {

  private static final byte[] NOT_FOUND = notFound();

  private final ServerSocket socket;
  private final byte[] historyAnswer;
  private final byte[] chatsAnswer;
  private final Thread acceptor;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong connectionsOpened = new AtomicLong();
  private volatile boolean closed;

  private FixedResponseServer(ServerSocket socket, byte[] historyBody, byte[] chatsBody) {
    this.socket = socket;
    this.historyAnswer = answer(historyBody);
    this.chatsAnswer = answer(chatsBody);
    this.acceptor = new Thread(this::acceptLoop, "bench-server-accept");
    this.acceptor.setDaemon(true);
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param historyBody the body of every getChatHistory answer
   * @param chatsBody the body of every getChats answer
   * @return the running server
   * @throws IOException when no port can be bound
   */
  public static FixedResponseServer start(byte[] historyBody, byte[] chatsBody) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    FixedResponseServer server = new FixedResponseServer(socket, historyBody, chatsBody);
    server.acceptor.start();
    return server;
  }

  /**
   * Returns the base URL to give a client.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /**
   * Counts the requests answered so far.
   *
   * @return the count
   */
  public long requests() {
    return requests.get();
  }

  /**
   * Counts the connections accepted so far; with keep-alive it stays near the client thread count.
   *
   * @return the count
   */
  public long connectionsOpened() {
    return connectionsOpened.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }

  private static byte[] answer(byte[] body) {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (Map.Entry<String, List<String>> h : Fixtures.responseHeaders().entrySet()) {
      for (String value : h.getValue()) {
        head.append(h.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private static byte[] notFound() {
    byte[] body =
        "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"the bench server answers only /chats and /chats/history\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        return; // closed
      }
      connectionsOpened.incrementAndGet();
      connections.add(connection);
      Thread worker = new Thread(() -> serve(connection), "bench-server-conn");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      RequestReader reader = new RequestReader(in);
      while (!closed) {
        String target = reader.next();
        if (target == null) {
          return; // the client closed the connection
        }
        byte[] reply =
            target.contains("/chats/history")
                ? historyAnswer
                : target.contains("/chats") ? chatsAnswer : NOT_FOUND;
        requests.incrementAndGet(); // before answering, so a finished call is always counted
        out.write(reply);
        out.flush();
      }
    } catch (SocketException e) {
      // the client or close() dropped the connection: nothing to answer any more
    } catch (IOException e) {
      if (!closed) {
        System.err.println("bench server: connection failed: " + e);
      }
    } finally {
      connections.remove(connection);
    }
  }

  /** Reads one request after another from a keep-alive connection, with its own buffer. */
  static final class RequestReader {
    private final InputStream in;
    private byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;

    RequestReader(InputStream in) {
      this.in = in;
    }

    /**
     * Reads the next request, skipping its body.
     *
     * @return the request target (path and query), or {@code null} at the end of the stream
     * @throws IOException on a read failure or a malformed request
     */
    String next() throws IOException {
      int headerEnd;
      while ((headerEnd = find()) < 0) {
        if (!fill()) {
          if (end > start) {
            throw new IOException("connection closed in the middle of a request head");
          }
          return null;
        }
      }
      String head = new String(buf, start, headerEnd - start, StandardCharsets.ISO_8859_1);
      start = headerEnd + 4;
      int firstSpace = head.indexOf(' ');
      int secondSpace = head.indexOf(' ', firstSpace + 1);
      if (firstSpace < 0 || secondSpace < 0) {
        throw new IOException("not an HTTP request line: " + head.lines().findFirst().orElse(""));
      }
      String target = head.substring(firstSpace + 1, secondSpace);
      long remaining = contentLength(head);
      while (remaining > 0) {
        if (start == end && !fill()) {
          throw new IOException("connection closed in the middle of a request body");
        }
        int take = (int) Math.min(remaining, end - start);
        start += take;
        remaining -= take;
      }
      return target;
    }

    private static long contentLength(String head) {
      int at = 0;
      while ((at = head.indexOf('\n', at)) >= 0) {
        at++;
        if (head.regionMatches(true, at, "content-length:", 0, 15)) {
          int stop = head.indexOf('\r', at);
          return Long.parseLong(head.substring(at + 15, stop < 0 ? head.length() : stop).trim());
        }
      }
      return 0;
    }

    private int find() {
      for (int i = start; i + 3 < end; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private boolean fill() throws IOException {
      if (start == end) {
        start = 0;
        end = 0;
      } else if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        if (buf.length >= 1024 * 1024) {
          throw new IOException("request head over 1 MB");
        }
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
      return true;
    }
  }
}
