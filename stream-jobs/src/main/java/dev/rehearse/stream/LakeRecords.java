package dev.rehearse.stream;

import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Parquet schema of the bronze {@code answers} dataset and the mapping onto it. The schema is
 * documented in {@code docs/lake.md}; Spark jobs read these column names.
 */
public final class LakeRecords {

  private LakeRecords() {}

  /** One row per analysed answer. {@code at} is the answer's event time in epoch milliseconds. */
  public static final Schema ANSWER =
      SchemaBuilder.record("Answer")
          .namespace("dev.rehearse.lake.bronze")
          .fields()
          .requiredString("eventId")
          .requiredString("sessionId")
          .requiredString("userId")
          .requiredInt("questionIndex")
          .requiredString("question")
          .requiredString("answer")
          .requiredInt("wordCount")
          .optionalLong("durationMs")
          .optionalDouble("wordsPerMinute")
          .name("at")
          .type(
              org.apache.avro.LogicalTypes.timestampMillis()
                  .addToSchema(Schema.create(Schema.Type.LONG)))
          .noDefault()
          .endRecord();

  public static GenericRecord answer(AnswerAnalyzed event) {
    GenericRecord row = new GenericData.Record(ANSWER);
    row.put("eventId", event.eventId());
    row.put("sessionId", event.sessionId());
    row.put("userId", event.userId());
    row.put("questionIndex", event.index());
    row.put("question", event.question());
    row.put("answer", event.answer());
    row.put("wordCount", event.metrics().wordCount());
    row.put("durationMs", event.metrics().durationMs().orElse(null));
    row.put("wordsPerMinute", event.metrics().wordsPerMinute().orElse(null));
    row.put("at", event.at().toEpochMilli());
    return row;
  }
}
