package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.lake.BronzeAnswerFields;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The delivery dimensions ({@code vocalVariety}, {@code composure}, {@code engagement}), scored
 * 0–100 from what the recording of a spoken answer measured (the bronze {@code audio*} columns,
 * defined in {@code voice/README.md}). A typed answer, or a recording without speech, has none of
 * them: null, "not assessed". Each score is a weighted mean of parts; a part whose measure is
 * absent drops out of the mean (with its weight). Definitions, also in {@code docs/lake.md}:
 *
 * <ul>
 *   <li><b>vocalVariety</b> = 70% pitch + 30% loudness. Pitch: the F0 spread, 0 at 0.5 semitones or
 *       less (a monotone) rising linearly to 100 at 3 semitones or more (lively speech). Loudness:
 *       the spread of the frame level over speech, 0 at 3 dB or less rising to 100 at 9 dB or more.
 *       Null without voiced speech (no pitch).
 *   <li><b>composure</b> = 60% long pauses + 40% pause ratio per answer. Long pauses (≥ 1 s inside
 *       speech) per minute of recording: 100 with none, 25 off per pause a minute (0 at 4 a
 *       minute). Pause ratio (silence over the recording): 100 up to 25%, falling linearly to 0 at
 *       65%. Per session, the mean over its spoken answers; with two or more spoken answers it is
 *       80% that mean and 20% rate stability: 100 when the syllable rate's coefficient of variation
 *       across the answers is 10% or less, falling linearly to 0 at 40%.
 *   <li><b>engagement</b> = 40% voicing + 40% rate + 20% loudness. Voicing: the share of speech
 *       with a pitch, 0 at 30% rising to 100 at 70%. Rate: the estimated words a minute, 100 from
 *       120 to 170, 1.5 off per word a minute beyond. Loudness: as in vocal variety.
 * </ul>
 *
 * <p>The thresholds are set for the analysis as it measures clean recordings; noise lowers the
 * loudness spread (see the voice module's limits), so compare delivery between recordings made
 * alike. Pure column expressions and {@code Dataset -> Dataset} functions.
 */
public final class Delivery {

  private Delivery() {}

  /** The dimensions scored here, in {@link Dimension} order. */
  public static final List<String> DIMENSIONS =
      java.util.Arrays.stream(Dimension.values())
          .filter(Dimension::needsAudio)
          .map(Dimension::wireName)
          .toList();

  /** The bronze columns the scores are computed from, with their lake types. */
  static final List<String> AUDIO_COLUMNS =
      List.of(
          BronzeAnswerFields.AUDIO_SPEECH_MS,
          BronzeAnswerFields.AUDIO_SILENCE_MS,
          BronzeAnswerFields.AUDIO_PAUSE_COUNT,
          BronzeAnswerFields.AUDIO_LONG_PAUSE_COUNT,
          BronzeAnswerFields.AUDIO_LONGEST_PAUSE_MS,
          BronzeAnswerFields.AUDIO_SYLLABLES_PER_SECOND,
          BronzeAnswerFields.AUDIO_ESTIMATED_WORDS_PER_MINUTE,
          BronzeAnswerFields.AUDIO_PITCH_MEAN_HZ,
          BronzeAnswerFields.AUDIO_PITCH_STD_SEMITONES,
          BronzeAnswerFields.AUDIO_PITCH_RANGE_SEMITONES,
          BronzeAnswerFields.AUDIO_LOUDNESS_STD_DB,
          BronzeAnswerFields.AUDIO_VOICED_RATIO);

  /** Session aggregates the rate stability is computed from; dropped after. */
  private static final String RATE_SD = "deliveryRateSd";

  private static final String RATE_MEAN = "deliveryRateMean";
  private static final String RATE_ANSWERS = "deliveryRateAnswers";

  /** Whether the answer was spoken and speech was heard in it. */
  private static Column spoken() {
    return col(BronzeAnswerFields.AUDIO_SPEECH_MS)
        .isNotNull()
        .and(col(BronzeAnswerFields.AUDIO_SPEECH_MS).gt(0));
  }

  /** {@code value} mapped linearly from [{@code zeroAt}, {@code fullAt}] to [0, 100], clamped. */
  static Column ramp(Column value, double zeroAt, double fullAt) {
    Column share = value.minus(zeroAt).divide(fullAt - zeroAt);
    return orNull(value, least(lit(1.0), greatest(lit(0.0), share)).multiply(100));
  }

  /** {@code score}, or null when {@code input} is: Spark's greatest and least skip nulls. */
  private static Column orNull(Column input, Column score) {
    return when(input.isNull(), lit(null)).otherwise(score);
  }

  /** The weighted mean of the parts that are not null; null when none is. */
  static Column weighted(List<Column> parts, List<Double> weights) {
    Column sum = lit(0.0);
    Column total = lit(0.0);
    for (int i = 0; i < parts.size(); i++) {
      Column p = parts.get(i);
      sum = sum.plus(when(p.isNull(), lit(0.0)).otherwise(p.multiply(weights.get(i))));
      total = total.plus(when(p.isNull(), lit(0.0)).otherwise(lit(weights.get(i))));
    }
    return when(total.equalTo(0), lit(null)).otherwise(sum.divide(total));
  }

  private static Column loudness() {
    return ramp(col(BronzeAnswerFields.AUDIO_LOUDNESS_STD_DB), 3, 9);
  }

  static Column vocalVariety() {
    Column pitch = ramp(col(BronzeAnswerFields.AUDIO_PITCH_STD_SEMITONES), 0.5, 3.0);
    return when(
        spoken().and(pitch.isNotNull()), weighted(List.of(pitch, loudness()), List.of(0.7, 0.3)));
  }

  static Column composure() {
    Column speech = col(BronzeAnswerFields.AUDIO_SPEECH_MS);
    Column total = speech.plus(col(BronzeAnswerFields.AUDIO_SILENCE_MS));
    Column longPausesPerMinute =
        col(BronzeAnswerFields.AUDIO_LONG_PAUSE_COUNT).divide(total.divide(60_000.0));
    Column longPauses =
        orNull(
            longPausesPerMinute,
            greatest(lit(0.0), lit(100.0).minus(longPausesPerMinute.multiply(25))));
    Column pauseRatio =
        lit(100.0).minus(ramp(col(BronzeAnswerFields.AUDIO_SILENCE_MS).divide(total), 0.25, 0.65));
    return when(spoken(), weighted(List.of(longPauses, pauseRatio), List.of(0.6, 0.4)));
  }

  static Column engagement() {
    Column voicing = ramp(col(BronzeAnswerFields.AUDIO_VOICED_RATIO), 0.3, 0.7);
    Column wpm = col(BronzeAnswerFields.AUDIO_ESTIMATED_WORDS_PER_MINUTE);
    Column rate =
        orNull(
            wpm,
            greatest(
                lit(0.0),
                lit(100.0).minus(greatest(lit(0.0), abs(wpm.minus(145)).minus(25)).multiply(1.5))));
    return when(spoken(), weighted(List.of(voicing, rate, loudness()), List.of(0.4, 0.4, 0.2)));
  }

  /** Adds the per-answer delivery scores (null for typed answers) to scored answers. */
  public static Dataset<Row> scoreAnswers(Dataset<Row> answers) {
    return answers
        .withColumn(Dimension.VOCAL_VARIETY.wireName(), vocalVariety())
        .withColumn(Dimension.COMPOSURE.wireName(), composure())
        .withColumn(Dimension.ENGAGEMENT.wireName(), engagement());
  }

  /** The session aggregates rate stability needs, to add to a session's {@code groupBy}. */
  static List<Column> sessionAggregates() {
    Column rate = when(spoken(), col(BronzeAnswerFields.AUDIO_SYLLABLES_PER_SECOND));
    return List.of(
        stddev_samp(rate).as(RATE_SD), avg(rate).as(RATE_MEAN), count(rate).as(RATE_ANSWERS));
  }

  /**
   * A session's composure (the mean of its answers') with rate stability, once the session has two
   * or more spoken answers with a rate; drops the aggregates of {@link #sessionAggregates}.
   */
  static Dataset<Row> withRateStability(Dataset<Row> sessions) {
    String composure = Dimension.COMPOSURE.wireName();
    Column cv = col(RATE_SD).divide(col(RATE_MEAN));
    Column stability = lit(100.0).minus(ramp(cv, 0.10, 0.40));
    return sessions
        .withColumn(
            composure,
            when(
                    col(composure)
                        .isNotNull()
                        .and(col(RATE_ANSWERS).geq(2))
                        .and(col(RATE_MEAN).gt(0)),
                    round(col(composure).multiply(0.8).plus(stability.multiply(0.2)), 1))
                .otherwise(col(composure)))
        .drop(RATE_SD, RATE_MEAN, RATE_ANSWERS);
  }
}
