package dev.rehearse.core.analytics;

import java.util.Optional;

/**
 * The thresholds that turn metrics into the bands candidates read ("good pace", "some fillers").
 * They live here and nowhere else.
 *
 * <table>
 *   <caption>bands</caption>
 *   <tr><th>band</th><th>values</th><th>thresholds</th></tr>
 *   <tr><td>pace (words per minute)</td><td>slow, somewhat-slow, good, somewhat-fast, fast,
 *       unknown</td><td>&lt;100 slow; 100–120 somewhat slow; 120–160 good; 160–180 somewhat fast;
 *       &gt;180 fast</td></tr>
 *   <tr><td>fluency (fillers per minute; per 100 words without a duration)</td><td>fluent,
 *       some-fillers, disfluent</td><td>≤5 per minute (≤3.5 per 100 words) fluent; ≥12 per minute
 *       (≥8.5 per 100 words) disfluent</td></tr>
 *   <tr><td>conciseness (words)</td><td>too-short, concise, long, rambling</td><td>&lt;40
 *       too short; ≤250 concise; ≤400 long; more rambling</td></tr>
 * </table>
 *
 * <p>A spoken answer that was not transcribed has no words: its three bands are {@code unknown}.
 */
public final class Bands {

  public static final double PACE_SLOW_BELOW = 100;
  public static final double PACE_GOOD_FROM = 120;
  public static final double PACE_GOOD_TO = 160;
  public static final double PACE_FAST_ABOVE = 180;

  public static final double FLUENT_MAX_PER_MINUTE = 5;
  public static final double DISFLUENT_FROM_PER_MINUTE = 12;
  public static final double FLUENT_MAX_PER_100_WORDS = 3.5;
  public static final double DISFLUENT_FROM_PER_100_WORDS = 8.5;

  public static final int TOO_SHORT_BELOW_WORDS = 40;
  public static final int CONCISE_MAX_WORDS = 250;
  public static final int LONG_MAX_WORDS = 400;

  /** The band of a measure that could not be taken. */
  static final String UNKNOWN = "unknown";

  private Bands() {}

  static String pace(Optional<Double> wordsPerMinute) {
    if (wordsPerMinute.isEmpty()) {
      return UNKNOWN;
    }
    double wpm = wordsPerMinute.get();
    if (wpm < PACE_SLOW_BELOW) {
      return "slow";
    }
    if (wpm < PACE_GOOD_FROM) {
      return "somewhat-slow";
    }
    if (wpm <= PACE_GOOD_TO) {
      return "good";
    }
    if (wpm <= PACE_FAST_ABOVE) {
      return "somewhat-fast";
    }
    return "fast";
  }

  static String fluency(int fillers, int words, Optional<Double> fillersPerMinute) {
    if (fillersPerMinute.isPresent()) {
      return band(fillersPerMinute.get(), FLUENT_MAX_PER_MINUTE, DISFLUENT_FROM_PER_MINUTE);
    }
    double per100 = words == 0 ? 0 : fillers * 100.0 / words;
    return band(per100, FLUENT_MAX_PER_100_WORDS, DISFLUENT_FROM_PER_100_WORDS);
  }

  private static String band(double rate, double fluentMax, double disfluentFrom) {
    if (rate <= fluentMax) {
      return "fluent";
    }
    return rate >= disfluentFrom ? "disfluent" : "some-fillers";
  }

  static String conciseness(int words) {
    if (words < TOO_SHORT_BELOW_WORDS) {
      return "too-short";
    }
    if (words <= CONCISE_MAX_WORDS) {
      return "concise";
    }
    return words <= LONG_MAX_WORDS ? "long" : "rambling";
  }
}
