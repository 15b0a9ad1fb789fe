package dev.rehearse.core.interview;

import dev.rehearse.core.assessment.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate's weak areas: the assessment dimensions whose mean over their latest assessed
 * sessions is below {@link #THRESHOLD}, weakest first, at most {@link #MAX}. Pure.
 */
public final class WeakAreas {

  private WeakAreas() {}

  /** The dimensions a next session can practise (each has a focus question in the bank). */
  public static final List<String> DIMENSIONS = Dimension.offlineWireNames();

  /** Below this mean score (0–100) a dimension is weak. */
  public static final double THRESHOLD = 60;

  /** Weak areas named at most. */
  public static final int MAX = 2;

  /** The weak areas of these sessions' scores (dimension → score, null where not assessed). */
  public static List<String> of(List<Map<String, Double>> sessions) {
    Map<String, double[]> sums = new TreeMap<>();
    for (Map<String, Double> scores : sessions) {
      for (String d : DIMENSIONS) {
        Double v = scores.get(d);
        if (v != null) {
          double[] sum = sums.computeIfAbsent(d, k -> new double[2]);
          sum[0] += v;
          sum[1]++;
        }
      }
    }
    List<Map.Entry<String, Double>> means = new ArrayList<>();
    sums.forEach((d, sum) -> means.add(Map.entry(d, sum[0] / sum[1])));
    return means.stream()
        .filter(e -> e.getValue() < THRESHOLD)
        .sorted(
            Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX)
        .map(Map.Entry::getKey)
        .toList();
  }
}
