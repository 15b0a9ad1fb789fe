package dev.rehearse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.stream.functions.Outbound;
import dev.rehearse.stream.functions.Traced;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka settings reach Flink's connectors, which keep their own (de)serializers. */
class StreamJobsMainTest {

  private static final StreamJobsConfig CONFIG =
      StreamJobsConfig.fromEnv(Map.of("REHEARSE_KAFKA_BOOTSTRAP", "127.0.0.1:19092"));

  private static Properties properties(Object connector, String field) throws Exception {
    // the connectors expose their settings to their own package only
    Field f = connector.getClass().getDeclaredField(field);
    f.setAccessible(true);
    return (Properties) f.get(connector);
  }

  @Test
  void theCommandSourceIsAGroupMemberFromTheEarliestUncommittedRecord() throws Exception {
    Properties p = properties(StreamJobsMain.commandSource(CONFIG), "props");

    assertThat(p)
        .containsEntry("bootstrap.servers", "127.0.0.1:19092")
        .containsEntry("group.id", "rehearse-interview-job")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest")
        // an idle fetch is held on the broker, which answers it when a command arrives
        .containsEntry("fetch.max.wait.ms", "5000")
        .containsEntry(
            "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    assertThat(properties(StreamJobsMain.profileSource(CONFIG), "props"))
        .containsEntry("group.id", "rehearse-profile-index-job");
  }

  @Test
  void theSourcesEmitNoPeriodicWatermarks(@TempDir Path checkpoints) {
    StreamJobsConfig config =
        StreamJobsConfig.fromEnv(Map.of("REHEARSE_CHECKPOINT_DIR", checkpoints.toUri().toString()));

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            StreamJobsMain.flinkConfiguration(config));

    assertThat(env.getConfig().getAutoWatermarkInterval()).isZero();
  }

  @Test
  void theEventSinkIsDurableAndSendsRecordsTogether() throws Exception {
    Properties p = properties(StreamJobsMain.eventSink(CONFIG), "kafkaProducerConfig");

    assertThat(p)
        .containsEntry("bootstrap.servers", "127.0.0.1:19092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "5")
        .containsEntry(
            "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
  }

  @Test
  void theJobsKafkaEndsFitIntoAPipeline() {
    // the sink reads its records' type when it is added (lineage): a lambda's would not do
    org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
            .getExecutionEnvironment();

    org.apache.flink.streaming.api.datastream.DataStream<
            dev.rehearse.stream.functions.Traced<dev.rehearse.core.events.SessionEvent>>
        events =
            env.fromSource(
                    StreamJobsMain.commandSource(CONFIG),
                    org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(),
                    "commands")
                .map(
                    c ->
                        dev.rehearse.stream.functions.Traced
                            .<dev.rehearse.core.events.SessionEvent>untraced(null))
                .returns(InterviewJob.EVENT_TYPE);

    org.assertj.core.api.Assertions.assertThatCode(
            () -> {
              events
                  .flatMap(Outbound::route, InterviewJob.OUTBOUND_TYPE)
                  .sinkTo(StreamJobsMain.eventSink(CONFIG));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void aReplyIsWrittenOnThePartitionItsCommandNamed() {
    Traced<SessionEvent> reply = new Traced<>(event(), Optional.empty(), Optional.of(5));

    ProducerRecord<byte[], byte[]> record = replyRecord(reply, 16);

    assertThat(record.topic()).isEqualTo(Topics.SESSION_REPLIES.name());
    assertThat(record.partition()).isEqualTo(5);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("s1");
    assertThat(Topics.SESSION_REPLIES.valueSerde().fromBytes(record.value()))
        .isEqualTo(reply.value());
  }

  @Test
  void everyEventGoesToTheEventsTopicAndAnAwaitedOneToTheRepliesTopicToo() {
    List<Outbound> unawaited = new ArrayList<>();
    Outbound.route(Traced.untraced(event()), new ListCollector<>(unawaited));
    List<Outbound> awaited = new ArrayList<>();
    Outbound.route(
        new Traced<>(event(), Optional.empty(), Optional.of(3)), new ListCollector<>(awaited));

    assertThat(unawaited).extracting(Outbound::reply).containsExactly(false);
    assertThat(awaited).extracting(Outbound::reply).containsExactly(false, true);
  }

  @Test
  void anEventGoesToItsSessionsPartitionOfTheEventsTopicWithTheBytesItsReplyCarries() {
    Traced<SessionEvent> event = new Traced<>(event(), Optional.empty(), Optional.of(5));
    KafkaRecordSerializationSchema<Outbound> schema = new StreamJobsMain.OutboundRecords();

    ProducerRecord<byte[], byte[]> record =
        schema.serialize(new Outbound(event, false), null, null);
    ProducerRecord<byte[], byte[]> reply = replyRecord(event, 16);

    assertThat(record.topic()).isEqualTo(Topics.SESSION_EVENTS.name());
    // no partition named: the producer's partitioner puts it on its key's (the session's)
    assertThat(record.partition()).isNull();
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("s1");
    assertThat(Topics.SESSION_EVENTS.valueSerde().fromBytes(record.value()))
        .isEqualTo(event.value());
    assertThat(reply.value()).isEqualTo(record.value());
  }

  @Test
  void aReplyToAPartitionTheTopicDoesNotHaveWrapsAroundInsteadOfFailingTheJob() {
    ProducerRecord<byte[], byte[]> record =
        replyRecord(new Traced<>(event(), Optional.empty(), Optional.of(21)), 16);

    assertThat(record.partition()).isEqualTo(5);
  }

  private static ProducerRecord<byte[], byte[]> replyRecord(
      Traced<SessionEvent> event, int partitions) {
    KafkaRecordSerializationSchema<Outbound> schema = new StreamJobsMain.OutboundRecords();
    KafkaRecordSerializationSchema.KafkaSinkContext context =
        new KafkaRecordSerializationSchema.KafkaSinkContext() {
          @Override
          public int getParallelInstanceId() {
            return 0;
          }

          @Override
          public int getNumberOfParallelInstances() {
            return 1;
          }

          @Override
          public int[] getPartitionsForTopic(String topic) {
            return IntStream.range(0, partitions).toArray();
          }
        };
    return schema.serialize(new Outbound(event, true), context, 0L);
  }

  private static SessionEvent event() {
    return new SessionEvent.CommandRejected(
        SessionEvent.SCHEMA_VERSION,
        "e1",
        "s1",
        "u1",
        "c1",
        RejectionReason.SESSION_NOT_FOUND,
        "no such session",
        Instant.EPOCH);
  }
}
