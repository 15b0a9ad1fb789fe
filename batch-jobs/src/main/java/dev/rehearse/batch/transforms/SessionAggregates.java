package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.SessionAggregateFields;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Per-session aggregates of the bronze answers. Pure {@code Dataset -> Dataset} functions. */
public final class SessionAggregates {

  private SessionAggregates() {}

  /**
   * Keeps one row per answer event id: the lake is written at least once, so a replay may have
   * written an answer twice. The rows come out partitioned by session, so the per-session
   * aggregations that follow need no shuffle of their own.
   */
  public static Dataset<Row> distinctAnswers(Dataset<Row> answers) {
    // a window keeps the rows as they are; dropDuplicates would aggregate every column by sort.
    // An event id names its session: partitioned by session, the copies of an answer meet
    return answers
        .repartition(col(BronzeAnswerFields.SESSION_ID))
        .withColumn(
            "duplicate",
            row_number()
                .over(
                    Window.partitionBy(
                            col(BronzeAnswerFields.SESSION_ID), col(BronzeAnswerFields.EVENT_ID))
                        .orderBy(col(BronzeAnswerFields.AT))))
        .filter(col("duplicate").equalTo(1))
        .drop("duplicate");
  }

  /** Only the answers of the given sessions; all of them when {@code sessionIds} is empty. */
  public static Dataset<Row> ofSessions(Dataset<Row> answers, List<String> sessionIds) {
    return sessionIds.isEmpty()
        ? answers
        : answers.filter(col(BronzeAnswerFields.SESSION_ID).isin(sessionIds.toArray()));
  }

  /**
   * One row per session: {@code sessionId, userId, answerCount, totalWords, averageWords,
   * averageWordsPerMinute, firstAnswerAt, lastAnswerAt}. Answers without a pace do not pull the
   * average pace down.
   */
  public static Dataset<Row> aggregate(Dataset<Row> answers) {
    return distinctAnswers(answers)
        .groupBy(col(BronzeAnswerFields.SESSION_ID), col(BronzeAnswerFields.USER_ID))
        .agg(
            count("*").cast("int").as(SessionAggregateFields.ANSWER_COUNT),
            sum(BronzeAnswerFields.WORD_COUNT).as(SessionAggregateFields.TOTAL_WORDS),
            round(avg(BronzeAnswerFields.WORD_COUNT), 2).as(SessionAggregateFields.AVERAGE_WORDS),
            round(avg(BronzeAnswerFields.WORDS_PER_MINUTE), 2)
                .as(SessionAggregateFields.AVERAGE_WORDS_PER_MINUTE),
            min(BronzeAnswerFields.AT).as(SessionAggregateFields.FIRST_ANSWER_AT),
            max(BronzeAnswerFields.AT).as(SessionAggregateFields.LAST_ANSWER_AT))
        .orderBy(col(SessionAggregateFields.SESSION_ID));
  }
}
