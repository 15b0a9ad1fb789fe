package dev.rehearse.core.lake;

import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.lake.LakeDataset.Column;
import dev.rehearse.core.lake.LakeDataset.Format;
import dev.rehearse.core.lake.LakeDataset.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every dataset of the lake (one bucket, default {@code rehearse-lake}): the
 * stream's lake writer, the batch jobs, the API, the launcher and the tests all take paths and
 * schemas from here. {@code docs/lake.md} documents each one and is checked against this list.
 */
public final class LakeDatasets {

  private LakeDatasets() {}

  private static final String STRING = "string";
  private static final String INT = "int";
  private static final String LONG = "long";
  private static final String DOUBLE = "double";
  private static final String BOOLEAN = "boolean";
  private static final String TIMESTAMP = "timestamp";

  /** One row per analysed answer, written by the stream at each checkpoint. */
  public static final LakeDataset BRONZE_ANSWERS =
      new LakeDataset(
          "bronze/answers",
          Layer.BRONZE,
          Optional.of("dt=YYYY-MM-DD"),
          "stream-jobs interview job (the lake writer)",
          Format.PARQUET,
          List.of(
              required("eventId", STRING),
              required("sessionId", STRING),
              required("userId", STRING),
              required("questionIndex", INT),
              optional("interviewType", STRING),
              optional("questionType", STRING),
              optional("role", STRING),
              optional("questionId", STRING),
              required("question", STRING),
              required("answer", STRING),
              required("wordCount", INT),
              optional("durationMs", LONG),
              optional("wordsPerMinute", DOUBLE),
              optional("articulationRate", DOUBLE),
              required("fillerCount", INT),
              optional("fillersPerMinute", DOUBLE),
              optional("pauseCount", INT),
              optional("longPauseCount", INT),
              optional("longestPauseMs", LONG),
              optional("pauseRatio", DOUBLE),
              optional("responseLatencyMs", LONG),
              required("lexicalDiversity", DOUBLE),
              required("repetition", DOUBLE),
              required("hedgeCount", INT),
              required("sentiment", DOUBLE),
              required("starSituation", BOOLEAN),
              required("starTask", BOOLEAN),
              required("starAction", BOOLEAN),
              required("starResult", BOOLEAN),
              required("starCompleteness", DOUBLE),
              required("pace", STRING),
              required("fluency", STRING),
              required("conciseness", STRING),
              required("at", TIMESTAMP)));

  /** One row per session: counts and means of its answers. */
  public static final LakeDataset GOLD_SESSION_AGGREGATES =
      new LakeDataset(
          "gold/session_aggregates",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs session-aggregates and assessment jobs",
          Format.PARQUET,
          List.of(
              required("sessionId", STRING),
              required("userId", STRING),
              required("answerCount", INT),
              required("totalWords", LONG),
              required("averageWords", DOUBLE),
              optional("averageWordsPerMinute", DOUBLE),
              required("firstAnswerAt", TIMESTAMP),
              required("lastAnswerAt", TIMESTAMP)));

  /** One row per session: its scores, aggregates, evidence and ranks. */
  public static final LakeDataset GOLD_ASSESSMENTS =
      new LakeDataset(
          "gold/assessments",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment job",
          Format.PARQUET,
          columns(
              List.of(
                  required("sessionId", STRING),
                  required("userId", STRING),
                  required("interviewType", STRING),
                  optional("role", STRING)),
              scoreColumns(),
              List.of(
                  required("answerCount", INT),
                  required("totalWords", LONG),
                  required("averageWords", DOUBLE),
                  optional("averageWordsPerMinute", DOUBLE),
                  optional("averageFillersPerMinute", DOUBLE),
                  optional("averagePauseRatio", DOUBLE),
                  required("longPauses", INT),
                  optional("averageResponseLatencyMs", DOUBLE),
                  required("averageLexicalDiversity", DOUBLE),
                  required("averageHedges", DOUBLE),
                  required("averageSentiment", DOUBLE),
                  required("starCompleteness", DOUBLE),
                  required("answersWithResult", INT),
                  required("answeredAt", TIMESTAMP),
                  required("evidence", "map<string,string>"),
                  optional("overallRankAll", DOUBLE),
                  optional("overallRankType", DOUBLE),
                  optional("overallRankRole", DOUBLE))));

  /** One row per published group and score: the percentiles of the score in the group. */
  public static final LakeDataset GOLD_BENCHMARKS =
      new LakeDataset(
          "gold/benchmarks",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment and benchmark jobs",
          Format.PARQUET,
          List.of(
              required("groupKind", STRING),
              required("groupValue", STRING),
              required("score", STRING),
              required("candidates", LONG),
              required("sessions", LONG),
              required("p10", DOUBLE),
              required("p25", DOUBLE),
              required("p50", DOUBLE),
              required("p75", DOUBLE),
              required("p90", DOUBLE)));

  /** One row per bronze file the last complete assessment run read. */
  public static final LakeDataset GOLD_ASSESSED_FILES =
      new LakeDataset(
          "gold/assessed_files",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment job",
          Format.PARQUET,
          List.of(required("file", STRING)));

  /** One JSON record per erasure batch ({@code <batch>.json}), users named only by SHA-256. */
  public static final LakeDataset GOLD_ERASURES =
      new LakeDataset(
          "gold/erasures",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs erasure job",
          Format.JSON,
          List.of(
              required("batchId", STRING),
              required("users", "array<string>"),
              required("sessionsDeleted", LONG),
              required("turnsDeleted", LONG),
              required("lakeFilesRewritten", LONG),
              required("lakeRowsRemoved", LONG),
              required("goldRowsRemoved", LONG),
              required("completedAt", TIMESTAMP)));

  /**
   * LLM feedback by input, one JSON file per input ({@code <sha256 of user>/<input hash>.json}): a
   * re-run with unchanged scores reuses it; erasure deletes the user's folder.
   */
  public static final LakeDataset GOLD_FEEDBACK_CACHE =
      new LakeDataset(
          "gold/feedback_cache",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment and cohort-report jobs, with an LLM",
          Format.JSON,
          List.of(required("feedback", "object"), required("source", STRING)));

  /**
   * A cohort report, one per batch: {@code members.csv}, {@code members.parquet/}, {@code
   * report.html} and {@code report.pdf}, one row per member.
   */
  public static final LakeDataset COHORT_REPORTS =
      new LakeDataset(
          "reports/<cohort>/<batch>",
          Layer.REPORTS,
          Optional.empty(),
          "batch-jobs cohort-report job",
          Format.REPORT_FILES,
          List.of(
              required("userId", STRING),
              required("sessions", LONG),
              required("answers", LONG),
              optional("averageWordsPerMinute", DOUBLE),
              optional("averageFillersPerMinute", DOUBLE),
              optional("averageStarCompleteness", DOUBLE),
              optional("averageLexicalDiversity", DOUBLE),
              optional("averageSentiment", DOUBLE),
              optional("averageOverall", DOUBLE),
              optional("latestOverall", DOUBLE),
              optional("lastAnswerAt", TIMESTAMP),
              required("needsAttention", BOOLEAN)));

  /** Every dataset, bronze first. */
  public static List<LakeDataset> all() {
    return List.of(
        BRONZE_ANSWERS,
        GOLD_SESSION_AGGREGATES,
        GOLD_ASSESSMENTS,
        GOLD_BENCHMARKS,
        GOLD_ASSESSED_FILES,
        GOLD_ERASURES,
        GOLD_FEEDBACK_CACHE,
        COHORT_REPORTS);
  }

  /** Every score of a session: overall, each group, each dimension; null where not assessed. */
  private static List<Column> scoreColumns() {
    return Scores.all().stream()
        .map(s -> s.equals(Scores.OVERALL) ? required(s, DOUBLE) : optional(s, DOUBLE))
        .toList();
  }

  @SafeVarargs
  private static List<Column> columns(List<Column>... parts) {
    return Arrays.stream(parts).flatMap(List::stream).toList();
  }

  private static Column required(String name, String type) {
    return new Column(name, type, false);
  }

  private static Column optional(String name, String type) {
    return new Column(name, type, true);
  }
}
