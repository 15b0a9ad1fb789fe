package dev.rehearse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLineEncoderTest {

  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("dev.rehearse.api.http.Api");

  private record Call(String message, Throwable error) {}

  private Call event(String message, Throwable error) {
    return new Call(message, error);
  }

  /** Logs through SLF4J to an appender with {@code encoder}; returns what it wrote. */
  private String encode(JsonLineEncoder encoder, Call call) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    logger.addAppender(appender);
    try {
      org.slf4j.Logger slf4j = LoggerFactory.getLogger("dev.rehearse.api.http.Api");
      if (call.error() == null) {
        slf4j.error(call.message(), "s-1");
      } else {
        slf4j.error(call.message(), "s-1", call.error());
      }
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLineIsOneJsonObjectWithTheContext() throws Exception {
    JsonLineEncoder encoder = new JsonLineEncoder();
    MDC.put(Tags.REQUEST_ID, "req-1");
    String line;
    try (LogContext session = LogContext.session("s-1");
        Scope span =
            Span.wrap(
                    SpanContext.create(
                        TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()))
                .makeCurrent()) {
      line = encode(encoder, event("session {} failed", new IllegalStateException("boom")));
    } finally {
      MDC.remove(Tags.REQUEST_ID);
    }

    assertThat(line).endsWith("\n").doesNotContain("\n{");
    assertThat(line.strip()).doesNotContain("\n\"");
    assertThat(line.lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(Instant.parse(json.get("timestamp").asText())).isNotNull();
    assertThat(json.get("level").asText()).isEqualTo("ERROR");
    assertThat(json.get("logger").asText()).isEqualTo("dev.rehearse.api.http.Api");
    assertThat(json.get("message").asText()).isEqualTo("session s-1 failed");
    assertThat(json.get("request_id").asText()).isEqualTo("req-1");
    assertThat(json.get("session_id").asText()).isEqualTo("s-1");
    assertThat(json.get("trace_id").asText()).isEqualTo(TRACE);
    assertThat(json.get("span_id").asText()).isEqualTo(SPAN);
    assertThat(json.get("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("JsonLineEncoderTest");
    // the session's MDC entry ends with its work
    assertThat(MDC.get(Tags.SESSION_ID)).isNull();
  }

  @Test
  void withoutSpanOrMdcTheLineHasNoIds() throws Exception {
    JsonNode json = new ObjectMapper().readTree(encode(new JsonLineEncoder(), event("x", null)));

    assertThat(json.has("trace_id")).isFalse();
    assertThat(json.has("request_id")).isFalse();
    assertThat(json.has("exception")).isFalse();
  }

  @Test
  void textFormatIsOneReadableLine() {
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setFormat("text");
    MDC.put(Tags.REQUEST_ID, "req-2");
    String line;
    try {
      line = encode(encoder, event("session {} started", null));
    } finally {
      MDC.remove(Tags.REQUEST_ID);
    }

    assertThat(line)
        .contains("ERROR")
        .contains("dev.rehearse.api.http.Api - session s-1 started")
        .contains("request_id=req-2")
        .doesNotStartWith("{");
  }
}
