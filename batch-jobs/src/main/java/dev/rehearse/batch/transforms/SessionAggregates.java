package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Per-session aggregates of the bronze answers. Pure {@code Dataset -> Dataset} functions. */
public final class SessionAggregates {

  private SessionAggregates() {}

  /**
   * Keeps one row per answer event id: the lake is written at least once, so a replay may have
   * written an answer twice.
   */
  public static Dataset<Row> distinctAnswers(Dataset<Row> answers) {
    // a window keeps the rows as they are; dropDuplicates would aggregate every column by sort
    return answers
        .withColumn(
            "duplicate", row_number().over(Window.partitionBy(col("eventId")).orderBy(col("at"))))
        .filter(col("duplicate").equalTo(1))
        .drop("duplicate");
  }

  /** Only the answers of the given sessions; all of them when {@code sessionIds} is empty. */
  public static Dataset<Row> ofSessions(Dataset<Row> answers, List<String> sessionIds) {
    return sessionIds.isEmpty()
        ? answers
        : answers.filter(col("sessionId").isin(sessionIds.toArray()));
  }

  /**
   * One row per session: {@code sessionId, userId, answerCount, totalWords, averageWords,
   * averageWordsPerMinute, firstAnswerAt, lastAnswerAt}. Answers without a pace do not pull the
   * average pace down.
   */
  public static Dataset<Row> aggregate(Dataset<Row> answers) {
    return distinctAnswers(answers)
        .groupBy(col("sessionId"), col("userId"))
        .agg(
            count("*").cast("int").as("answerCount"),
            sum("wordCount").as("totalWords"),
            round(avg("wordCount"), 2).as("averageWords"),
            round(avg("wordsPerMinute"), 2).as("averageWordsPerMinute"),
            min("at").as("firstAnswerAt"),
            max("at").as("lastAnswerAt"))
        .orderBy(col("sessionId"));
  }
}
