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
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.interview.FollowUps;
import dev.rehearse.core.testing.FakeChatProvider;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.functions.AudioAnalysis;
import dev.rehearse.stream.functions.ContextLookup;
import dev.rehearse.stream.functions.FollowUpWording;
import dev.rehearse.stream.functions.Outbound;
import dev.rehearse.stream.functions.SpokenAnswerTranscriber;
import dev.rehearse.stream.functions.Traced;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A system design answer that names no trade-off, through the interview job on a local Flink
 * cluster: the rules follow it up, and with an LLM (a local server speaking the OpenAI wire format)
 * the follow-up the sinks receive is the LLM's wording; an invalid reply or a late one leaves the
 * rule's; offline the job has no wording step at all.
 */
class FollowUpWordingJobTest {

  private static final Telemetry.Settings TELEMETRY = Telemetry.Settings.none("test");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String DESIGN =
      "I would put a load balancer in front of stateless servers and keep the orders in Postgres,"
          + " with a cache in front of the reads.";
  private static final String WORDED =
      "Why Postgres for the orders rather than a key-value store, and what does the cache cost you?";

  /** What the job's sinks received, by sink (the sinks travel serialized, their queues stay). */
  private static final Map<String, ConcurrentLinkedQueue<Traced<SessionEvent>>> SINKS =
      new ConcurrentHashMap<>();

  /** The commands the source emits: a start, then each answer once the question before is out. */
  private static final List<Traced<SessionCommand>> COMMANDS =
      List.of(
          Traced.untraced(
              new StartSession(
                  SessionCommand.SCHEMA_VERSION,
                  "start-1",
                  "s1",
                  "u1",
                  new InterviewSpec(
                      InterviewType.SYSTEM_DESIGN,
                      "Backend Engineer",
                      "mid",
                      Optional.empty(),
                      "en",
                      2,
                      Optional.empty()),
                  T0)),
          new Traced<>(
              new SubmitAnswer(
                  SessionCommand.SCHEMA_VERSION,
                  "answer-1",
                  "s1",
                  "u1",
                  new Answer(DESIGN, Optional.of(12_000L), null, null, null, null),
                  T0.plusSeconds(60)),
              Optional.empty(),
              Optional.of(2)),
          Traced.untraced(
              new SubmitAnswer(
                  SessionCommand.SCHEMA_VERSION,
                  "answer-2",
                  "s1",
                  "u1",
                  new Answer(
                      "Postgres gives us transactions at the cost of harder scaling.",
                      Optional.of(8_000L),
                      null,
                      null,
                      null,
                      null),
                  T0.plusSeconds(120))));

  private FakeChatProvider llm;

  @AfterEach
  void stop() {
    if (llm != null) {
      llm.close();
    }
  }

  /** The job: the offline planner, and the follow-ups worded by {@code wording} when present. */
  private static StreamExecutionEnvironment job(Optional<FollowUpWording> wording) {
    SINKS.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    // the source waits for replies: in a task of its own; and every record crosses a serializer
    env.disableOperatorChaining();
    InterviewJob job =
        new InterviewJob(
            new DataGeneratorSource<>(
                FollowUpWordingJobTest::afterTheLastReply,
                COMMANDS.size(),
                InterviewJob.COMMAND_TYPE),
            new ContextLookup(URI.create("http://127.0.0.1:9"), List.of(), TELEMETRY),
            Duration.ofSeconds(10),
            new AudioAnalysis(
                "file:///tmp/rehearse-follow-up-test",
                SpokenAnswerTranscriber.NONE,
                1,
                Duration.ofSeconds(1)),
            Duration.ofSeconds(2),
            new Collecting<>("kafka"),
            new Collecting<>("projections"),
            new Collecting<>("lake"),
            Duration.ofMinutes(30),
            TELEMETRY);
    if (wording.isPresent()) {
      job = job.withFollowUpWording(wording.get(), Duration.ofSeconds(1));
    }
    job.build(env);
    return env;
  }

  private static FollowUpWording wording(FakeChatProvider llm) {
    return new FollowUpWording(List.of(llm.settings("groq")), Duration.ofSeconds(1), TELEMETRY);
  }

  /** The events of answer {@code commandId} as {@code sink} received them, in order. */
  private static List<SessionEvent> answered(String sink, String commandId) {
    return SINKS.getOrDefault(sink, new ConcurrentLinkedQueue<>()).stream()
        .map(Traced::value)
        .filter(e -> e.commandId().equals(commandId))
        .toList();
  }

  private static List<SessionEvent> answered(String sink) {
    return answered(sink, "answer-1");
  }

  /** The question the answer to the follow-up is recorded under, as {@code sink} received it. */
  private static String followUpAnsweredUnder(String sink) {
    return answered(sink, "answer-2").stream()
        .filter(AnswerAnalyzed.class::isInstance)
        .map(e -> ((AnswerAnalyzed) e).question())
        .findFirst()
        .orElseThrow();
  }

  private static String followUpText(String sink) {
    List<SessionEvent> events = answered(sink);
    assertThat(events)
        .as("the answer's events in %s, in order", sink)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("AnswerAnalyzed", "QuestionAsked");
    QuestionAsked followUp = (QuestionAsked) events.get(1);
    assertThat(followUp.questionId()).endsWith("/follow-up");
    return followUp.text();
  }

  @Test
  void withAnLlmTheFollowUpIsTheLlmsWording() throws Exception {
    llm = new FakeChatProvider("ok", WORDED);

    job(Optional.of(wording(llm))).execute("follow-up-worded");

    assertThat(followUpText("events")).isEqualTo(WORDED);
    assertThat(followUpText("replies")).isEqualTo(WORDED);
    assertThat(followUpText("projections")).isEqualTo(WORDED);
    // it was asked about this answer, fenced, and why the rules follow it up
    assertThat(llm.requests()).hasSize(1);
    assertThat(llm.messages(0))
        .contains("<candidate_answer>\n" + DESIGN + "\n</candidate_answer>")
        .contains(FollowUps.Reason.NO_TRADE_OFFS.missing());
    // the events travel on with the answer's reply partition
    assertThat(SINKS.get("replies")).allSatisfy(e -> assertThat(e.replyPartition()).contains(2));
    assertThat(((AnswerAnalyzed) answered("events").get(0)).answer()).isEqualTo(DESIGN);
    // the answer to the follow-up is recorded under the question as it was asked
    assertThat(followUpAnsweredUnder("events")).isEqualTo(WORDED);
    assertThat(followUpAnsweredUnder("projections")).isEqualTo(WORDED);
  }

  @Test
  void anInvalidLlmReplyLeavesTheRulesWording() throws Exception {
    llm =
        new FakeChatProvider("ok", "Great answer! Now tell me: what are the trade-offs? <b>x</b>");

    job(Optional.of(wording(llm))).execute("follow-up-invalid");

    assertThat(llm.requests()).hasSize(1);
    assertThat(followUpText("events")).isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(followUpText("replies")).isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(followUpAnsweredUnder("events")).isEqualTo(FollowUps.TRADE_OFFS);
  }

  @Test
  void aLateLlmLeavesTheRulesWordingWithinTheTimeout() throws Exception {
    llm = new FakeChatProvider("slow", WORDED);

    long start = System.nanoTime();
    job(Optional.of(wording(llm))).execute("follow-up-late");

    assertThat(followUpText("events")).isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(followUpText("replies")).isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FakeChatProvider.SLOW);
  }

  @Test
  void offlineTheJobHasNoWordingStepAndKeepsTheRulesWording() throws Exception {
    StreamExecutionEnvironment env = job(Optional.empty());
    assertThat(env.getStreamGraph(false).getStreamNodes())
        .extracting(StreamNode::getOperatorName)
        .noneMatch(name -> name.contains("follow-up"));

    env.execute("follow-up-offline");

    assertThat(followUpText("events")).isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(followUpText("replies")).isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(followUpAnsweredUnder("events")).isEqualTo(FollowUps.TRADE_OFFS);
  }

  /** The {@code i}th command, once the previous one's reply (a question) was emitted. */
  private static Traced<SessionCommand> afterTheLastReply(long i) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (SINKS.getOrDefault("events", new ConcurrentLinkedQueue<>()).stream()
                .filter(e -> e.value() instanceof QuestionAsked)
                .count()
            < i
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return COMMANDS.get((int) i);
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
        @SuppressWarnings("unchecked")
        public void write(T element, Context context) {
          if (element instanceof Outbound outbound) {
            // the Kafka sink's records, by topic: the events and the replies
            SINKS
                .computeIfAbsent(
                    outbound.reply() ? "replies" : "events", n -> new ConcurrentLinkedQueue<>())
                .add(outbound.event());
          } else if (element instanceof Traced<?> traced) {
            SINKS
                .computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>())
                .add((Traced<SessionEvent>) traced);
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
