package dev.rehearse.stream.sinks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each lake row in the {@code dt=YYYY-MM-DD} partition of its own event time (UTC), so a
 * replay writes rows to the same partitions as the first run.
 */
public final class EventDateBucketAssigner implements BucketAssigner<GenericRecord, String> {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String timeField;

  public EventDateBucketAssigner(String timeField) {
    this.timeField = timeField;
  }

  @Override
  public String getBucketId(GenericRecord row, Context context) {
    return partitionOf((Long) row.get(timeField));
  }

  /** The partition folder of an event time, {@code dt=YYYY-MM-DD} in UTC. */
  public static String partitionOf(long epochMillis) {
    return "dt=" + DAY.format(Instant.ofEpochMilli(epochMillis));
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
