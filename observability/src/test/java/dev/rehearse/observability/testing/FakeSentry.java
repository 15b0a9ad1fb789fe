package dev.rehearse.observability.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A local Sentry that receives what the SDK sends: envelopes on {@code POST
 * /api/<project>/envelope/} (gzip-compressed or not), answered 200 as Sentry does. The DSN {@link
 * #dsn()} points at it.
 */
public final class FakeSentry implements AutoCloseable {

  /** One received envelope: its path, auth header and decompressed bytes. */
  public record Envelope(String path, String auth, byte[] bytes) {

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether it carries an error event (not a session update or a client report). */
    public boolean isEvent() {
      return text().contains("\"type\":\"event\"");
    }
  }

  private static final String PROJECT = "42";

  private final HttpServer server;
  private final List<Envelope> envelopes = new ArrayList<>();

  public FakeSentry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = gunzip(body);
            }
            synchronized (envelopes) {
              envelopes.add(
                  new Envelope(
                      exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                      String.valueOf(exchange.getRequestHeaders().getFirst("X-Sentry-Auth")),
                      body));
              envelopes.notifyAll();
            }
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
          }
        });
    server.start();
  }

  /** A DSN that sends to this fake. */
  public String dsn() {
    return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/" + PROJECT;
  }

  /** The path the SDK posts envelopes to. */
  public static String envelopePath() {
    return "POST /api/" + PROJECT + "/envelope/";
  }

  /** Everything received so far. */
  public List<Envelope> envelopes() {
    synchronized (envelopes) {
      return List.copyOf(envelopes);
    }
  }

  /** The envelopes that carry an error event, once at least {@code count} arrived (or timeout). */
  public List<Envelope> awaitEvents(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (envelopes) {
      while (events().size() < count && System.nanoTime() < deadline) {
        envelopes.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      return events();
    }
  }

  private List<Envelope> events() {
    List<Envelope> out = new ArrayList<>();
    for (Envelope e : envelopes) {
      if (e.isEvent()) {
        out.add(e);
      }
    }
    return out;
  }

  private static byte[] gunzip(byte[] body) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
