package dev.rehearse.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A local OTLP receiver ({@code POST /v1/traces}, OTLP/HTTP with protobuf bodies, as LangSmith's
 * endpoint takes them) that the shared test stack exports its traces to. It reads of each span what
 * the tests check: the service, the trace, the span and its parent, the name and the times.
 */
final class FakeOtlp {

  /** One received span. */
  record Span(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      long startNanos,
      long endNanos) {}

  private static FakeOtlp instance;

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();

  private FakeOtlp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "fake-otlp");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/v1/traces", this::traces);
    server.start();
  }

  /** The one receiver of this test JVM, started on first use. */
  static synchronized FakeOtlp get() {
    if (instance == null) {
      try {
        instance = new FakeOtlp();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** Its base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The spans of one trace received so far. */
  List<Span> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private void traces(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")
          || !"application/x-protobuf"
              .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      // ExportTraceServiceRequest: 1 resource_spans
      for (byte[] resourceSpans : fields(body, 1)) {
        String service = service(resourceSpans);
        // ResourceSpans: 2 scope_spans; ScopeSpans: 2 spans
        for (byte[] scopeSpans : fields(resourceSpans, 2)) {
          for (byte[] span : fields(scopeSpans, 2)) {
            spans.add(span(service, span));
          }
        }
      }
      // an empty ExportTraceServiceResponse: everything accepted
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The {@code service.name} of a ResourceSpans' resource (1), from its attributes (1). */
  private static String service(byte[] resourceSpans) throws IOException {
    for (byte[] resource : fields(resourceSpans, 1)) {
      for (byte[] attribute : fields(resource, 1)) {
        // KeyValue: 1 key, 2 value (AnyValue: 1 string_value)
        List<byte[]> key = fields(attribute, 1);
        if (!key.isEmpty() && text(key.get(0)).equals("service.name")) {
          for (byte[] value : fields(attribute, 2)) {
            List<byte[]> string = fields(value, 1);
            if (!string.isEmpty()) {
              return text(string.get(0));
            }
          }
        }
      }
    }
    return "";
  }

  /**
   * Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 7 start_time_unix_nano, 8
   * end_time_unix_nano.
   */
  private static Span span(String service, byte[] span) throws IOException {
    long[] times = new long[9];
    String[] ids = new String[6];
    Wire wire = new Wire(span);
    while (wire.more()) {
      int tag = wire.varint32();
      int field = tag >>> 3;
      switch (tag & 7) {
        case 0 -> wire.varint();
        case 1 -> {
          long value = wire.fixed64();
          if (field == 7 || field == 8) {
            times[field] = value;
          }
        }
        case 2 -> {
          byte[] value = wire.bytes();
          if (field == 1 || field == 2 || field == 4) {
            ids[field] = HexFormat.of().formatHex(value);
          } else if (field == 5) {
            ids[5] = text(value);
          }
        }
        case 5 -> wire.fixed32();
        default -> throw new IOException("wire type " + (tag & 7));
      }
    }
    return new Span(
        service, ids[1], ids[2], ids[4] == null ? "" : ids[4], ids[5], times[7], times[8]);
  }

  /** The length-delimited values of field {@code number} of a message. */
  private static List<byte[]> fields(byte[] message, int number) throws IOException {
    List<byte[]> values = new ArrayList<>();
    Wire wire = new Wire(message);
    while (wire.more()) {
      int tag = wire.varint32();
      switch (tag & 7) {
        case 0 -> wire.varint();
        case 1 -> wire.fixed64();
        case 2 -> {
          byte[] value = wire.bytes();
          if (tag >>> 3 == number) {
            values.add(value);
          }
        }
        case 5 -> wire.fixed32();
        default -> throw new IOException("wire type " + (tag & 7));
      }
    }
    return values;
  }

  private static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Reads protobuf's wire format. */
  private static final class Wire {
    private final DataInputStream in;

    Wire(byte[] bytes) {
      this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    boolean more() throws IOException {
      return in.available() > 0;
    }

    long varint() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.readUnsignedByte();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("malformed varint");
    }

    int varint32() throws IOException {
      return (int) varint();
    }

    long fixed64() throws IOException {
      return Long.reverseBytes(in.readLong());
    }

    int fixed32() throws IOException {
      return Integer.reverseBytes(in.readInt());
    }

    byte[] bytes() throws IOException {
      byte[] value = new byte[(int) varint()];
      in.readFully(value);
      return value;
    }
  }
}
