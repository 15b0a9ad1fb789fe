package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.LocalSpark;
import dev.rehearse.core.assessment.AnswerDimensions;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.search.documents.AssessmentFeedback;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssessmentsTest {

  private static SparkSession spark;

  private static final StructType ANSWERS =
      new StructType()
          .add("eventId", DataTypes.StringType)
          .add("sessionId", DataTypes.StringType)
          .add("userId", DataTypes.StringType)
          .add("interviewType", DataTypes.StringType)
          .add("questionType", DataTypes.StringType)
          .add("question", DataTypes.StringType)
          .add("answer", DataTypes.StringType)
          .add("wordCount", DataTypes.IntegerType)
          .add("wordsPerMinute", DataTypes.DoubleType)
          .add("fillersPerMinute", DataTypes.DoubleType)
          .add("pauseRatio", DataTypes.DoubleType)
          .add("longPauseCount", DataTypes.IntegerType)
          .add("responseLatencyMs", DataTypes.LongType)
          .add("lexicalDiversity", DataTypes.DoubleType)
          .add("repetition", DataTypes.DoubleType)
          .add("hedgeCount", DataTypes.IntegerType)
          .add("sentiment", DataTypes.DoubleType)
          .add("starAction", DataTypes.BooleanType)
          .add("starResult", DataTypes.BooleanType)
          .add("starCompleteness", DataTypes.DoubleType)
          .add("at", DataTypes.TimestampType);

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static final String QUESTION =
      "Tell me about a time you fixed a failing deployment pipeline.";
  private static final String STRONG =
      "When our deployment pipeline kept failing, I owned the fix. I split the pipeline into"
          + " stages, I added retries and alerts, and as a result the failing deployments stopped.";
  private static final String WEAK = "We just tried some stuff and it was fine I guess.";

  private static Row answer(
      String session,
      int i,
      String type,
      String text,
      int words,
      Double wpm,
      Double fillers,
      double star,
      boolean action,
      boolean result) {
    return RowFactory.create(
        session + "/answer/" + i,
        session,
        "u-" + session,
        type,
        type,
        QUESTION,
        text,
        words,
        wpm,
        fillers,
        0.1,
        0,
        1500L,
        0.7,
        0.0,
        0,
        0.2,
        action,
        result,
        star,
        Timestamp.from(Instant.parse("2026-03-01T10:00:00Z")));
  }

  private Map<String, Row> assess(List<Row> rows) {
    return assess(rows, Rubrics.builtIn());
  }

  private Map<String, Row> assess(List<Row> rows, Map<String, Map<String, Double>> rubrics) {
    Dataset<Row> answers = spark.createDataFrame(rows, ANSWERS);
    return Assessments.sessions(Assessments.scoreAnswers(answers), rubrics).collectAsList().stream()
        .collect(java.util.stream.Collectors.toMap(r -> r.<String>getAs("sessionId"), r -> r));
  }

  @Test
  void aStrongStoryOutscoresAWeakOneOnEveryMeasuredGroupAndOverall() {
    Map<String, Row> s =
        assess(
            List.of(
                answer("strong", 0, "behavioral", STRONG, 140, 140.0, 0.5, 1.0, true, true),
                answer("weak", 0, "behavioral", WEAK, 11, 70.0, 9.0, 0.0, false, false)));
    Row strong = s.get("strong");
    Row weak = s.get("weak");
    for (String g : List.of("communication", "content", "behavioural", "overall")) {
      assertThat(strong.<Double>getAs(g)).as(g).isGreaterThan(weak.<Double>getAs(g) + 20);
    }
    assertThat(strong.<Double>getAs("pace")).isEqualTo(100.0);
    // three "I" against one "our"
    assertThat(strong.<Double>getAs("ownership")).isEqualTo(75.0);
    // one "we", one "I"
    assertThat(weak.<Double>getAs("ownership")).isEqualTo(50.0);
    assertThat(strong.<Double>getAs("relevance")).isGreaterThan(weak.<Double>getAs("relevance"));
  }

  @Test
  void storedScoresOfTheCurrentVersionAreReadAndOthersScoredAgain() {
    StructType schema = ANSWERS.add("scoresVersion", DataTypes.IntegerType);
    for (String c : Assessments.STORED_SCORES) {
      schema = schema.add(c, DataTypes.DoubleType);
    }
    List<Row> rows = new java.util.ArrayList<>();
    Map<String, Integer> versions = new java.util.LinkedHashMap<>();
    versions.put("none", null);
    versions.put("current", AnswerDimensions.VERSION);
    versions.put("older", AnswerDimensions.VERSION - 1);
    versions.forEach(
        (session, version) -> {
          Row base = answer(session, 0, "behavioral", STRONG, 140, 140.0, 0.5, 1.0, true, true);
          List<Object> values = new java.util.ArrayList<>();
          for (int i = 0; i < base.size(); i++) {
            values.add(base.get(i));
          }
          values.add(version);
          for (int i = 0; i < Assessments.STORED_SCORES.size(); i++) {
            values.add(version == null ? null : 12.5);
          }
          rows.add(RowFactory.create(values.toArray()));
        });
    Map<String, Row> scored =
        Assessments.scoreAnswers(spark.createDataFrame(rows, schema)).collectAsList().stream()
            .collect(java.util.stream.Collectors.toMap(r -> r.<String>getAs("sessionId"), r -> r));

    for (Dimension d : Dimension.offline()) {
      String c = d.wireName();
      assertThat(scored.get("current").<Double>getAs(c)).as(c).isEqualTo(12.5);
      assertThat(scored.get("older").<Double>getAs(c))
          .as(c)
          .isEqualTo(scored.get("none").<Double>getAs(c));
    }
    assertThat(scored.get("none").<Double>getAs("pace")).isEqualTo(100.0);
    assertThat(List.of(scored.get("none").schema().fieldNames()))
        .doesNotContainAnyElementsOf(Assessments.STORED_SCORES);
  }

  @Test
  void scoresStoredWithTheAnswersGiveTheSameAssessment() {
    List<Row> rows =
        List.of(
            answer("strong", 0, "behavioral", STRONG, 140, 140.0, 0.5, 1.0, true, true),
            answer("weak", 0, "technical", WEAK, 11, null, null, 0.0, false, false));
    Dataset<Row> answers = spark.createDataFrame(rows, ANSWERS);
    Dataset<Row> stored = Assessments.withStoredScores(answers);

    assertThat(stored.filter("scoresVersion = " + AnswerDimensions.VERSION).count()).isEqualTo(2);
    List<Row> fresh = Assessments.scoreAnswers(answers).orderBy("sessionId").collectAsList();
    List<Row> read = Assessments.scoreAnswers(stored).orderBy("sessionId").collectAsList();
    for (int i = 0; i < fresh.size(); i++) {
      for (String d : Dimension.offlineWireNames()) {
        assertThat(read.get(i).<Double>getAs(d)).as(d).isEqualTo(fresh.get(i).<Double>getAs(d));
      }
    }
    assertThat(read.get(1).<Double>getAs("pace")).as("no duration").isNull();
  }

  @Test
  void whatCannotBeMeasuredIsNullNeverInvented() {
    Row row =
        assess(
                List.of(
                    answer(
                        "s",
                        0,
                        "technical",
                        "Use a queue between them, with retries.",
                        7,
                        null,
                        null,
                        0.25,
                        true,
                        false)))
            .get("s");

    assertThat((Object) row.getAs("pace")).isNull();
    assertThat((Object) row.getAs("fluency")).isNull();
    assertThat((Object) row.getAs("delivery")).isNull();
    assertThat((Object) row.getAs("technicalAccuracy")).isNull();
    assertThat((Object) row.getAs("starAdherence"))
        .as("a technical answer has no STAR to adhere to")
        .isNull();
    assertThat(row.<Double>getAs("communication")).isNotNull();
  }

  @Test
  void technicalAccuracyComesFromTheBankQuestionsKeyPoints() {
    String accurate =
        "An index is a sorted B-tree over a column, so a lookup does not scan the whole table."
            + " Writes get slower because every insert updates the index, and it uses disk space.";
    String vague = "Indexes help the database. You add them and queries get better.";
    Dataset<Row> answers =
        spark
            .createDataFrame(
                List.of(
                    answer("accurate", 0, "technical", accurate, 32, 140.0, 0.5, 0.0, false, false),
                    answer("vague", 0, "technical", vague, 11, 140.0, 0.5, 0.0, false, false)),
                ANSWERS)
            .withColumn("questionId", org.apache.spark.sql.functions.lit("tech-006"));
    Map<String, Row> s =
        Assessments.sessions(Assessments.scoreAnswers(answers), Rubrics.builtIn())
            .collectAsList()
            .stream()
            .collect(java.util.stream.Collectors.toMap(r -> r.<String>getAs("sessionId"), r -> r));

    assertThat(s.get("accurate").<Double>getAs("technicalAccuracy")).isEqualTo(100.0);
    assertThat(s.get("vague").<Double>getAs("technicalAccuracy")).isZero();
    assertThat(s.get("accurate").<Double>getAs("content"))
        .isGreaterThan(s.get("vague").<Double>getAs("content"));
  }

  @Test
  void theRubricOfTheTypeWeighsTheGroups() {
    Map<String, Map<String, Double>> rubrics = Rubrics.builtIn();
    assertThat(rubrics).containsKeys("behavioral", "technical", "system_design", "case", "mixed");
    Map<String, Row> s =
        assess(
            List.of(
                answer("beh", 0, "behavioral", STRONG, 140, 140.0, 0.5, 1.0, true, true),
                answer("tech", 0, "technical", STRONG, 140, 140.0, 0.5, 1.0, true, true)));
    for (String session : List.of("beh", "tech")) {
      Row r = s.get(session);
      Map<String, Double> w = rubrics.get(r.<String>getAs("interviewType"));
      double expected =
          (r.<Double>getAs("communication") * w.get("communication")
                  + r.<Double>getAs("content") * w.get("content")
                  + (r.getAs("behavioural") == null ? 0 : r.<Double>getAs("behavioural"))
                      * w.get("behavioural"))
              / (w.get("communication")
                  + w.get("content")
                  + (r.getAs("behavioural") == null ? 0 : w.get("behavioural")));
      assertThat(r.<Double>getAs("overall"))
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.11));
    }
  }

  @Test
  void aCohortsOwnRubricWeighsTheGroupsOfEveryType() {
    Map<String, Map<String, Double>> rubrics =
        Rubrics.forBatch(Rubrics.builtIn(), Map.of("communication", 30.0));
    assertThat(rubrics).containsOnlyKeys(Rubrics.builtIn().keySet());
    assertThat(Rubrics.forBatch(Rubrics.builtIn(), Map.of())).isEqualTo(Rubrics.builtIn());

    Map<String, Row> s =
        assess(
            List.of(
                answer("beh", 0, "behavioral", STRONG, 140, 140.0, 0.5, 1.0, true, true),
                answer("tech", 0, "technical", WEAK, 11, 70.0, 9.0, 0.0, false, false)),
            rubrics);

    // only communication weighs: the overall is the communication score, whatever the type
    for (String session : List.of("beh", "tech")) {
      assertThat(s.get(session).<Double>getAs("overall"))
          .isCloseTo(
              s.get(session).<Double>getAs("communication"),
              org.assertj.core.data.Offset.offset(0.051));
    }
    assertThat(Rubrics.text(Map.of("communication", 30.0, "content", 10.0)))
        .contains("communication 75%", "content 25%");
  }

  @Test
  void aSessionHasAtLeastTwentyDimensionsAndAggregatesWithEvidence() {
    Row r =
        assess(
                List.of(
                    answer("s", 0, "behavioral", STRONG, 140, 140.0, 0.5, 1.0, true, true),
                    answer("s", 1, "behavioral", WEAK, 11, 70.0, 9.0, 0.0, false, false)))
            .get("s");

    long numeric =
        java.util.Arrays.stream(r.schema().fields())
            .filter(f -> f.dataType() instanceof org.apache.spark.sql.types.NumericType)
            .count();
    assertThat(numeric).isGreaterThanOrEqualTo(20);
    assertThat(r.<Integer>getAs("answerCount")).isEqualTo(2);
    Map<String, String> evidence = r.getJavaMap(r.fieldIndex("evidence"));
    assertThat(evidence.get("structure")).isEqualTo("1 of 2 answers state a result");
    assertThat(evidence.get("quote")).startsWith("When our deployment pipeline");
  }

  @Test
  void theEvidenceQuotesTheStartOfTheMostCompleteStory() {
    String story = STRONG + " " + STRONG;
    Row r =
        assess(
                List.of(
                    answer("s", 0, "behavioral", WEAK, 11, 70.0, 9.0, 0.0, false, false),
                    answer("s", 1, "behavioral", story, 60, 140.0, 0.5, 1.0, true, true)))
            .get("s");

    String quote = r.<String, String>getJavaMap(r.fieldIndex("evidence")).get("quote");
    assertThat(story.length()).isGreaterThan(Assessments.QUOTE_CHARS);
    assertThat(quote).hasSize(Assessments.QUOTE_CHARS);
    assertThat(story).startsWith(quote);
  }

  @Test
  void feedbackNamesStrengthsAndImprovementsFromTheScores() {
    AssessmentFeedback f =
        Feedback.of(
            Map.of(
                "pace",
                100.0,
                "structure",
                95.0,
                "clarity",
                80.0,
                "fluency",
                30.0,
                "ownership",
                40.0,
                "depth",
                55.0),
            71.0);
    assertThat(f.strengths()).hasSize(3).first().asString().contains("pace");
    assertThat(f.improvements()).hasSizeBetween(3, 5).first().asString().contains("filler");
    assertThat(f.narrative()).startsWith("Overall 71 out of 100.");
    assertThat(f.topics()).contains("Filler words", "Ownership");
  }

  @Test
  void aWeakSessionStillGetsThreeStrengthsNoneOfThemAnImprovement() {
    Map<String, Double> scores = new java.util.HashMap<>();
    double score = 10;
    // a typed session: the dimensions measured without audio
    for (String dimension : dev.rehearse.core.assessment.Dimension.offlineWireNames()) {
      scores.put(dimension, score);
      score += 5;
    }
    AssessmentFeedback f = Feedback.of(scores, 30.0);

    assertThat(f.strengths()).hasSize(3);
    assertThat(f.improvements()).hasSize(5).doesNotContainAnyElementsOf(f.strengths());
    assertThat(f.strengths().get(0)).isEqualTo("Methodical problem solving"); // problemSolving, 60
  }
}
