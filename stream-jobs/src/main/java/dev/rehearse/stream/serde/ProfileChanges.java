package dev.rehearse.stream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.stream.functions.ProfileChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code rehearse.profiles}: key and value, since a tombstone (no value) is an erasure. A
 * malformed record is logged and skipped.
 */
public final class ProfileChanges implements KafkaRecordDeserializationSchema<ProfileChange> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ProfileChanges.class);

  private transient ObjectMapper mapper;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    mapper = Json.newMapper();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ProfileChange> out) {
    if (record.key() == null) {
      LOG.warn("skipping a profile record without a key at offset {}", record.offset());
      return;
    }
    String userId = new String(record.key(), StandardCharsets.UTF_8);
    try {
      out.collect(new ProfileChange(userId, ProfileRecord.decode(userId, record.value(), mapper)));
    } catch (IOException e) {
      LOG.warn(
          "skipping a malformed profile record at offset {}: {}", record.offset(), e.getMessage());
    }
  }

  @Override
  public TypeInformation<ProfileChange> getProducedType() {
    return TypeInformation.of(ProfileChange.class);
  }
}
