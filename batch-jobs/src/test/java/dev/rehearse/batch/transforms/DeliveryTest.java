package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rehearse.batch.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * The delivery dimensions from the bronze audio columns, through the assessment as the job runs it
 * ({@link Assessments#scoreAnswers}, {@link Assessments#sessions}): each definition's anchors, and
 * null for typed answers.
 */
class DeliveryTest {

  private static SparkSession spark;

  /** The bronze columns the assessment reads, the audio ones included. */
  private static final StructType ANSWERS =
      new StructType()
          .add("eventId", DataTypes.StringType)
          .add("sessionId", DataTypes.StringType)
          .add("userId", DataTypes.StringType)
          .add("interviewType", DataTypes.StringType)
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
          .add("at", DataTypes.TimestampType)
          .add("audioSpeechMs", DataTypes.LongType)
          .add("audioSilenceMs", DataTypes.LongType)
          .add("audioLongPauseCount", DataTypes.IntegerType)
          .add("audioSyllablesPerSecond", DataTypes.DoubleType)
          .add("audioEstimatedWordsPerMinute", DataTypes.DoubleType)
          .add("audioPitchStdSemitones", DataTypes.DoubleType)
          .add("audioLoudnessStdDb", DataTypes.DoubleType)
          .add("audioVoicedRatio", DataTypes.DoubleType);

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The audio of one answer. */
  private record Audio(
      Long speechMs,
      Long silenceMs,
      Integer longPauses,
      Double syllablesPerSecond,
      Double wpm,
      Double pitchStd,
      Double loudnessStd,
      Double voiced) {

    /** A minute of steady, lively, fluent speech: every part at its best. */
    static Audio ideal() {
      return new Audio(54_000L, 6_000L, 0, 3.6, 145.0, 3.5, 10.0, 0.8);
    }
  }

  private static Row answer(String session, int i, Audio a) {
    List<Object> values =
        new ArrayList<>(
            List.of(
                session + "/answer/" + i,
                session,
                "u-" + session,
                "behavioral",
                "Tell me about a conflict.",
                "I listened first.",
                3,
                120.0,
                1.0,
                0.1,
                0,
                1500L,
                0.7,
                0.0,
                0,
                0.2,
                true,
                true,
                1.0,
                Timestamp.from(Instant.parse("2026-03-01T10:00:00Z"))));
    if (a == null) {
      for (int k = 0; k < 8; k++) {
        values.add(null);
      }
    } else {
      values.addAll(
          java.util.Arrays.asList(
              a.speechMs(),
              a.silenceMs(),
              a.longPauses(),
              a.syllablesPerSecond(),
              a.wpm(),
              a.pitchStd(),
              a.loudnessStd(),
              a.voiced()));
    }
    return RowFactory.create(values.toArray());
  }

  /** One answer per session (its id is the key), assessed. */
  private static Map<String, Row> assess(Map<String, Audio> sessions) {
    List<Row> rows = new ArrayList<>();
    sessions.forEach((id, audio) -> rows.add(answer(id, 0, audio)));
    return assessRows(rows);
  }

  private static Map<String, Row> assessRows(List<Row> rows) {
    Dataset<Row> answers = spark.createDataFrame(rows, ANSWERS);
    return Assessments.sessions(Assessments.scoreAnswers(answers), Rubrics.builtIn())
        .collectAsList()
        .stream()
        .collect(java.util.stream.Collectors.toMap(r -> r.<String>getAs("sessionId"), r -> r));
  }

  private static Double score(Row row, String dimension) {
    return row.getAs(dimension);
  }

  @Test
  void aTypedAnswerHasNoDeliveryScoresAndNoDeliveryGroup() {
    java.util.HashMap<String, Audio> sessions = new java.util.HashMap<>();
    sessions.put("typed", null);

    Row typed = assess(sessions).get("typed");

    for (String d : List.of("vocalVariety", "composure", "engagement", "delivery")) {
      assertThat(score(typed, d)).as(d).isNull();
    }
    assertThat(score(typed, "overall")).isNotNull();
  }

  @Test
  void aRecordingWithoutSpeechHasNoDeliveryScores() {
    Row silent =
        assess(Map.of("silent", new Audio(0L, 30_000L, 0, null, null, null, null, null)))
            .get("silent");

    for (String d : List.of("vocalVariety", "composure", "engagement")) {
      assertThat(score(silent, d)).as(d).isNull();
    }
  }

  @Test
  void idealDeliveryScoresFullMarksAndFillsTheDeliveryGroup() {
    Row ideal = assess(Map.of("ideal", Audio.ideal())).get("ideal");

    assertThat(score(ideal, "vocalVariety")).isEqualTo(100.0);
    assertThat(score(ideal, "composure")).isEqualTo(100.0);
    assertThat(score(ideal, "engagement")).isEqualTo(100.0);
    assertThat(score(ideal, "delivery")).isEqualTo(100.0);
  }

  @Test
  void vocalVarietyRisesFromAMonotoneToLivelyPitchAndLoudness() {
    Audio i = Audio.ideal();
    Map<String, Row> s =
        assess(
            Map.of(
                "monotone",
                new Audio(i.speechMs(), i.silenceMs(), 0, 3.6, 145.0, 0.4, 2.0, 0.8),
                "halfway",
                // pitch 1.75 st is half of the 0.5–3 ramp; loudness 6 dB half of 3–9
                new Audio(i.speechMs(), i.silenceMs(), 0, 3.6, 145.0, 1.75, 6.0, 0.8),
                "noPitch",
                new Audio(i.speechMs(), i.silenceMs(), 0, 3.6, 145.0, null, 10.0, 0.8)));

    assertThat(score(s.get("monotone"), "vocalVariety")).isEqualTo(0.0);
    assertThat(score(s.get("halfway"), "vocalVariety")).isCloseTo(50.0, within(0.1));
    assertThat(score(s.get("noPitch"), "vocalVariety")).isNull();
  }

  @Test
  void composureFallsWithLongPausesPerMinuteAndThePauseRatio() {
    Map<String, Row> s =
        assess(
            Map.of(
                // two long pauses in a minute: 100 - 50 = 50 on 60%, pause ratio 10% full on 40%
                "pauses", new Audio(54_000L, 6_000L, 2, 3.6, 145.0, 3.5, 10.0, 0.8),
                // silent for 45% of the recording: half of the 25–65% ramp lost
                "hesitant", new Audio(33_000L, 27_000L, 0, 3.6, 145.0, 3.5, 10.0, 0.8),
                // four long pauses a minute and two-thirds silence: nothing left
                "frozen", new Audio(20_000L, 40_000L, 4, 3.6, 145.0, 3.5, 10.0, 0.8)));

    assertThat(score(s.get("pauses"), "composure")).isCloseTo(70.0, within(0.1));
    assertThat(score(s.get("hesitant"), "composure")).isCloseTo(80.0, within(0.1));
    assertThat(score(s.get("frozen"), "composure")).isEqualTo(0.0);
  }

  @Test
  void aSessionWhoseSpeakingRateSwingsLosesComposureToRateStability() {
    Audio i = Audio.ideal();
    List<Row> rows =
        List.of(
            answer("steady", 0, i),
            answer("steady", 1, i),
            answer("swinging", 0, new Audio(54_000L, 6_000L, 0, 2.0, 145.0, 3.5, 10.0, 0.8)),
            answer("swinging", 1, new Audio(54_000L, 6_000L, 0, 5.0, 145.0, 3.5, 10.0, 0.8)));

    Map<String, Row> s = assessRows(rows);

    // both answers composed; the swinging one's rate varies by CV 0.61 (over 0.40): 80% remains
    assertThat(score(s.get("steady"), "composure")).isEqualTo(100.0);
    assertThat(score(s.get("swinging"), "composure")).isCloseTo(80.0, within(0.1));
  }

  @Test
  void engagementWeighsVoicingRateAndLoudness() {
    Audio i = Audio.ideal();
    Map<String, Row> s =
        assess(
            Map.of(
                // whispered or breathy: 30% voiced loses the 40% voicing part
                "breathy", new Audio(i.speechMs(), i.silenceMs(), 0, 3.6, 145.0, 3.5, 10.0, 0.3),
                // 200 words a minute is 30 past the 120–170 band: rate 100 - 45 = 55, 40% of it
                "rushed", new Audio(i.speechMs(), i.silenceMs(), 0, 5.0, 200.0, 3.5, 10.0, 0.8),
                // no rate estimate: voicing and loudness alone
                "noRate", new Audio(i.speechMs(), i.silenceMs(), 0, null, null, 3.5, 10.0, 0.8)));

    assertThat(score(s.get("breathy"), "engagement")).isCloseTo(60.0, within(0.1));
    assertThat(score(s.get("rushed"), "engagement"))
        .isCloseTo(0.4 * 100 + 0.4 * 55 + 0.2 * 100, within(0.1));
    assertThat(score(s.get("noRate"), "engagement")).isEqualTo(100.0);
  }

  @Test
  void aSessionMixingSpokenAndTypedAnswersIsScoredOnItsSpokenOnes() {
    List<Row> rows = List.of(answer("mixed", 0, Audio.ideal()), answer("mixed", 1, null));

    Row mixed = assessRows(rows).get("mixed");

    assertThat(score(mixed, "vocalVariety")).isEqualTo(100.0);
    assertThat(score(mixed, "composure")).isEqualTo(100.0);
  }

  @Test
  void bronzeFilesWrittenBeforeTheAudioColumnsAreAssessedWithoutDelivery() {
    StructType old = new StructType(java.util.Arrays.copyOf(ANSWERS.fields(), 20));
    Row row = answer("old", 0, null);
    Dataset<Row> answers =
        spark.createDataFrame(
            List.of(RowFactory.create(java.util.Arrays.copyOf(rowValues(row), 20))), old);

    Row assessed =
        Assessments.sessions(Assessments.scoreAnswers(answers), Rubrics.builtIn()).first();

    assertThat(score(assessed, "vocalVariety")).isNull();
    assertThat(score(assessed, "clarity")).isNotNull();
  }

  private static Object[] rowValues(Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    return values;
  }
}
