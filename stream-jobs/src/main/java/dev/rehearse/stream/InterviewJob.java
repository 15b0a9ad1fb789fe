package dev.rehearse.stream;

import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.functions.Enriched;
import dev.rehearse.stream.functions.InterviewFunction;
import dev.rehearse.stream.functions.LakeRows;
import dev.rehearse.stream.functions.Traced;
import dev.rehearse.stream.serde.LakeRecords;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;

/**
 * The interview job: commands in, one keyed state machine per session, events out to Kafka (the
 * events topic, and the reply partition of the API instance that published each command), to the
 * Elasticsearch projections and to the bronze lake. Sources and sinks are injected: {@link
 * StreamJobsMain} wires the real ones, tests wire their own. Each command and event goes with its
 * trace ({@link Traced}): a command's processing, its LLM calls, and its events' writes are spans
 * of the trace its publisher started.
 */
public final class InterviewJob {

  /** The type of the commands stream. */
  public static final TypeInformation<Traced<SessionCommand>> COMMAND_TYPE =
      TypeInformation.of(new TypeHint<Traced<SessionCommand>>() {});

  /** The type of the events stream: one serializer for every kind of event. */
  public static final TypeInformation<Traced<SessionEvent>> EVENT_TYPE =
      TypeInformation.of(new TypeHint<Traced<SessionEvent>>() {});

  /**
   * Spoken answers in flight per task: the queue of the audio step, and what a checkpoint holds.
   */
  static final int AUDIO_CAPACITY = 16;

  private final Source<Traced<SessionCommand>, ?, ?> commands;
  private final Sink<Traced<SessionEvent>> events;
  private final Sink<Traced<SessionEvent>> replies;
  private final Sink<Traced<SessionEvent>> projections;
  private final Sink<GenericRecord> lake;
  private final Duration idleTimeout;
  private final Telemetry.Settings telemetry;
  private final AsyncFunction<Traced<SessionCommand>, Enriched> context;
  private final Duration prepareTimeout;
  private final AsyncFunction<Enriched, Enriched> audio;
  private final Duration audioTimeout;

  /**
   * @param audio measures spoken answers ({@link dev.rehearse.stream.functions.AudioAnalysis})
   * @param audioTimeout the longest a spoken answer's analysis may take before the answer goes on
   *     without audio metrics: below the API's reply timeout
   * @param replies where the events of a command whose publisher named a reply partition go again,
   *     to that partition ({@code rehearse.session-replies})
   * @param telemetry where the spans of processing commands and writing the lake go
   */
  public InterviewJob(
      Source<Traced<SessionCommand>, ?, ?> commands,
      AsyncFunction<Traced<SessionCommand>, Enriched> context,
      Duration prepareTimeout,
      AsyncFunction<Enriched, Enriched> audio,
      Duration audioTimeout,
      Sink<Traced<SessionEvent>> events,
      Sink<Traced<SessionEvent>> replies,
      Sink<Traced<SessionEvent>> projections,
      Sink<GenericRecord> lake,
      Duration idleTimeout,
      Telemetry.Settings telemetry) {
    this.commands = commands;
    this.context = context;
    this.prepareTimeout = prepareTimeout;
    this.audio = audio;
    this.audioTimeout = audioTimeout;
    this.events = events;
    this.replies = replies;
    this.projections = projections;
    this.lake = lake;
    this.idleTimeout = idleTimeout;
    this.telemetry = telemetry;
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
    DataStream<Traced<SessionEvent>> out =
        measured
            .keyBy(e -> e.command().sessionId())
            .process(new InterviewFunction(idleTimeout, telemetry), EVENT_TYPE)
            .uid("interview")
            .name("interview");

    // the events, for every consumer (the API's live streams among them)
    out.sinkTo(events).uid("session-events").name("session-events");

    // the events of each command again, on the reply partition of the API instance waiting for
    // them: an instance reads its own partition, not every event
    out.filter(e -> e.replyPartition().isPresent())
        .name("awaited-events")
        .sinkTo(replies)
        .uid("session-replies")
        .name("session-replies");

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
