package dev.driftless.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request exactly as written, as a hostile page or tool can: any Host, Origin and path bytes
 * (the JDK's HttpClient would refuse a Host header and might normalise a path).
 */
final class RawHttp {

  /** One answer: status, headers by lower-case name (the last of each), body text. */
  record Response(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /** {@code headers}: lines as "Name: value"; the Connection: close and a body's Content-Length are added. */
  static Response send(int port, String method, String target, String body, String... headers) throws IOException {
    StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    for (String h : headers) req.append(h).append("\r\n");
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) req.append("Content-Length: ").append(bytes.length).append("\r\n");
    req.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      return parse(s.getInputStream());
    }
  }

  /** Reads the head, then as many body bytes as Content-Length says: the server may keep the connection open. */
  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed inside the response head: " + head);
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).strip().split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }
}
