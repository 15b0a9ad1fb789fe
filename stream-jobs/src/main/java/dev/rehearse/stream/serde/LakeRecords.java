package dev.rehearse.stream.serde;

import dev.rehearse.core.assessment.AnswerScorer;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.lake.LakeRows.BronzeAnswer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Parquet schema of the bronze {@code answers} dataset, built from the lake registry ({@link
 * LakeDatasets#BRONZE_ANSWERS}), and the mapping of an analysed answer onto it through its row
 * record ({@link BronzeAnswer}). Timestamps are epoch milliseconds.
 */
public final class LakeRecords {

  private LakeRecords() {}

  /** One row per analysed answer. */
  public static final Schema ANSWER = schema(LakeDatasets.BRONZE_ANSWERS, "Answer");

  private static final RecordComponent[] ANSWER_COMPONENTS =
      BronzeAnswer.class.getRecordComponents();

  /** The row of an analysed answer, with its offline dimension scores ({@link AnswerScorer}). */
  public static GenericRecord answer(AnswerAnalyzed event, Map<Dimension, Double> scores) {
    BronzeAnswer answer = BronzeAnswer.of(event, scores);
    GenericRecord row = new GenericData.Record(ANSWER);
    for (RecordComponent component : ANSWER_COMPONENTS) {
      row.put(component.getName(), avroValue(read(component, answer)));
    }
    return row;
  }

  /** The Avro schema of a dataset: nullable columns are unions with null, defaulting to null. */
  static Schema schema(LakeDataset dataset, String name) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record(name)
            .namespace("dev.rehearse.lake." + dataset.layer().folder())
            .fields();
    for (LakeDataset.Column column : dataset.columns()) {
      Schema type = avroType(column);
      fields =
          column.nullable()
              ? fields
                  .name(column.name())
                  .type(Schema.createUnion(Schema.create(Schema.Type.NULL), type))
                  .withDefault(null)
              : fields.name(column.name()).type(type).noDefault();
    }
    return fields.endRecord();
  }

  private static Schema avroType(LakeDataset.Column column) {
    return switch (column.type()) {
      case "string" -> Schema.create(Schema.Type.STRING);
      case "int" -> Schema.create(Schema.Type.INT);
      case "long" -> Schema.create(Schema.Type.LONG);
      case "double" -> Schema.create(Schema.Type.DOUBLE);
      case "boolean" -> Schema.create(Schema.Type.BOOLEAN);
      case "timestamp" ->
          LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
      default ->
          throw new IllegalArgumentException(
              "no Avro type for " + column.name() + " (" + column.type() + ")");
    };
  }

  private static Object read(RecordComponent component, Record row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }

  private static Object avroValue(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.map(LakeRecords::avroValue).orElse(null);
    }
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    return value;
  }
}
