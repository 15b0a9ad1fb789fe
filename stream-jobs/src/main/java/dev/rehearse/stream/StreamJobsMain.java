package dev.rehearse.stream;

import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.KafkaSettings;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.search.Projections;
import dev.rehearse.stream.functions.AudioAnalysis;
import dev.rehearse.stream.functions.ContextLookup;
import dev.rehearse.stream.functions.FollowUpWording;
import dev.rehearse.stream.functions.Outbound;
import dev.rehearse.stream.functions.ProfileChange;
import dev.rehearse.stream.functions.ProfileIndexFunction;
import dev.rehearse.stream.functions.SpokenAnswerTranscriber;
import dev.rehearse.stream.functions.Traced;
import dev.rehearse.stream.functions.VoiceTranscriber;
import dev.rehearse.stream.serde.JsonSchemas;
import dev.rehearse.stream.serde.LakeRecords;
import dev.rehearse.stream.serde.ProfileChanges;
import dev.rehearse.stream.sinks.ElasticsearchProjectionSink;
import dev.rehearse.stream.sinks.EventDateBucketAssigner;
import java.time.Duration;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the stream jobs: reads the configuration once, wires the real Kafka, Elasticsearch
 * and S3 sources and sinks, and runs the interview job — on a local cluster when started with
 * {@code java}, on the cluster when submitted with {@code flink run}.
 */
public final class StreamJobsMain {

  private static final Logger LOG = LoggerFactory.getLogger(StreamJobsMain.class);

  static final String JOB_NAME = "rehearse-interview";

  private StreamJobsMain() {}

  public static void main(String[] args) throws Exception {
    StreamJobsConfig config = StreamJobsConfig.fromEnv(System.getenv());
    // the local cluster runs the jobs in this JVM: its uncaught errors and the LLM's failures
    if (ErrorTracking.start(ErrorTracking.Settings.fromEnv(System.getenv(), "stream-jobs"))) {
      LOG.info("error reports go to Sentry");
    }
    if (config.telemetry().exports()) {
      LOG.info("traces go to OpenTelemetry (OTLP)");
    }
    Configuration flink = flinkConfiguration(config);
    // the S3 file system is a plugin (FLINK_PLUGINS_DIR); a local cluster does not load it itself
    FileSystem.initialize(flink, PluginUtils.createPluginManagerFromRootFolder(flink));

    // a cluster's environment submits by its configuration (target, REST address, jar); the other
    // one is the local cluster in this JVM, or the cluster's when started by `flink run`
    StreamExecutionEnvironment env =
        config.submitsToCluster()
            ? new StreamExecutionEnvironment(flink)
            : StreamExecutionEnvironment.getExecutionEnvironment(flink);
    setLocalParallelism(env, config);
    env.enableCheckpointing(config.checkpointInterval().toMillis());
    // answers travel one at a time: by default each record is sent at once, not buffered
    env.setBufferTimeout(config.bufferTimeout().toMillis());
    // records are immutable: chained operators may share them instead of copying each (by Kryo)
    env.getConfig().enableObjectReuse();

    SpokenAnswerTranscriber transcriber = VoiceTranscriber.fromEnv(System.getenv());
    LOG.info("speech recognition: {}", transcriber == SpokenAnswerTranscriber.NONE ? "none" : "on");
    InterviewJob job =
        new InterviewJob(
            commandSource(config),
            new ContextLookup(
                config.connections().elasticsearchUrl(), config.llms(), config.telemetry()),
            config.prepareTimeout(),
            // speech recognition: Whisper with an LLM key, else PocketSphinx when installed
            new AudioAnalysis(
                config.lakeRoot(),
                transcriber,
                config.audioThreads(),
                config.audioTimeout().minusMillis(250)),
            config.audioTimeout(),
            eventSink(config),
            new ElasticsearchProjectionSink<Traced<SessionEvent>>(
                config.connections().elasticsearchUrl(),
                500,
                Duration.ofMillis(200),
                event -> Projections.of(event.value()),
                config.telemetry(),
                Traced::traceparent),
            lakeSink(config),
            config.idleTimeout(),
            config.telemetry());
    if (!config.llms().isEmpty()) {
      // the LLM words each follow-up for the answer it follows; offline there is no such step
      job =
          job.withFollowUpWording(
              new FollowUpWording(config.llms(), config.followUpTimeout(), config.telemetry()),
              config.followUpTimeout());
    }
    LOG.info(
        "interviewer: {}",
        config.llms().isEmpty() ? "offline (no LLM key set)" : config.llms() + ", then offline");
    job.build(env);
    new ProfileIndexJob(
            profileSource(config),
            new ElasticsearchProjectionSink<ProfileIndexFunction.Writes>(
                config.connections().elasticsearchUrl(),
                500,
                Duration.ofMillis(200),
                ProfileIndexFunction.Writes::writes),
            java.util.Optional.of(config.research()))
        .build(env);
    LOG.info(
        "company research: {}",
        config.research().providers().isEmpty()
            ? "off (no research key set)"
            : config.research().providers() + ", TTL " + config.research().ttl());
    if (config.submitsToCluster()) {
      // the cluster runs the job from now on; this process only submitted it
      JobClient client = env.executeAsync(JOB_NAME);
      LOG.info("submitted {} to the Flink cluster at {}", client.getJobID(), config.cluster());
    } else {
      env.execute(JOB_NAME);
    }
  }

  /**
   * The jobs' parallelism on a local cluster in this JVM ({@code REHEARSE_FLINK_PARALLELISM}); a
   * cluster's environment keeps the parallelism its cluster gives.
   */
  static void setLocalParallelism(StreamExecutionEnvironment env, StreamJobsConfig config) {
    if (InterviewJob.onLocalCluster(env)) {
      env.setParallelism(config.localParallelism());
    }
  }

  /** A {@code host:port} address. */
  record HostAndPort(String host, int port) {
    static HostAndPort parse(String address) {
      int colon = address.lastIndexOf(':');
      try {
        return new HostAndPort(
            address.substring(0, colon).strip(), Integer.parseInt(address.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "REHEARSE_FLINK_CLUSTER must be host:port, not " + address);
      }
    }
  }

  static Configuration flinkConfiguration(StreamJobsConfig config) {
    Configuration flink = new Configuration();
    if (config.submitsToCluster()) {
      // the session cluster's REST endpoint takes the job graph and the jar its tasks load
      HostAndPort rest = HostAndPort.parse(config.cluster());
      flink.set(DeploymentOptions.TARGET, "remote");
      flink.set(RestOptions.ADDRESS, rest.host());
      flink.set(RestOptions.PORT, rest.port());
      flink.set(
          PipelineOptions.JARS,
          List.of(java.nio.file.Path.of(config.jobJar()).toAbsolutePath().toUri().toString()));
    } else {
      flink.set(RestOptions.PORT, config.restPort());
      flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
      flink.set(RestOptions.ADDRESS, "127.0.0.1");
    }
    // the jobs use no event time: no source emits watermarks, so none checks every 200 ms whether
    // to (a timer in each source task, firing when the stack is idle too)
    flink.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ZERO);
    flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
    // keep the last checkpoint when the job stops, and resume from it at the next start
    flink.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    Checkpoints.latest(config.checkpointDir())
        .ifPresent(
            checkpoint -> {
              flink.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
              flink.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
              // a checkpoint of an older build may hold in-flight elements of steps whose element
              // type changed since (their uids changed with it): those commands are dropped, their
              // requests time out at the API and are sent again
              flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
              LOG.info("resuming from checkpoint {}", checkpoint);
            });
    flink.setString("s3.endpoint", config.connections().s3Endpoint().toString());
    flink.setString("s3.path.style.access", "true");
    flink.setString("s3.access-key", config.connections().s3AccessKey());
    flink.setString("s3.secret-key", config.connections().s3SecretKey());
    // without it each checkpoint waits ~20 s on S3A deleting directory markers
    flink.setString("s3.directory.marker.retention", "keep");
    return flink;
  }

  static KafkaSource<Traced<SessionCommand>> commandSource(StreamJobsConfig config) {
    return KafkaSource.<Traced<SessionCommand>>builder()
        .setProperties(
            KafkaSettings.consumer(config.connections().kafkaBootstrap(), "rehearse-interview-job"))
        .setTopics(Topics.SESSION_COMMANDS.name())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(
            new JsonSchemas.TracedReader<>(Topics.SESSION_COMMANDS, InterviewJob.COMMAND_TYPE))
        .build();
  }

  static KafkaSource<ProfileChange> profileSource(StreamJobsConfig config) {
    return KafkaSource.<ProfileChange>builder()
        .setProperties(
            KafkaSettings.consumer(
                config.connections().kafkaBootstrap(), "rehearse-profile-index-job"))
        .setTopics(Topics.PROFILES.name())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new ProfileChanges())
        .build();
  }

  /** The interview job's Kafka sink: the events topic and the replies topic, one producer. */
  static KafkaSink<Outbound> eventSink(StreamJobsConfig config) {
    return KafkaSink.<Outbound>builder()
        .setKafkaProducerConfig(KafkaSettings.streamProducer(config.connections().kafkaBootstrap()))
        .setRecordSerializer(new OutboundRecords())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /**
   * The Kafka records of the interview's events, each keyed by its session and with its trace in a
   * {@code traceparent} header. On the events topic an event goes to its session's partition; on
   * the replies topic to the partition its command's publisher named. A partition the replies topic
   * does not have (the topic shrank, or a publisher was misconfigured) wraps around rather than
   * fail the job: that reply reaches no waiting request, which answers 202 and is polled, as after
   * any lost reply. The replies topic holds the events topic's records again ({@link
   * Topics#SESSION_REPLIES}): an event sent to both is serialized once.
   */
  static final class OutboundRecords implements KafkaRecordSerializationSchema<Outbound> {
    private static final long serialVersionUID = 1L;

    private transient Traced<SessionEvent> last;
    private transient byte[] lastValue;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        Outbound outbound, KafkaSinkContext context, Long timestamp) {
      Traced<SessionEvent> event = outbound.event();
      if (event != last) {
        lastValue = Topics.SESSION_EVENTS.valueSerde().toBytes(event.value());
        last = event;
      }
      Topic<SessionEvent> topic = outbound.reply() ? Topics.SESSION_REPLIES : Topics.SESSION_EVENTS;
      Integer partition = null;
      if (outbound.reply()) {
        int[] partitions = context.getPartitionsForTopic(topic.name());
        partition = partitions[event.replyPartition().orElse(0) % partitions.length];
      }
      return new ProducerRecord<>(
          topic.name(),
          partition,
          timestamp == null || timestamp < 0 ? null : timestamp,
          topic.keySerde().toBytes(event.value().sessionId()),
          lastValue,
          traceHeaders(event));
    }
  }

  static RecordHeaders traceHeaders(Traced<SessionEvent> event) {
    RecordHeaders headers = new RecordHeaders();
    event
        .traceparent()
        .ifPresent(
            traceparent ->
                headers.add(
                    TraceHeaders.TRACEPARENT,
                    traceparent.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return headers;
  }

  static FileSink<GenericRecord> lakeSink(StreamJobsConfig config) {
    return FileSink.forBulkFormat(
            new Path(config.bronzeAnswersPath()),
            AvroParquetWriters.forGenericRecord(LakeRecords.ANSWER))
        .withBucketAssigner(new EventDateBucketAssigner(BronzeAnswerFields.AT))
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(
            OutputFileConfig.builder()
                .withPartPrefix(LakeDatasets.BRONZE_ANSWERS.name())
                .withPartSuffix(".parquet")
                .build())
        .build();
  }
}
