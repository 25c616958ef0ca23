package dev.ymchat.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a raw socket, for what java.net.http will not send: malformed framing, chunk
 * extensions, bodies that trickle in. Reads back every answer the server writes on the connection.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /**
   * Connects to the sandbox on loopback.
   *
   * @param port the sandbox's port
   * @param readTimeoutMillis how long one read may wait before the connection counts as silent
   * @throws IOException when the connection fails
   */
  public RawHttp(int port, int readTimeoutMillis) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(readTimeoutMillis);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** One answer read from the connection. */
  public record Answer(int status, Map<String, String> headers, String body) {
    /**
     * A header by its name, case-insensitively.
     *
     * @param name the header name
     * @return the value, or null
     */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends raw bytes (the text's UTF-8) and flushes.
   *
   * @param text what to send, CRLFs included
   * @throws IOException when the connection fails
   */
  public void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Whether the server still holds the connection open (a write would not fail yet).
   *
   * @return false once the socket is closed on this side
   */
  public boolean isClosed() {
    return socket.isClosed();
  }

  /**
   * Reads answers until the server closes the connection, a read times out, or {@code max} answers
   * have arrived.
   *
   * @param max the most answers to wait for
   * @return the answers, in order
   * @throws IOException when an answer is malformed
   */
  public List<Answer> readAnswers(int max) throws IOException {
    List<Answer> answers = new ArrayList<>();
    try {
      while (answers.size() < max) {
        String statusLine = line();
        if (statusLine == null) {
          break;
        }
        if (statusLine.isEmpty()) {
          continue;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
          throw new IOException("not an HTTP status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while ((header = line()) != null && !header.isEmpty()) {
          int colon = header.indexOf(':');
          headers.put(
              header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              header.substring(colon + 1).trim());
        }
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
          body = chunked();
        } else if (headers.containsKey("content-length")) {
          body = new String(exactly(Integer.parseInt(headers.get("content-length"))), UTF8);
        } else {
          body = new String(in.readAllBytes(), UTF8);
        }
        answers.add(new Answer(Integer.parseInt(parts[1]), headers, body));
      }
    } catch (SocketTimeoutException | SocketException ended) {
      // The connection went silent or was reset: the answers read so far are all there are.
    }
    return answers;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private String chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      if (size == null) {
        throw new IOException("chunked answer cut short");
      }
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        String trailer;
        while ((trailer = line()) != null && !trailer.isEmpty()) {
          // trailers are not used by the sandbox
        }
        return body.toString(UTF8);
      }
      body.writeBytes(exactly(n));
      line();
    }
  }

  private byte[] exactly(int n) throws IOException {
    byte[] data = in.readNBytes(n);
    if (data.length < n) {
      throw new IOException("answer body cut short: " + data.length + " of " + n + " bytes");
    }
    return data;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(UTF8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(UTF8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
