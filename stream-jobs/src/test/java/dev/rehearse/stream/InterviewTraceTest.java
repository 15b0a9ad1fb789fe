package dev.rehearse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.testing.FakeChatProvider;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.ReplyHeaders;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.functions.AudioAnalysis;
import dev.rehearse.stream.functions.ContextLookup;
import dev.rehearse.stream.functions.Outbound;
import dev.rehearse.stream.functions.SpokenAnswerTranscriber;
import dev.rehearse.stream.functions.Traced;
import dev.rehearse.stream.serde.JsonSchemas;
import dev.rehearse.stream.testing.MemorySpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One command, one trace, through the interview job on a local Flink cluster: commands read as the
 * job reads them from Kafka (with the {@code traceparent} header their publisher's span wrote), the
 * spans of the job's operators exported through the SDK the job's telemetry settings configure
 * (kept in memory), and the events written as the job writes them to Kafka. The planning LLM is a
 * local server speaking the OpenAI wire format.
 */
class InterviewTraceTest {

  private static final Telemetry.Settings TELEMETRY =
      new Telemetry.Settings(
          new TreeMap<>(Map.of("OTEL_TRACES_EXPORTER", "memory", "OTEL_BSP_SCHEDULE_DELAY", "10")),
          "rehearse-stream-jobs-test");

  /** What the job's sinks received, by sink (the sinks travel serialized, their queues stay). */
  private static final Map<String, ConcurrentLinkedQueue<Object>> SINKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The commands the source emits (read by the generator, which travels serialized). */
  private static final List<Traced<SessionCommand>> COMMANDS =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private FakeChatProvider llm;

  @BeforeEach
  void start() throws Exception {
    SINKS.clear();
    MemorySpans.EXPORTED.reset();
    llm =
        new FakeChatProvider(
            "ok",
            "1. How have you used Kafka to decouple services?\n"
                + "2. How would you make a consumer idempotent?");
  }

  @AfterEach
  void stop() {
    llm.close();
  }

  /** What the API does for one request: a server span, and a producer span for its command. */
  private static ConsumerRecord<byte[], byte[]> published(
      Tracer tracer, String route, SessionCommand command) {
    return published(tracer, route, command, Optional.empty());
  }

  /** As the API publishes it, naming {@code replyPartition} as where its replies go. */
  private static ConsumerRecord<byte[], byte[]> published(
      Tracer tracer, String route, SessionCommand command, Optional<Integer> replyPartition) {
    Span request = tracer.spanBuilder(route).setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = request.makeCurrent()) {
      Span send =
          tracer
              .spanBuilder("send " + Topics.SESSION_COMMANDS.name())
              .setSpanKind(SpanKind.PRODUCER)
              .startSpan();
      RecordHeaders headers = new RecordHeaders();
      TraceHeaders.inject(Context.current().with(send), headers);
      replyPartition.ifPresent(p -> ReplyHeaders.inject(p, headers));
      send.end();
      return new ConsumerRecord<>(
          Topics.SESSION_COMMANDS.name(),
          0,
          0L,
          0L,
          TimestampType.CREATE_TIME,
          0,
          0,
          Topics.SESSION_COMMANDS.keySerde().toBytes(command.sessionId()),
          Topics.SESSION_COMMANDS.valueSerde().toBytes(command),
          headers,
          Optional.empty());
    } finally {
      request.end();
    }
  }

  @Test
  void everySpanOfACommandSharesItsPublishersTrace() throws Exception {
    OpenTelemetrySdk sdk = (OpenTelemetrySdk) Telemetry.shared(TELEMETRY);
    Tracer api = Telemetry.tracer(sdk);
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.TECHNICAL,
            "Engineer",
            "mid",
            Optional.empty(),
            "en",
            2,
            Optional.empty());
    StartSession start =
        new StartSession(SessionCommand.SCHEMA_VERSION, "start-1", "s1", "u1", spec, T0);
    SubmitAnswer answer =
        new SubmitAnswer(
            SessionCommand.SCHEMA_VERSION,
            "answer-1",
            "s1",
            "u1",
            new Answer(
                "I used a queue to decouple the services, so the result was fewer outages",
                Optional.of(6_000L),
                null,
                null,
                null,
                null),
            T0.plusSeconds(30));
    // the commands as the job's Kafka source reads them
    JsonSchemas.TracedReader<SessionCommand> reader =
        new JsonSchemas.TracedReader<>(Topics.SESSION_COMMANDS, InterviewJob.COMMAND_TYPE);
    List<Traced<SessionCommand>> commands = COMMANDS;
    commands.clear();
    reader.deserialize(
        published(api, "POST /ai-interview/sessions", start),
        new org.apache.flink.api.common.functions.util.ListCollector<>(commands));
    reader.deserialize(
        published(api, "POST /ai-interview/sessions/{id}/message", answer, Optional.of(5)),
        new org.apache.flink.api.common.functions.util.ListCollector<>(commands));
    String startTrace = traceOf(commands.get(0));
    String answerTrace = traceOf(commands.get(1));
    assertThat(startTrace).isNotEqualTo(answerTrace);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    // the source waits for replies: in a task of its own; and every record crosses a serializer
    env.disableOperatorChaining();
    new InterviewJob(
            // the answer once the start's question is out, as a client waits for the start's reply
            new DataGeneratorSource<>(
                InterviewTraceTest::afterTheLastReply, commands.size(), InterviewJob.COMMAND_TYPE),
            new ContextLookup(
                URI.create("http://127.0.0.1:9"), List.of(llm.settings("groq")), TELEMETRY),
            Duration.ofSeconds(10),
            new AudioAnalysis(
                "file:///tmp/rehearse-trace-test",
                SpokenAnswerTranscriber.NONE,
                1,
                Duration.ofSeconds(1)),
            Duration.ofSeconds(2),
            new Collecting<>("kafka"),
            new Collecting<>("projections"),
            new Collecting<>("lake"),
            Duration.ofMinutes(30),
            TELEMETRY)
        .build(env);
    env.execute("interview-trace-test");
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    List<SpanData> spans = MemorySpans.EXPORTED.getFinishedSpanItems();

    // the answer: the API's spans, the job's processing of it, its lake row: one trace
    List<SpanData> answerSpans = inTrace(spans, answerTrace);
    print("answer", answerSpans);
    SpanData send = named(answerSpans, "send rehearse.session-commands");
    SpanData process = named(answerSpans, "process rehearse.session-commands");
    assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
    assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(named(answerSpans, "lake write bronze/answers").getParentSpanId())
        .isEqualTo(process.getSpanId());
    assertThat(received("lake")).hasSize(1);
    // its events, as written to Kafka, carry the processing span: the API's reply continues it
    List<Traced<SessionEvent>> answered = new ArrayList<>();
    for (Object e : received("events")) {
      @SuppressWarnings("unchecked")
      Traced<SessionEvent> event = (Traced<SessionEvent>) e;
      if (event.value().commandId().equals("answer-1")) {
        answered.add(event);
      }
    }
    assertThat(answered).anyMatch(e -> e.value() instanceof AnswerAnalyzed);
    for (Traced<SessionEvent> event : answered) {
      ProducerRecord<byte[], byte[]> record =
          new StreamJobsMain.OutboundRecords().serialize(new Outbound(event, false), null, null);
      Span carried = Span.fromContext(TraceHeaders.extract(record.headers()));
      assertThat(carried.getSpanContext().getTraceId()).isEqualTo(answerTrace);
      assertThat(carried.getSpanContext().getSpanId()).isEqualTo(process.getSpanId());
    }

    // the answer named reply partition 5: its events, and only they, go there too (the start
    // named none)
    assertThat(received("replies"))
        .isNotEmpty()
        .allSatisfy(
            e -> {
              @SuppressWarnings("unchecked")
              Traced<SessionEvent> event = (Traced<SessionEvent>) e;
              assertThat(event.value().commandId()).isEqualTo("answer-1");
              assertThat(event.replyPartition()).contains(5);
            })
        .hasSameSizeAs(answered);

    // the start: its preparation and the LLM's planning call are spans of the start's trace
    List<SpanData> startSpans = inTrace(spans, startTrace);
    print("start", startSpans);
    SpanData prepare = named(startSpans, "prepare session");
    assertThat(prepare.getParentSpanId())
        .isEqualTo(named(startSpans, "send rehearse.session-commands").getSpanId());
    SpanData chat = named(startSpans, "chat fake-model");
    assertThat(chat.getParentSpanId()).isEqualTo(prepare.getSpanId());
    assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(named(startSpans, "process rehearse.session-commands")).isNotNull();

    // and nothing of the job is outside the two traces
    assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isIn(startTrace, answerTrace));
  }

  /** The {@code i}th command, once the previous one's reply (a question) was emitted. */
  private static Traced<SessionCommand> afterTheLastReply(long i) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received("events").stream()
                .filter(e -> ((Traced<?>) e).value() instanceof SessionEvent.QuestionAsked)
                .count()
            < i
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return COMMANDS.get((int) i);
  }

  private static List<Object> received(String sink) {
    return List.copyOf(SINKS.getOrDefault(sink, new ConcurrentLinkedQueue<>()));
  }

  private static String traceOf(Traced<SessionCommand> command) {
    return Span.fromContext(command.context()).getSpanContext().getTraceId();
  }

  private static List<SpanData> inTrace(List<SpanData> spans, String traceId) {
    return spans.stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
        .toList();
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names(spans)));
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }

  /** The trace as a tree with each span's start offset and duration, for the test's output. */
  private static void print(String title, List<SpanData> spans) {
    long t0 = spans.get(0).getStartEpochNanos();
    StringBuilder out = new StringBuilder("trace of the " + title + ":\n");
    for (SpanData s : spans) {
      int depth = 0;
      String parent = s.getParentSpanId();
      while (true) {
        String p = parent;
        Optional<SpanData> up = spans.stream().filter(x -> x.getSpanId().equals(p)).findFirst();
        if (up.isEmpty()) {
          break;
        }
        depth++;
        parent = up.get().getParentSpanId();
      }
      out.append(
          String.format(
              "  %s%-40s +%6.1f ms %7.1f ms%n",
              "  ".repeat(depth),
              s.getName(),
              (s.getStartEpochNanos() - t0) / 1e6,
              (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6));
    }
    System.out.print(out);
  }

  /** Keeps what the job writes to a sink, under the sink's name. */
  private static final class Collecting<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String name;

    Collecting(String name) {
      this.name = name;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context context) {
          if (element instanceof Outbound o) {
            // the Kafka sink's records, by topic: the events and the replies
            SINKS
                .computeIfAbsent(
                    o.reply() ? "replies" : "events", n -> new ConcurrentLinkedQueue<>())
                .add(o.event());
          } else {
            SINKS.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(element);
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
