package dev.rehearse.core.lake;

import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.lake.LakeDataset.Column;
import dev.rehearse.core.lake.LakeDataset.Format;
import dev.rehearse.core.lake.LakeDataset.Layer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
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

  /**
   * Spoken answers as the candidates sent them, one WAV file per answer ({@code <sha256 of
   * user>/<sessionId>/<commandId>.wav}, see {@link #audioKey}): written by the API before the
   * answer is published, read by the stream's audio analysis; erasure deletes the user's folder.
   */
  public static final LakeDataset RAW_AUDIO =
      new LakeDataset(
          "raw/audio",
          Layer.RAW,
          Optional.empty(),
          "ingest-api audio endpoint",
          Format.WAV,
          List.of());

  /** One row per analysed answer, written by the stream at each checkpoint. */
  public static final LakeDataset BRONZE_ANSWERS =
      new LakeDataset(
          "bronze/answers",
          Layer.BRONZE,
          Optional.of("dt=YYYY-MM-DD"),
          "stream-jobs interview job (the lake writer)",
          Format.PARQUET,
          columns(LakeRows.BronzeAnswer.class));

  /** One row per session: counts and means of its answers. */
  public static final LakeDataset GOLD_SESSION_AGGREGATES =
      new LakeDataset(
          "gold/session_aggregates",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs session-aggregates and assessment jobs",
          Format.PARQUET,
          columns(LakeRows.SessionAggregate.class));

  /** One row per session: its scores, aggregates, evidence and ranks. */
  public static final LakeDataset GOLD_ASSESSMENTS =
      new LakeDataset(
          "gold/assessments",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment job",
          Format.PARQUET,
          concat(
              columns(LakeRows.AssessmentKey.class),
              scoreColumns(),
              columns(LakeRows.AssessmentStatistics.class)));

  /** One row per published group and score: the percentiles of the score in the group. */
  public static final LakeDataset GOLD_BENCHMARKS =
      new LakeDataset(
          "gold/benchmarks",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment and benchmark jobs",
          Format.PARQUET,
          columns(LakeRows.Benchmark.class));

  /** One row per bronze file the last complete assessment run read. */
  public static final LakeDataset GOLD_ASSESSED_FILES =
      new LakeDataset(
          "gold/assessed_files",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs assessment job",
          Format.PARQUET,
          columns(LakeRows.AssessedFile.class));

  /** One JSON record per erasure batch ({@code <batch>.json}), users named only by SHA-256. */
  public static final LakeDataset GOLD_ERASURES =
      new LakeDataset(
          "gold/erasures",
          Layer.GOLD,
          Optional.empty(),
          "batch-jobs erasure job",
          Format.JSON,
          columns(LakeRows.Erasure.class));

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
          columns(LakeRows.CachedFeedback.class));

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
          columns(LakeRows.CohortMember.class));

  /** Every dataset, raw first, then bronze. */
  public static List<LakeDataset> all() {
    return List.of(
        RAW_AUDIO,
        BRONZE_ANSWERS,
        GOLD_SESSION_AGGREGATES,
        GOLD_ASSESSMENTS,
        GOLD_BENCHMARKS,
        GOLD_ASSESSED_FILES,
        GOLD_ERASURES,
        GOLD_FEEDBACK_CACHE,
        COHORT_REPORTS);
  }

  /**
   * The key, in the lake bucket, of one spoken answer: {@code raw/audio/<sha256 of
   * user>/<sessionId>/<commandId>.wav}. The user is named by the SHA-256 of the id, so a listing of
   * the bucket names no one.
   */
  public static String audioKey(String userId, String sessionId, String commandId) {
    return audioFolder(userId) + "/" + sessionId + "/" + commandId + ".wav";
  }

  /** The folder holding every spoken answer of a user: what erasure deletes. */
  public static String audioFolder(String userId) {
    return RAW_AUDIO.resolve() + "/" + sha256(userId);
  }

  /** The SHA-256 of a text's UTF-8 bytes, in lower-case hex: how the lake names users. */
  public static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @SafeVarargs
  private static List<Column> concat(List<Column>... parts) {
    return Arrays.stream(parts).flatMap(List::stream).toList();
  }

  /** The columns of a row record, in component order (see {@link LakeRows}). */
  static List<Column> columns(Class<? extends Record> row) {
    return Arrays.stream(row.getRecordComponents()).map(LakeDatasets::column).toList();
  }

  private static Column column(RecordComponent component) {
    Type type = component.getGenericType();
    boolean nullable = component.getType() == Optional.class;
    if (nullable) {
      type = ((ParameterizedType) type).getActualTypeArguments()[0];
    }
    String name = component.getName();
    String kind =
        switch (type.getTypeName()) {
          case "java.lang.String" -> STRING;
          case "int", "java.lang.Integer" -> INT;
          case "long", "java.lang.Long" -> LONG;
          case "double", "java.lang.Double" -> DOUBLE;
          case "boolean", "java.lang.Boolean" -> BOOLEAN;
          case "java.time.Instant" -> TIMESTAMP;
          case "java.util.Map<java.lang.String, java.lang.String>" -> "map<string,string>";
          case "java.util.List<java.lang.String>" -> "array<string>";
          case "com.fasterxml.jackson.databind.JsonNode" -> "object";
          default -> throw new IllegalArgumentException("no lake type for " + name + ": " + type);
        };
    return new Column(name, kind, nullable);
  }

  /** Every score of a session: overall, each group, each dimension; null where not assessed. */
  private static List<Column> scoreColumns() {
    return Scores.all().stream()
        .map(s -> new Column(s, DOUBLE, !s.equals(Scores.OVERALL)))
        .toList();
  }
}
