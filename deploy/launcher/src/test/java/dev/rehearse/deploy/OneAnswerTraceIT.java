package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One answer is one trace across the real stack: the caller's {@code traceparent} is continued by
 * the API, travels with the command through Kafka to the interview job and with its events back,
 * and every process exports its spans of it over OTLP (to a local receiver).
 */
class OneAnswerTraceIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theSpansOfOneAnswerShareTheCallersTrace() throws Exception {
    Stack stack = LocalStack.get();
    String token = LocalStack.token(stack, "it-traced");
    ApiClient candidate = new ApiClient(stack.config().apiUrl(), token);
    String sessionId =
        candidate
            .post("/ai-interview/sessions", Map.of("type", "technical", "role", "SRE"))
            .body()
            .path("id")
            .asText();

    // when an answer arrives with the caller's trace context
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    String traceId = HexFormat.of().formatHex(id);
    HttpResponse<String> reply =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        stack.config().apiUrl()
                            + "/ai-interview/sessions/"
                            + sessionId
                            + "/message"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"text\":\"I would add an alert on the error budget burn rate\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(200);

    // then every process's spans of it arrive in that one trace
    List<String> expected =
        List.of(
            "rehearse-api POST /ai-interview/sessions/{id}/message",
            "rehearse-api send rehearse.session-commands",
            "rehearse-stream-jobs process rehearse.session-commands",
            "rehearse-stream-jobs elasticsearch bulk",
            "rehearse-stream-jobs lake write bronze/answers",
            "rehearse-api process rehearse.session-replies");
    List<FakeOtlp.Span> spans =
        LocalStack.eventually(
            () -> {
              List<FakeOtlp.Span> trace = FakeOtlp.get().trace(traceId);
              List<String> seen = trace.stream().map(s -> s.service() + " " + s.name()).toList();
              return seen.containsAll(expected) ? trace : null;
            },
            () -> FakeOtlp.get().trace(traceId).toString());
    print(spans);
    FakeOtlp.Span server = named(spans, "POST /ai-interview/sessions/{id}/message");
    FakeOtlp.Span send = named(spans, "send rehearse.session-commands");
    FakeOtlp.Span process = named(spans, "process rehearse.session-commands");
    assertThat(server.parentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(send.parentSpanId()).isEqualTo(server.spanId());
    assertThat(process.parentSpanId()).isEqualTo(send.spanId());
    assertThat(named(spans, "elasticsearch bulk").parentSpanId()).isEqualTo(process.spanId());
    assertThat(named(spans, "lake write bronze/answers").parentSpanId())
        .isEqualTo(process.spanId());
    assertThat(spans)
        .filteredOn(s -> s.name().equals("process rehearse.session-replies"))
        .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(process.spanId()));

    // and the API's log line of the request names the trace
    String apiLog = Files.readString(stack.config().logDir().resolve("api.log"));
    assertThat(apiLog.lines())
        .anyMatch(
            line ->
                line.contains("\"trace_id\":\"" + traceId + "\"")
                    && line.contains("/ai-interview/sessions/{id}/message"));
  }

  private static FakeOtlp.Span named(List<FakeOtlp.Span> spans, String name) {
    Optional<FakeOtlp.Span> span = spans.stream().filter(s -> s.name().equals(name)).findFirst();
    assertThat(span).as("span %s in %s", name, spans).isPresent();
    return span.get();
  }

  /** The trace, in start order, with each span's start offset and duration. */
  private static void print(List<FakeOtlp.Span> spans) {
    List<FakeOtlp.Span> ordered =
        spans.stream().sorted(Comparator.comparingLong(FakeOtlp.Span::startNanos)).toList();
    long t0 = ordered.get(0).startNanos();
    StringBuilder out = new StringBuilder("one answer's trace:\n");
    for (FakeOtlp.Span s : ordered) {
      out.append(
          String.format(
              "  %-22s %-45s +%7.1f ms %7.1f ms%n",
              s.service(),
              s.name(),
              (s.startNanos() - t0) / 1e6,
              (s.endNanos() - s.startNanos()) / 1e6));
    }
    System.out.print(out);
  }
}
