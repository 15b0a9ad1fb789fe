package dev.rehearse.stream;

import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.functions.Enriched;
import dev.rehearse.stream.functions.FollowUpAnswers;
import dev.rehearse.stream.functions.FollowUpTurn;
import dev.rehearse.stream.functions.InterviewFunction;
import dev.rehearse.stream.functions.LakeRows;
import dev.rehearse.stream.functions.Outbound;
import dev.rehearse.stream.functions.Traced;
import dev.rehearse.stream.serde.LakeRecords;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;

/**
 * The interview job: commands in, one keyed state machine per session, events out to Kafka (the
 * events topic, and the reply partition of the API instance that published each command), to the
 * Elasticsearch projections and to the bronze lake. Sources and sinks are injected: {@link
 * StreamJobsMain} wires the real ones, tests wire their own. Each command and event goes with its
 * trace ({@link Traced}): a command's processing, its LLM calls, and its events' writes are spans
 * of the trace its publisher started. With an LLM ({@link #withFollowUpWording}) the follow-ups the
 * rules ask are worded by it for the answers they follow.
 */
public final class InterviewJob {

  /** The type of the commands stream. */
  public static final TypeInformation<Traced<SessionCommand>> COMMAND_TYPE =
      TypeInformation.of(new TypeHint<Traced<SessionCommand>>() {});

  /** The type of the events stream: one serializer for every kind of event. */
  public static final TypeInformation<Traced<SessionEvent>> EVENT_TYPE =
      TypeInformation.of(new TypeHint<Traced<SessionEvent>>() {});

  /** The type of the events on their way to Kafka. */
  static final TypeInformation<Outbound> OUTBOUND_TYPE = TypeInformation.of(Outbound.class);

  /**
   * Spoken answers in flight per task: the queue of the audio step, and what a checkpoint holds.
   */
  static final int AUDIO_CAPACITY = 16;

  /** Follow-ups being worded at once per task: the queue of the follow-up step. */
  static final int FOLLOW_UP_CAPACITY = 32;

  private final Source<Traced<SessionCommand>, ?, ?> commands;
  private final Sink<Outbound> events;
  private final Sink<Traced<SessionEvent>> projections;
  private final Sink<GenericRecord> lake;
  private final Duration idleTimeout;
  private final Telemetry.Settings telemetry;
  private final AsyncFunction<Traced<SessionCommand>, Enriched> context;
  private final Duration prepareTimeout;
  private final AsyncFunction<Enriched, Enriched> audio;
  private final Duration audioTimeout;
  private final Optional<AsyncFunction<FollowUpTurn, Traced<SessionEvent>>> followUps;
  private final Duration followUpTimeout;

  /**
   * @param audio measures spoken answers ({@link dev.rehearse.stream.functions.AudioAnalysis})
   * @param audioTimeout the longest a spoken answer's analysis may take before the answer goes on
   *     without audio metrics: below the API's reply timeout
   * @param events where the events go: every event to {@code rehearse.session-events}, and those of
   *     a command whose publisher named a reply partition again to that partition of {@code
   *     rehearse.session-replies} ({@link Outbound})
   * @param telemetry where the spans of processing commands and writing the lake go
   */
  public InterviewJob(
      Source<Traced<SessionCommand>, ?, ?> commands,
      AsyncFunction<Traced<SessionCommand>, Enriched> context,
      Duration prepareTimeout,
      AsyncFunction<Enriched, Enriched> audio,
      Duration audioTimeout,
      Sink<Outbound> events,
      Sink<Traced<SessionEvent>> projections,
      Sink<GenericRecord> lake,
      Duration idleTimeout,
      Telemetry.Settings telemetry) {
    this(
        commands,
        context,
        prepareTimeout,
        audio,
        audioTimeout,
        events,
        projections,
        lake,
        idleTimeout,
        telemetry,
        Optional.empty(),
        Duration.ZERO);
  }

  private InterviewJob(
      Source<Traced<SessionCommand>, ?, ?> commands,
      AsyncFunction<Traced<SessionCommand>, Enriched> context,
      Duration prepareTimeout,
      AsyncFunction<Enriched, Enriched> audio,
      Duration audioTimeout,
      Sink<Outbound> events,
      Sink<Traced<SessionEvent>> projections,
      Sink<GenericRecord> lake,
      Duration idleTimeout,
      Telemetry.Settings telemetry,
      Optional<AsyncFunction<FollowUpTurn, Traced<SessionEvent>>> followUps,
      Duration followUpTimeout) {
    this.commands = commands;
    this.context = context;
    this.prepareTimeout = prepareTimeout;
    this.audio = audio;
    this.audioTimeout = audioTimeout;
    this.events = events;
    this.projections = projections;
    this.lake = lake;
    this.idleTimeout = idleTimeout;
    this.telemetry = telemetry;
    this.followUps = followUps;
    this.followUpTimeout = followUpTimeout;
  }

  /**
   * This job with the follow-ups worded by {@code wording} ({@link
   * dev.rehearse.stream.functions.FollowUpWording}, an LLM) for the answers they follow. Without
   * it, the job has no such step and follow-ups keep the rules' wording.
   *
   * @param timeout the longest the wording may take before the rule's wording goes on: below the
   *     API's reply timeout
   */
  public InterviewJob withFollowUpWording(
      AsyncFunction<FollowUpTurn, Traced<SessionEvent>> wording, Duration timeout) {
    return new InterviewJob(
        commands,
        context,
        prepareTimeout,
        audio,
        audioTimeout,
        events,
        projections,
        lake,
        idleTimeout,
        telemetry,
        Optional.of(wording),
        timeout);
  }

  /**
   * The commands keyed by session. On a local cluster at parallelism 1 every session is in the one
   * task, so the stream is taken as keyed where it is: the steps before the state machine run in
   * its task and hand each command on as it is. Elsewhere the commands are partitioned by session,
   * which serializes each one to the task that holds its session (Kryo for the command itself,
   * about 5% of the job's CPU under load). A local cluster does not rescale, so the one task stays
   * one.
   */
  static KeyedStream<Enriched, String> bySession(
      StreamExecutionEnvironment env, DataStream<Enriched> commands) {
    KeySelector<Enriched, String> session = e -> e.command().sessionId();
    return onLocalCluster(env) && env.getParallelism() == 1
        ? DataStreamUtils.reinterpretAsKeyedStream(commands, session, Types.STRING)
        : commands.keyBy(session, Types.STRING);
  }

  /**
   * Whether {@code env} runs its jobs on a local cluster in this JVM: not one submitting to a
   * cluster, nor a cluster's own when the jobs are started there ({@code flink run}, the operator).
   */
  static boolean onLocalCluster(StreamExecutionEnvironment env) {
    return LocalExecutor.NAME.equals(env.getConfiguration().get(DeploymentOptions.TARGET));
  }

  /** Adds the job's pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    // commands, in order per session (the topic is keyed by session id), with their trace
    DataStream<Traced<SessionCommand>> in =
        env.fromSource(commands, WatermarkStrategy.noWatermarks(), "session-commands")
            .uid("session-commands")
            .name("session-commands");

    // a start retrieves the candidate's profile context (and an LLM plan) off the task thread;
    // unordered, so a slow start holds up no other session. Commands that need nothing pass at
    // once and keep their order; a session's next command can only follow its start's reply.
    // (The uids of the async steps name their element types: a checkpoint's in-flight elements of
    // older types are not restored, see StreamJobsMain.)
    DataStream<Enriched> enriched =
        AsyncDataStream.unorderedWait(
                in, context, prepareTimeout.toMillis(), TimeUnit.MILLISECONDS, 100)
            .uid("profile-context-routed")
            .name("profile-context");

    // a spoken answer's recording is read from the lake and measured off the task thread, within
    // a timeout below the API's reply timeout; past it the answer goes on as text. Unordered: a
    // long recording holds up no other session (a session sends its next command after the reply)
    DataStream<Enriched> measured =
        AsyncDataStream.unorderedWait(
                enriched, audio, audioTimeout.toMillis(), TimeUnit.MILLISECONDS, AUDIO_CAPACITY)
            .uid("audio-analysis-routed")
            .name("audio-analysis");

    // one state machine per session: questions, per-answer metrics, completion
    SingleOutputStreamOperator<Traced<SessionEvent>> interview =
        bySession(env, measured)
            .process(
                new InterviewFunction(idleTimeout, telemetry, followUps.isPresent()), EVENT_TYPE)
            .uid("interview")
            .name("interview");
    DataStream<Traced<SessionEvent>> out = interview;

    // with an LLM, an answer that is followed up comes out with its events on a side output: the
    // LLM words the follow-up for the answer off the task thread, within a timeout below the API's
    // reply timeout, and the events go on together, in their order (the rule's wording when the
    // LLM fails or is late). Unordered: a slow LLM holds up no other session. Then, per session,
    // the answer to a follow-up is recorded under the question as it was asked
    if (followUps.isPresent()) {
      out =
          interview
              .union(
                  AsyncDataStream.unorderedWait(
                          interview.getSideOutput(InterviewFunction.FOLLOW_UPS),
                          followUps.get(),
                          followUpTimeout.toMillis(),
                          TimeUnit.MILLISECONDS,
                          FOLLOW_UP_CAPACITY)
                      .returns(EVENT_TYPE)
                      .uid("follow-up-wording")
                      .name("follow-up-wording"))
              .keyBy(e -> e.value().sessionId())
              .process(new FollowUpAnswers(idleTimeout.multipliedBy(2)), EVENT_TYPE)
              .uid("follow-up-answers")
              .name("follow-up-answers");
    }

    // the events, for every consumer (the API's live streams among them), and the events of each
    // command again, on the reply partition of the API instance waiting for them (an instance
    // reads its own partition, not every event): one sink, one producer, so an answer's records go
    // to the broker together
    out.flatMap(Outbound::route, OUTBOUND_TYPE)
        .name("to-kafka-records")
        .sinkTo(events)
        .uid("session-events")
        .name("session-events");

    // the search projections: sessions and turns
    out.sinkTo(projections).uid("es-projections").name("es-projections");

    // the bronze lake: one Parquet row per analysed answer
    out.process(new LakeRows(telemetry))
        .returns(new GenericRecordAvroTypeInfo(LakeRecords.ANSWER))
        .name("to-lake-rows")
        .sinkTo(lake)
        .uid("lake-answers")
        .name("lake-answers");
  }
}
