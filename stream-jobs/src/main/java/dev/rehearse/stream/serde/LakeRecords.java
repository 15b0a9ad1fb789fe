package dev.rehearse.stream.serde;

import dev.rehearse.core.analytics.AnswerMetrics;
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
          .optionalString("interviewType")
          .optionalString("questionType")
          .optionalString("role")
          .optionalString("questionId")
          .requiredString("question")
          .requiredString("answer")
          .requiredInt("wordCount")
          .optionalLong("durationMs")
          .optionalDouble("wordsPerMinute")
          .optionalDouble("articulationRate")
          .requiredInt("fillerCount")
          .optionalDouble("fillersPerMinute")
          .optionalInt("pauseCount")
          .optionalInt("longPauseCount")
          .optionalLong("longestPauseMs")
          .optionalDouble("pauseRatio")
          .optionalLong("responseLatencyMs")
          .requiredDouble("lexicalDiversity")
          .requiredDouble("repetition")
          .requiredInt("hedgeCount")
          .requiredDouble("sentiment")
          .requiredBoolean("starSituation")
          .requiredBoolean("starTask")
          .requiredBoolean("starAction")
          .requiredBoolean("starResult")
          .requiredDouble("starCompleteness")
          .requiredString("pace")
          .requiredString("fluency")
          .requiredString("conciseness")
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
    row.put("interviewType", event.interviewType().wireName());
    row.put("questionType", event.questionType().wireName());
    row.put("role", event.role());
    row.put("questionId", event.questionId());
    row.put("question", event.question());
    row.put("answer", event.answer());
    AnswerMetrics m = event.metrics();
    row.put("wordCount", m.wordCount());
    row.put("durationMs", m.durationMs().orElse(null));
    row.put("wordsPerMinute", m.wordsPerMinute().orElse(null));
    row.put("articulationRate", m.articulationRate().orElse(null));
    row.put("fillerCount", m.fillerCount());
    row.put("fillersPerMinute", m.fillersPerMinute().orElse(null));
    row.put("pauseCount", m.pauseCount().orElse(null));
    row.put("longPauseCount", m.longPauseCount().orElse(null));
    row.put("longestPauseMs", m.longestPauseMs().orElse(null));
    row.put("pauseRatio", m.pauseRatio().orElse(null));
    row.put("responseLatencyMs", m.responseLatencyMs().orElse(null));
    row.put("lexicalDiversity", m.lexicalDiversity());
    row.put("repetition", m.repetition());
    row.put("hedgeCount", m.hedgeCount());
    row.put("sentiment", m.sentiment());
    row.put("starSituation", m.star().situation());
    row.put("starTask", m.star().task());
    row.put("starAction", m.star().action());
    row.put("starResult", m.star().result());
    row.put("starCompleteness", m.star().completeness());
    row.put("pace", m.pace());
    row.put("fluency", m.fluency());
    row.put("conciseness", m.conciseness());
    row.put("at", event.at().toEpochMilli());
    return row;
  }
}
