package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.api.service.KafkaCommandBus;
import dev.rehearse.api.service.KafkaReplyWaiter;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.ReplyHeaders;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's part of a trace: a request's server span, the producer span of the command it publishes
 * (through the real Kafka command bus, on a mock producer) with the record's {@code traceparent},
 * and the span of taking the interviewer's traced reply.
 */
class ApiTracingTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-trace-test";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final Tracer tracer =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(spans))
          .build()
          .get("test");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private Javalin app;

  @BeforeEach
  void start() {
    app =
        TestApi.start(
            TestServices.create(
                Json.newMapper(), new KafkaCommandBus(producer, Json.newMapper(), tracer, 3)),
            TestApi.config(SECRET, Duration.ofSeconds(1), List.of(), Synthesizers.Settings.NONE),
            TestApi.limits(50, 10, 50),
            tracer);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private HttpResponse<String> postProfile(Optional<String> traceparent) throws Exception {
    String body =
        "{\"targetRole\":\"backend engineer\",\"company\":\"Globex\",\"bio\":\"Calm under"
            + " pressure\",\"resumeText\":\"Built the payments service in Java and Kafka.\"}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/ai-interview/profile"))
            .header("Authorization", "Bearer " + token("trace-user"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    traceparent.ifPresent(t -> request.header("traceparent", t));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String user) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("rehearse")
            .audience("rehearse-api")
            .subject(user)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private SpanData span(SpanKind kind) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == kind)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + kind + " span in " + spans.getFinishedSpanItems()));
  }

  @Test
  void theCommandARequestPublishesCarriesTheRequestsTrace() throws Exception {
    HttpResponse<String> response = postProfile(Optional.empty());

    assertThat(response.statusCode()).isLessThan(300);
    SpanData server = span(SpanKind.SERVER);
    SpanData send = span(SpanKind.PRODUCER);
    assertThat(server.getName()).isEqualTo("POST /ai-interview/profile");
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(send.getName()).isEqualTo("send " + Topics.PROFILES.name());
    assertThat(send.getTraceId()).isEqualTo(server.getTraceId());
    assertThat(send.getParentSpanId()).isEqualTo(server.getSpanId());
    ProducerRecord<String, byte[]> record = producer.history().get(0);
    Span carried = Span.fromContext(TraceHeaders.extract(record.headers()));
    assertThat(carried.getSpanContext().getTraceId()).isEqualTo(server.getTraceId());
    assertThat(carried.getSpanContext().getSpanId()).isEqualTo(send.getSpanId());
  }

  @Test
  void theCommandARequestPublishesNamesThisInstancesReplyPartition() throws Exception {
    assertThat(postProfile(Optional.empty()).statusCode()).isLessThan(300);

    assertThat(ReplyHeaders.replyPartition(producer.history().get(0).headers())).contains(3);
  }

  @Test
  void aCallersTraceparentIsContinued() throws Exception {
    String caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    postProfile(Optional.of(caller));

    SpanData server = span(SpanKind.SERVER);
    assertThat(server.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(span(SpanKind.PRODUCER).getTraceId()).isEqualTo(server.getTraceId());
  }

  @Test
  void takingATracedReplyIsASpanOfItsTrace() {
    Span interviewer = tracer.spanBuilder("process rehearse.session-commands").startSpan();
    RecordHeaders headers = new RecordHeaders();
    TraceHeaders.inject(Context.root().with(interviewer), headers);
    byte[] event =
        Json.toBytes(
            Json.newMapper(),
            new SessionEvent.CommandRejected(
                SessionEvent.SCHEMA_VERSION,
                "s1/rejected/c1",
                "s1",
                "u1",
                "c1",
                RejectionReason.SESSION_NOT_FOUND,
                "no such session",
                Instant.parse("2026-11-25T10:00:00Z")));
    KafkaReplyWaiter replies = new KafkaReplyWaiter(Json.newMapper(), e -> {}, tracer);

    replies.onRecord(
        Topics.SESSION_REPLIES.name(),
        new ConsumerRecord<>(
            Topics.SESSION_REPLIES.name(),
            0,
            7L,
            0L,
            TimestampType.CREATE_TIME,
            0,
            0,
            "s1",
            event,
            headers,
            Optional.empty()));

    SpanData taken = span(SpanKind.CONSUMER);
    assertThat(taken.getName()).isEqualTo("process " + Topics.SESSION_REPLIES.name());
    assertThat(taken.getTraceId()).isEqualTo(interviewer.getSpanContext().getTraceId());
    assertThat(taken.getParentSpanId()).isEqualTo(interviewer.getSpanContext().getSpanId());
  }
}
