package dev.rehearse.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The log line of a service that logs through logback: one JSON object a line with {@code
 * timestamp}, {@code level}, {@code logger}, {@code thread}, {@code message}, the MDC's entries
 * ({@code request_id}, {@code session_id}…), {@code trace_id} and {@code span_id} of the current
 * OpenTelemetry span when one is current, and {@code exception} with its stack trace. With {@code
 * <format>text</format>} (from {@code REHEARSE_LOG_FORMAT=text}) it writes the same fields as one
 * readable line instead.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final JsonFactory JSON = new JsonFactory();

  /** The two formats of a line. */
  private enum Format {
    JSON,
    TEXT
  }

  private boolean json = true;

  /** {@code json} (the default) or {@code text}, in any case; anything else is JSON. */
  public void setFormat(String format) {
    this.json = !Format.TEXT.name().equalsIgnoreCase(format == null ? "" : format.strip());
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Map<String, String> context = context(event);
    return json ? json(event, context) : text(event, context);
  }

  /** The MDC of the event, with the current span's ids unless the MDC names a trace already. */
  private static Map<String, String> context(ILoggingEvent event) {
    Map<String, String> context = new TreeMap<>();
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      context.putAll(mdc);
    }
    if (!context.containsKey(Tags.TRACE_ID)) {
      currentSpan()
          .ifPresent(
              span -> {
                context.put(Tags.TRACE_ID, span.getTraceId());
                context.put(Tags.SPAN_ID, span.getSpanId());
              });
    }
    return context;
  }

  /**
   * The current span; empty without one, or when OpenTelemetry cannot run (a log line never fails).
   */
  private static Optional<SpanContext> currentSpan() {
    try {
      SpanContext span = Span.current().getSpanContext();
      return span.isValid() ? Optional.of(span) : Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static byte[] json(ILoggingEvent event, Map<String, String> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      g.writeStringField("level", event.getLevel().toString());
      g.writeStringField("logger", event.getLoggerName());
      g.writeStringField("thread", event.getThreadName());
      g.writeStringField("message", event.getFormattedMessage());
      for (Map.Entry<String, String> e : reserved(context).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        g.writeStringField("exception", ThrowableProxyUtil.asString(error));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** MDC keys that would overwrite a field of the line are prefixed. */
  private static Map<String, String> reserved(Map<String, String> context) {
    Map<String, String> out = new LinkedHashMap<>();
    context.forEach(
        (key, value) ->
            out.put(
                switch (key) {
                  case "timestamp", "level", "logger", "thread", "message", "exception" ->
                      "mdc_" + key;
                  default -> key;
                },
                value));
    return out;
  }

  private static byte[] text(ILoggingEvent event, Map<String, String> context) {
    StringBuilder line =
        new StringBuilder()
            .append(Instant.ofEpochMilli(event.getTimeStamp()))
            .append(' ')
            .append(String.format(Locale.ROOT, "%-5s", event.getLevel()))
            .append(" [")
            .append(event.getThreadName())
            .append("] ")
            .append(event.getLoggerName())
            .append(" - ")
            .append(event.getFormattedMessage());
    if (!context.isEmpty()) {
      line.append(' ').append(context);
    }
    line.append('\n');
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.append(ThrowableProxyUtil.asString(error)).append('\n');
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }
}
