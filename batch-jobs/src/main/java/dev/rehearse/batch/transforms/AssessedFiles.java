package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.col;

import dev.rehearse.core.lake.AssessedFileFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What "new since the last run" is measured against: the bronze files read by the last assessment
 * that indexed every session it found (a run of all sessions, or of the new ones). Lake files are
 * never changed once committed, so a session is new when it has an answer in a file not on that
 * list. Kept in {@code gold/assessed_files}, one row ({@code file}) per file.
 */
public final class AssessedFiles {

  private AssessedFiles() {}

  /** The files of {@code files} not in {@code seen}, in their order. */
  public static List<String> unseen(String[] files, Set<String> seen) {
    return Arrays.stream(files).filter(f -> !seen.contains(f)).toList();
  }

  /** The distinct ids ({@code sessionId}) of the sessions of {@code answers}. */
  public static Dataset<Row> sessionsIn(Dataset<Row> answers) {
    return answers.select(col(BronzeAnswerFields.SESSION_ID)).distinct();
  }

  /** The rows of {@code gold/assessed_files} listing {@code files}. */
  public static Dataset<Row> rows(SparkSession spark, String[] files) {
    return spark
        .createDataset(Arrays.asList(files), Encoders.STRING())
        .toDF(AssessedFileFields.FILE);
  }

  /** The files listed by rows of {@code gold/assessed_files}. */
  public static Set<String> files(Dataset<Row> rows) {
    return new HashSet<>(
        rows.select(AssessedFileFields.FILE).as(Encoders.STRING()).collectAsList());
  }
}
