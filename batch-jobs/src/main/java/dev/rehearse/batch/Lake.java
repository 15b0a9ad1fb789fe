package dev.rehearse.batch;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Reading datasets of the lake that may not exist yet. */
final class Lake {

  private Lake() {}

  /** The dataset, if anything was written to it. */
  static Optional<Dataset<Row>> read(SparkSession spark, BatchConfig config, String dataset)
      throws IOException {
    return read(spark, config, dataset, false);
  }

  /**
   * The dataset, if anything was written to it; with {@code mergeSchema}, files written before a
   * column was added read as null in it.
   */
  static Optional<Dataset<Row>> read(
      SparkSession spark, BatchConfig config, String dataset, boolean mergeSchema)
      throws IOException {
    Path path = new Path(config.lakeUri(dataset));
    if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
      return Optional.empty();
    }
    return Optional.of(
        spark.read().option("mergeSchema", String.valueOf(mergeSchema)).parquet(path.toString()));
  }

  /** No answers, with the columns the cohort report reads. */
  static Dataset<Row> emptyAnswers(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("eventId", DataTypes.StringType)
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("wordsPerMinute", DataTypes.DoubleType)
            .add("fillersPerMinute", DataTypes.DoubleType)
            .add("starCompleteness", DataTypes.DoubleType)
            .add("lexicalDiversity", DataTypes.DoubleType)
            .add("sentiment", DataTypes.DoubleType)
            .add("at", DataTypes.TimestampType);
    return spark.createDataFrame(java.util.List.of(), schema);
  }

  /** No assessed sessions, with the columns the cohort report reads. */
  static Dataset<Row> emptyAssessed(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("answeredAt", DataTypes.TimestampType);
    for (String score : Benchmarks.SCORES) {
      schema = schema.add(score, DataTypes.DoubleType);
    }
    return spark.createDataFrame(java.util.List.of(), schema);
  }
}
