package dev.rehearse.stream;

import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.stream.functions.Enriched;
import dev.rehearse.stream.functions.InterviewFunction;
import dev.rehearse.stream.serde.LakeRecords;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;

/**
 * The interview job: commands in, one keyed state machine per session, events out to Kafka, to the
 * Elasticsearch projections and to the bronze lake. Sources and sinks are injected: {@link
 * StreamJobsMain} wires the real ones, tests wire their own.
 */
public final class InterviewJob {

  /** The type of the events stream: one serializer for every kind of event. */
  public static final TypeInformation<SessionEvent> EVENT_TYPE =
      TypeInformation.of(SessionEvent.class);

  /**
   * Spoken answers in flight per task: the queue of the audio step, and what a checkpoint holds.
   */
  static final int AUDIO_CAPACITY = 16;

  private final Source<SessionCommand, ?, ?> commands;
  private final Sink<SessionEvent> events;
  private final Sink<SessionEvent> projections;
  private final Sink<GenericRecord> lake;
  private final Duration idleTimeout;
  private final AsyncFunction<SessionCommand, Enriched> context;
  private final Duration prepareTimeout;
  private final AsyncFunction<Enriched, Enriched> audio;
  private final Duration audioTimeout;

  /**
   * @param audio measures spoken answers ({@link dev.rehearse.stream.functions.AudioAnalysis})
   * @param audioTimeout the longest a spoken answer's analysis may take before the answer goes on
   *     without audio metrics: below the API's reply timeout
   */
  public InterviewJob(
      Source<SessionCommand, ?, ?> commands,
      AsyncFunction<SessionCommand, Enriched> context,
      Duration prepareTimeout,
      AsyncFunction<Enriched, Enriched> audio,
      Duration audioTimeout,
      Sink<SessionEvent> events,
      Sink<SessionEvent> projections,
      Sink<GenericRecord> lake,
      Duration idleTimeout) {
    this.commands = commands;
    this.context = context;
    this.prepareTimeout = prepareTimeout;
    this.audio = audio;
    this.audioTimeout = audioTimeout;
    this.events = events;
    this.projections = projections;
    this.lake = lake;
    this.idleTimeout = idleTimeout;
  }

  /** Adds the job's pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    // commands, in order per session (the topic is keyed by session id)
    DataStream<SessionCommand> in =
        env.fromSource(commands, WatermarkStrategy.noWatermarks(), "session-commands")
            .uid("session-commands")
            .name("session-commands");

    // a start retrieves the candidate's profile context (and an LLM plan) off the task thread;
    // unordered, so a slow start holds up no other session. Commands that need nothing pass at
    // once and keep their order; a session's next command can only follow its start's reply.
    DataStream<Enriched> enriched =
        AsyncDataStream.unorderedWait(
                in, context, prepareTimeout.toMillis(), TimeUnit.MILLISECONDS, 100)
            .uid("profile-context")
            .name("profile-context");

    // a spoken answer's recording is read from the lake and measured off the task thread, within
    // a timeout below the API's reply timeout; past it the answer goes on as text. Unordered: a
    // long recording holds up no other session (a session sends its next command after the reply)
    DataStream<Enriched> measured =
        AsyncDataStream.unorderedWait(
                enriched, audio, audioTimeout.toMillis(), TimeUnit.MILLISECONDS, AUDIO_CAPACITY)
            .uid("audio-analysis")
            .name("audio-analysis");

    // one state machine per session: questions, per-answer metrics, completion
    DataStream<SessionEvent> out =
        measured
            .keyBy(e -> e.command().sessionId())
            .process(new InterviewFunction(idleTimeout), EVENT_TYPE)
            .uid("interview")
            .name("interview");

    // the events, for the API and every other consumer
    out.sinkTo(events).uid("session-events").name("session-events");

    // the search projections: sessions and turns
    out.sinkTo(projections).uid("es-projections").name("es-projections");

    // the bronze lake: one Parquet row per analysed answer
    out.filter(e -> e instanceof AnswerAnalyzed)
        .name("answers-only")
        .map(e -> LakeRecords.answer((AnswerAnalyzed) e))
        .returns(new GenericRecordAvroTypeInfo(LakeRecords.ANSWER))
        .name("to-lake-rows")
        .sinkTo(lake)
        .uid("lake-answers")
        .name("lake-answers");
  }
}
