package dev.rehearse.stream.serde;

import dev.rehearse.core.topics.Serde;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.kafka.ReplyHeaders;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.stream.functions.Traced;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink deserialisation of a topic's JSON values, with the topic registry's serdes (the interview
 * job's events are written by {@code StreamJobsMain.OutboundRecords}).
 */
public final class JsonSchemas {

  private JsonSchemas() {}

  /** Reads a topic's values; a malformed record is logged and skipped, never fatal. */
  public static final class Reader<T> implements DeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Reader.class);

    private final Class<T> type;
    private final Serde<T> serde;

    public Reader(Topic<T> topic) {
      this.type = topic.valueType();
      this.serde = topic.valueSerde();
    }

    @Override
    public T deserialize(byte[] message) {
      try {
        return serde.fromBytes(message);
      } catch (UncheckedIOException e) {
        LOG.warn("skipping a malformed {}: {}", type.getSimpleName(), e.getCause().getMessage());
        return null;
      }
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
      return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }

  /**
   * Reads a topic's values with the trace context of their records ({@code traceparent} header) and
   * the reply partition they name ({@code ReplyHeaders}), kept as it came: a record without one
   * costs a header lookup.
   */
  public static final class TracedReader<T> implements KafkaRecordDeserializationSchema<Traced<T>> {
    private static final long serialVersionUID = 1L;

    private final Reader<T> values;
    private final TypeInformation<Traced<T>> type;

    /**
     * @param type the produced type, e.g. {@code TypeInformation.of(new TypeHint<Traced<X>>() {})}
     */
    public TracedReader(Topic<T> topic, TypeInformation<Traced<T>> type) {
      this.values = new Reader<>(topic);
      this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Traced<T>> out) {
      T value = values.deserialize(record.value());
      if (value != null) {
        out.collect(
            new Traced<>(
                value,
                TraceHeaders.traceparent(record.headers()),
                ReplyHeaders.replyPartition(record.headers())));
      }
    }

    @Override
    public TypeInformation<Traced<T>> getProducedType() {
      return type;
    }
  }
}
