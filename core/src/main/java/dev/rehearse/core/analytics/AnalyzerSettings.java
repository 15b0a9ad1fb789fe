package dev.rehearse.core.analytics;

/**
 * Tunable parameters of the analysis.
 *
 * @param pauseMs a silent gap between two words of at least this long is a pause (default 250)
 * @param longPauseMs ... and of at least this long a long pause (default 1000)
 * @param diversityWindow words per window of the moving-average type-token ratio (default 50)
 */
public record AnalyzerSettings(long pauseMs, long longPauseMs, int diversityWindow) {

  public static final AnalyzerSettings DEFAULTS = new AnalyzerSettings(250, 1000, 50);

  public AnalyzerSettings {
    if (pauseMs <= 0 || longPauseMs < pauseMs || diversityWindow < 2) {
      throw new IllegalArgumentException(
          "pauses need 0 < pauseMs <= longPauseMs and a diversity window of at least 2 words");
    }
  }
}
