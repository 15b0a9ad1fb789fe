package dev.rehearse.core.analytics;

/**
 * A provisional 0–100 score of one answer from its metrics alone, given as soon as the answer is
 * analysed; the batch assessment replaces it with the full multi-dimensional one. Each part is 0..1
 * and weighted; a part that cannot be known (pace without a duration) is left out rather than
 * guessed.
 *
 * <ul>
 *   <li>STAR (weight 3): STAR completeness (the live score is not the batch's {@code structure}
 *       dimension, which measures order and signposting);
 *   <li>fluency (2): the filler band;
 *   <li>pace (2): the pace band, when known;
 *   <li>conciseness (2): the length band;
 *   <li>vocabulary (1): lexical diversity, 0.3 → 0 and 0.7 → 1;
 *   <li>confidence (1): one quarter off per hedge.
 * </ul>
 */
public final class ProvisionalScore {

  private ProvisionalScore() {}

  public static int of(AnswerMetrics m) {
    double weighted = 0;
    double weights = 0;
    weighted += 3 * m.star().completeness();
    weights += 3;
    weighted += 2 * fluency(m.fluency());
    weights += 2;
    if (!"unknown".equals(m.pace())) {
      weighted += 2 * pace(m.pace());
      weights += 2;
    }
    weighted += 2 * conciseness(m.conciseness());
    weights += 2;
    weighted += clamp((m.lexicalDiversity() - 0.3) / 0.4);
    weights += 1;
    weighted += clamp(1 - m.hedgeCount() / 4.0);
    weights += 1;
    return (int) Math.round(100 * weighted / weights);
  }

  private static double fluency(String band) {
    return switch (band) {
      case "fluent" -> 1.0;
      case "some-fillers" -> 0.7;
      default -> 0.3;
    };
  }

  private static double pace(String band) {
    return switch (band) {
      case "good" -> 1.0;
      case "somewhat-slow", "somewhat-fast" -> 0.75;
      default -> 0.4;
    };
  }

  private static double conciseness(String band) {
    return switch (band) {
      case "concise" -> 1.0;
      case "long" -> 0.75;
      case "rambling" -> 0.4;
      default -> 0.3;
    };
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
