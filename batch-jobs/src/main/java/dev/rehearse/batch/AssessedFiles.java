package dev.rehearse.batch;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * What "new since the last run" is measured against: the bronze files read by the last assessment
 * that indexed every session it found (a run of all sessions, or of the new ones). Lake files are
 * never changed once committed, so a session is new when it has an answer in a file not on that
 * list. Kept in {@code gold/assessed_files}, one row ({@code file}) per file.
 */
final class AssessedFiles {

  static final String GOLD_ASSESSED_FILES = "gold/assessed_files";

  private AssessedFiles() {}

  /** The files of {@code files} not in {@code seen}, in their order. */
  static List<String> unseen(String[] files, Set<String> seen) {
    return Arrays.stream(files).filter(f -> !seen.contains(f)).toList();
  }

  /**
   * The distinct ids ({@code sessionId}) of the sessions with an answer in one of {@code files}.
   */
  static Dataset<Row> sessionsIn(SparkSession spark, Collection<String> files) {
    return spark.read().parquet(files.toArray(String[]::new)).select(col("sessionId")).distinct();
  }

  /** The files the last complete run read; none before the first. */
  static Set<String> read(SparkSession spark, BatchConfig config) throws IOException {
    return Lake.read(spark, config, GOLD_ASSESSED_FILES)
        .map(rows -> new HashSet<>(rows.select("file").as(Encoders.STRING()).collectAsList()))
        .orElseGet(HashSet::new);
  }

  /** Records {@code files} as read by a complete run, in place of the last run's list. */
  static void write(SparkSession spark, BatchConfig config, String[] files) {
    spark
        .createDataset(Arrays.asList(files), Encoders.STRING())
        .toDF("file")
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(config.lakeUri(GOLD_ASSESSED_FILES));
  }
}
