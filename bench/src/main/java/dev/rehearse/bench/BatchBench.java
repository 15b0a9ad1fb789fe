package dev.rehearse.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import dev.rehearse.batch.BatchConfig;
import dev.rehearse.batch.Sessions;
import dev.rehearse.batch.jobs.AssessmentDocuments;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.batch.transforms.Benchmarks;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.core.config.Connections;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.CohortMemberFields;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.search.Embedder;
import dev.rehearse.search.documents.AssessmentDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.LongAccumulator;

/**
 * The batch analytics benchmark, on a synthetic lake in a local folder: the full assessment and
 * peer benchmarks of N sessions (Spark, offline assessor: scores, ranks, percentiles per group and
 * question, the Parquet outputs and every index document with its feedback built), against a
 * baseline Spark pass over the same answers (read, one aggregate per session, write) in the same
 * run. Then the embedding rate of profile chunks on two threads, the reindex's ceiling, against
 * ONNX Runtime alone ({@link EmbeddingBench}).
 *
 * <p>Usage: {@code BatchBench SESSIONS ANSWERS_PER_SESSION PROFILES}
 */
public final class BatchBench {

  private BatchBench() {}

  private static final String VOCABULARY =
      "i we our my the team service latency users data pipeline kafka spark database because so"
          + " result results situation task action decided built measured improved reduced"
          + " customers deadline incident outage migrated designed trade off cache replicas"
          + " um like basically you know actually maybe perhaps think guess happy proud"
          + " frustrated learned mentor review tests deploy rollback metrics dashboard alert"
          + " within weeks days percent faster cheaper simpler owner ownership agreed stakeholders"
          + " priority scope risk plan shipped on time in production";

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int perSession = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int profiles = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    Path lake = Files.createTempDirectory("rehearse-bench-lake");
    BatchConfig config =
        new BatchConfig(
            new Connections(
                "unused:9092",
                URI.create("http://unused:9200"),
                URI.create("http://unused:9000"),
                "k",
                "s",
                "unused"),
            "local[2]",
            0,
            0);
    SparkSession spark = Sessions.create(config, false);
    spark.sparkContext().setLogLevel("WARN");
    try {
      // the lake as the interview job writes it: each answer's scores stored with it; and the
      // same answers without them, as after a change of the scores' definitions
      String unscored = lake.resolve("bronze-unscored").toUri().toString();
      String bronze = lake.resolve("bronze").toUri().toString();
      long t0 = System.nanoTime();
      synthetic(spark, sessions, perSession).write().mode(SaveMode.Overwrite).parquet(unscored);
      double generated = seconds(t0);
      long c0 = cpuNanos();
      t0 = System.nanoTime();
      Assessments.withStoredScores(spark.read().parquet(unscored))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(bronze);
      double storing = seconds(t0);
      double storingCpu = (cpuNanos() - c0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "synthetic lake: %,d sessions, %,d answers, written in %.1f s (%s)%n"
              + "each answer's scores stored with it (the interview job's work, here in Spark):"
              + " %.1f s, %.1f s of CPU, %.1f µs of CPU an answer%n",
          sessions,
          (long) sessions * perSession,
          generated,
          lake,
          storing,
          storingCpu,
          storingCpu * 1e6 / ((long) sessions * perSession));

      // baseline and assessments, twice each, alternating: the second round is reported (warm)
      Phase[] baseline = new Phase[2];
      Phase[] assessment = new Phase[2];
      Phase[] rescoring = new Phase[2];
      long documents = 0;
      for (int round = 0; round < 2; round++) {
        Phase b = Phase.start();
        spark
            .read()
            .parquet(bronze)
            .groupBy(col(BronzeAnswerFields.SESSION_ID))
            .agg(
                count("*").as(CohortMemberFields.ANSWERS),
                avg(BronzeAnswerFields.WORD_COUNT).as("words"))
            .write()
            .mode(SaveMode.Overwrite)
            .parquet(lake.resolve("baseline").toUri().toString());
        baseline[round] = b.end();
        System.out.println(" assessment, scores read from the lake:");
        Phase a = Phase.start();
        documents = assess(spark, config, bronze, lake);
        assessment[round] = a.end();
        System.out.println(" assessment, every answer scored again:");
        Phase r = Phase.start();
        assess(spark, config, unscored, lake);
        rescoring[round] = r.end();
      }
      System.out.printf(
          Locale.ROOT,
          "%n                                              seconds   sessions/s   CPU s  CPU ms/session  ratio%n"
              + "baseline: read, aggregate per session, write  %7.1f   %10.0f  %6.1f  %14.3f%n"
              + "assessment + peer benchmarks (offline)        %7.1f   %10.0f  %6.1f  %14.3f  %5.1fx%n"
              + "  the same, every answer scored again         %7.1f   %10.0f  %6.1f  %14.3f  %5.1fx%n"
              + "ratio: assessment / baseline (seconds); %,d index documents built%n",
          baseline[1].seconds(),
          sessions / baseline[1].seconds(),
          baseline[1].cpuSeconds(),
          baseline[1].cpuSeconds() * 1e3 / sessions,
          assessment[1].seconds(),
          sessions / assessment[1].seconds(),
          assessment[1].cpuSeconds(),
          assessment[1].cpuSeconds() * 1e3 / sessions,
          assessment[1].seconds() / baseline[1].seconds(),
          rescoring[1].seconds(),
          sessions / rescoring[1].seconds(),
          rescoring[1].cpuSeconds(),
          rescoring[1].cpuSeconds() * 1e3 / sessions,
          rescoring[1].seconds() / baseline[1].seconds(),
          documents);
      System.out.printf(
          Locale.ROOT,
          "(first, cold round: baseline %.1f s, assessment %.1f s, every answer scored again %.1f"
              + " s)%n",
          baseline[0].seconds(),
          assessment[0].seconds(),
          rescoring[0].seconds());
    } finally {
      spark.stop();
      deleteTree(lake);
    }
    if (profiles > 0) {
      EmbeddingBench.report(profiles, 3);
    }
  }

  /** The assessment job's work without the S3 store and Elasticsearch; returns documents built. */
  static long assess(SparkSession spark, BatchConfig config, String bronze, Path lake) {
    Map<String, Map<String, Double>> rubrics = Rubrics.builtIn();
    Dataset<Row> answers = spark.read().parquet(bronze);
    Dataset<Row> answerScores = Assessments.scoreAnswers(answers).cache();
    Dataset<Row> scored = Assessments.sessions(answerScores, rubrics).cache();
    Dataset<Row> assessed = Benchmarks.ranks(scored, config.minGroup()).cache();
    try {
      long t = System.nanoTime();
      long c = cpuNanos();
      assessed
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(lake.resolve(LakeDatasets.GOLD_ASSESSMENTS.resolve()).toUri().toString());
      System.out.printf(
          Locale.ROOT,
          "  scores, ranks, gold/assessments: %5.1f s, CPU %5.1f s%n",
          seconds(t),
          (cpuNanos() - c) / 1e9);
      t = System.nanoTime();
      c = cpuNanos();
      Benchmarks.percentiles(scored, config.minGroup())
          .unionByName(Benchmarks.questionPercentiles(answerScores, config.minGroup()))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(lake.resolve(LakeDatasets.GOLD_BENCHMARKS.resolve()).toUri().toString());
      System.out.printf(
          Locale.ROOT,
          "  percentiles, gold/benchmarks:    %5.1f s, CPU %5.1f s%n",
          seconds(t),
          (cpuNanos() - c) / 1e9);
      t = System.nanoTime();
      c = cpuNanos();
      LongAccumulator built = spark.sparkContext().longAccumulator("documents");
      assessed.foreachPartition(new BuildDocuments(built));
      System.out.printf(
          Locale.ROOT,
          "  index documents with feedback:   %5.1f s, CPU %5.1f s%n",
          seconds(t),
          (cpuNanos() - c) / 1e9);
      return built.value();
    } finally {
      assessed.unpersist();
      scored.unpersist();
      answerScores.unpersist();
    }
  }

  /** Builds (and drops) each session's index document with its feedback, as the job sends them. */
  private static final class BuildDocuments implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;
    private final LongAccumulator built;

    BuildDocuments(LongAccumulator built) {
      this.built = built;
    }

    @Override
    public void call(java.util.Iterator<Row> rows) {
      String now = Instant.now().toString();
      long n = 0;
      while (rows.hasNext()) {
        Object document = AssessmentDocuments.of(rows.next(), "bench", now).document();
        if (((AssessmentDocument) document).scores().isEmpty()) {
          throw new IllegalStateException("an empty document");
        }
        n++;
      }
      built.add(n);
    }
  }

  /**
   * {@code sessions} sessions of {@code perSession} answers each, with the bronze columns: five
   * sessions a candidate, four interview types, eight roles, 160 questions, 90 days, answers of
   * 40–200 words drawn from a small vocabulary, metrics spread over their ranges.
   */
  static Dataset<Row> synthetic(SparkSession spark, int sessions, int perSession) {
    String words =
        Stream.of(VOCABULARY.split(" "))
            .map(w -> "'" + w + "'")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    String index = BronzeAnswerFields.QUESTION_INDEX;
    String wordCount = BronzeAnswerFields.WORD_COUNT;
    String durationMs = BronzeAnswerFields.DURATION_MS;
    Dataset<Row> synthetic =
        spark
            .range((long) sessions * perSession)
            .selectExpr(
                "cast(id div " + perSession + " as string) as session",
                "cast(id % " + perSession + " as int) as " + index,
                "id")
            .selectExpr(
                "concat('s', session, '/answer/', " + index + ") as " + BronzeAnswerFields.EVENT_ID,
                "concat('s', session) as " + BronzeAnswerFields.SESSION_ID,
                "concat('u', cast(cast(session as long) div 5 as string)) as "
                    + BronzeAnswerFields.USER_ID,
                index,
                "element_at(array('behavioral','technical','system_design','case'),"
                    + " cast(pmod(hash(session), 4) + 1 as int)) as "
                    + BronzeAnswerFields.INTERVIEW_TYPE,
                "element_at(array('behavioral','technical','system_design','case'),"
                    + " cast(pmod(hash(session), 4) + 1 as int)) as "
                    + BronzeAnswerFields.QUESTION_TYPE,
                "element_at(array('Backend Engineer','Data Engineer','Product Manager','Data"
                    + " Scientist','Frontend Engineer','SRE','Engineering Manager','Analyst'),"
                    + " cast(pmod(hash(session, 7), 8) + 1 as int)) as "
                    + BronzeAnswerFields.ROLE,
                "concat('q-', cast(pmod(hash(id, 3), 160) as string)) as "
                    + BronzeAnswerFields.QUESTION_ID,
                "concat('Tell me about a time the team shipped a data pipeline under a deadline"
                    + " number ', cast(pmod(hash(id, 3), 160) as string)) as "
                    + BronzeAnswerFields.QUESTION,
                "cast(40 + pmod(hash(id, 1), 161) as int) as " + wordCount,
                "id")
            .selectExpr(
                "*",
                "array_join(transform(sequence(1, "
                    + wordCount
                    + "), i -> element_at(array("
                    + words
                    + "), cast(pmod(hash(id, i), "
                    + VOCABULARY.split(" ").length
                    + ") + 1 as int))), ' ') as "
                    + BronzeAnswerFields.ANSWER,
                "cast("
                    + wordCount
                    + " * 60000 / (100 + pmod(hash(id, 2), 90)) as long) as "
                    + durationMs)
            .selectExpr(
                BronzeAnswerFields.EVENT_ID,
                BronzeAnswerFields.SESSION_ID,
                BronzeAnswerFields.USER_ID,
                index,
                BronzeAnswerFields.INTERVIEW_TYPE,
                BronzeAnswerFields.QUESTION_TYPE,
                BronzeAnswerFields.ROLE,
                BronzeAnswerFields.QUESTION_ID,
                BronzeAnswerFields.QUESTION,
                BronzeAnswerFields.ANSWER,
                wordCount,
                durationMs,
                "round("
                    + wordCount
                    + " * 60000.0 / "
                    + durationMs
                    + ", 1) as "
                    + BronzeAnswerFields.WORDS_PER_MINUTE,
                "round("
                    + wordCount
                    + " * 60000.0 / "
                    + durationMs
                    + " * 1.2, 1) as "
                    + BronzeAnswerFields.ARTICULATION_RATE,
                "cast(pmod(hash(id, 4), 12) as int) as " + BronzeAnswerFields.FILLER_COUNT,
                "round(pmod(hash(id, 4), 12) * 60000.0 / "
                    + durationMs
                    + ", 2) as "
                    + BronzeAnswerFields.FILLERS_PER_MINUTE,
                "cast(pmod(hash(id, 5), 20) as int) as " + BronzeAnswerFields.PAUSE_COUNT,
                "cast(pmod(hash(id, 5), 5) as int) as " + BronzeAnswerFields.LONG_PAUSE_COUNT,
                "cast(pmod(hash(id, 6), 4000) as long) as " + BronzeAnswerFields.LONGEST_PAUSE_MS,
                "round(pmod(hash(id, 6), 40) / 100.0, 2) as " + BronzeAnswerFields.PAUSE_RATIO,
                "cast(500 + pmod(hash(id, 8), 6000) as long) as "
                    + BronzeAnswerFields.RESPONSE_LATENCY_MS,
                "round(0.4 + pmod(hash(id, 9), 50) / 100.0, 3) as "
                    + BronzeAnswerFields.LEXICAL_DIVERSITY,
                "round(pmod(hash(id, 10), 20) / 100.0, 3) as " + BronzeAnswerFields.REPETITION,
                "cast(pmod(hash(id, 11), 6) as int) as " + BronzeAnswerFields.HEDGE_COUNT,
                "round(pmod(hash(id, 12), 200) / 100.0 - 1, 3) as " + BronzeAnswerFields.SENTIMENT,
                "pmod(hash(id, 13), 10) > 1 as " + BronzeAnswerFields.STAR_SITUATION,
                "pmod(hash(id, 14), 10) > 2 as " + BronzeAnswerFields.STAR_TASK,
                "pmod(hash(id, 15), 10) > 1 as " + BronzeAnswerFields.STAR_ACTION,
                "pmod(hash(id, 16), 10) > 4 as " + BronzeAnswerFields.STAR_RESULT,
                "'good' as " + BronzeAnswerFields.PACE,
                "'fluent' as " + BronzeAnswerFields.FLUENCY,
                "'concise' as " + BronzeAnswerFields.CONCISENESS,
                "timestamp_millis(1767225600000 + cast(pmod(hash(id, 17), 90) as long) * 86400000) as "
                    + BronzeAnswerFields.AT)
            .selectExpr(
                "*",
                "(cast("
                    + BronzeAnswerFields.STAR_SITUATION
                    + " as int) + cast("
                    + BronzeAnswerFields.STAR_TASK
                    + " as int) + cast("
                    + BronzeAnswerFields.STAR_ACTION
                    + " as int) + cast("
                    + BronzeAnswerFields.STAR_RESULT
                    + " as int)) / 4.0 as "
                    + BronzeAnswerFields.STAR_COMPLETENESS);
    // Spark reads 60000.0 as a decimal: the bronze lake's fractional columns are doubles
    for (StructField field : synthetic.schema().fields()) {
      if (field.dataType() instanceof DecimalType) {
        synthetic =
            synthetic.withColumn(field.name(), col(field.name()).cast(DataTypes.DoubleType));
      }
    }
    return synthetic;
  }

  /** {@code count} profiles, each with a resume of four 60-word paragraphs (about 5 chunks). */
  static List<Profile> syntheticProfiles(int count) {
    List<Profile> profiles = new ArrayList<>();
    String[] vocabulary = VOCABULARY.split(" ");
    java.util.Random random = new java.util.Random(7);
    for (int p = 0; p < count; p++) {
      StringBuilder resume = new StringBuilder();
      for (int paragraph = 0; paragraph < 4; paragraph++) {
        for (int w = 0; w < 60; w++) {
          resume
              .append(vocabulary[random.nextInt(vocabulary.length)])
              .append(w % 12 == 11 ? ". " : " ");
        }
        resume.append("\n\n");
      }
      profiles.add(
          new Profile(
              "Data Engineer",
              Optional.empty(),
              Optional.empty(),
              Optional.of(5),
              Optional.of("mid"),
              List.of("Spark", "Kafka", "Airflow"),
              List.of("mentoring"),
              List.of(),
              List.of(),
              null,
              Optional.of("Builds data platforms."),
              Optional.of(resume.toString())));
    }
    return profiles;
  }

  /** Embeds {@code chunks} on two threads sharing the one model; returns the seconds it took. */
  static double embedOnTwoThreads(List<String> chunks) throws Exception {
    Embedder embedder = Embedder.shared();
    embedder.embed("warm up");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (long i = next.getAndIncrement();
                    i < chunks.size();
                    i = next.getAndIncrement()) {
                  embedder.embed(chunks.get((int) i));
                }
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    return seconds(start);
  }

  /** The CPU time of this process so far (every thread, the JIT and the collector included). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A timed phase: its wall-clock and this process's CPU time. */
  record Phase(long startNanos, long startCpuNanos, double seconds, double cpuSeconds) {
    static Phase start() {
      return new Phase(System.nanoTime(), cpuNanos(), 0, 0);
    }

    Phase end() {
      return new Phase(
          startNanos,
          startCpuNanos,
          BatchBench.seconds(startNanos),
          (cpuNanos() - startCpuNanos) / 1e9);
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
