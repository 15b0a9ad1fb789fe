package dev.rehearse.batch.jobs;

import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows of {@code bronze/answers} as the stream's lake writer writes them, for the job tests. */
final class BronzeAnswers {

  private BronzeAnswers() {}

  /** The Spark schema of a registered lake dataset. */
  static StructType schema(LakeDataset dataset) {
    StructType schema = new StructType();
    for (LakeDataset.Column column : dataset.columns()) {
      schema = schema.add(column.name(), sparkType(column.type()), column.nullable());
    }
    return schema;
  }

  /** The Spark type of a documented lake type. */
  static DataType sparkType(String type) {
    return switch (type) {
      case "string" -> DataTypes.StringType;
      case "int" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "double" -> DataTypes.DoubleType;
      case "boolean" -> DataTypes.BooleanType;
      case "timestamp" -> DataTypes.TimestampType;
      case "map<string,string>" ->
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
      default -> throw new IllegalArgumentException("no Spark type for " + type);
    };
  }

  /**
   * One bronze answer to question {@code question}, given at {@code day} plus ten hours and the
   * question's number of seconds, with a value of its type in every registered column.
   */
  static Row answer(String session, String user, int question, double star, Instant day) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("eventId", session + "/answer/" + question);
    values.put("sessionId", session);
    values.put("userId", user);
    values.put("questionIndex", question);
    values.put("interviewType", "behavioral");
    values.put("questionType", "behavioral");
    values.put("role", "backend engineer");
    values.put("questionId", "q" + question);
    values.put("question", "Tell me about a time you fixed a failing deployment pipeline.");
    values.put(
        "answer",
        "When our deployment pipeline kept failing, I owned the fix. I split it into stages,"
            + " and as a result the failing deployments stopped.");
    values.put("starCompleteness", star);
    values.put("pace", "good");
    values.put("fluency", "good");
    values.put("conciseness", "good");
    values.put("at", Timestamp.from(day.plusSeconds(36_000 + question)));
    List<Object> row = new ArrayList<>();
    for (LakeDataset.Column column : LakeDatasets.BRONZE_ANSWERS.columns()) {
      row.add(
          values.containsKey(column.name())
              ? values.get(column.name())
              : switch (column.type()) {
                case "int" -> 3;
                case "long" -> 30_000L;
                case "double" -> 0.5;
                case "boolean" -> true;
                default -> throw new IllegalStateException("no value for " + column.name());
              });
    }
    return RowFactory.create(row.toArray());
  }
}
