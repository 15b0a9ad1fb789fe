package dev.rehearse.core.cohort;

import dev.rehearse.core.assessment.DimensionGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cohort's own rubric: the weight of each dimension group in the overall score, for every
 * interview type of the cohort's sessions, in place of the built-in rubric of each type. Weights
 * are relative (0.4/0.6 and 40/60 weigh the same); a group left out weighs nothing.
 */
public final class Rubric {

  /** The dimension groups a rubric weighs. */
  public static final List<String> GROUPS = DimensionGroup.wireNames();

  /** The largest weight accepted: percentages are the largest scale people write weights in. */
  public static final double MAX_WEIGHT = 100;

  private Rubric() {}

  /**
   * The rubric, checked: only known groups, each weight a number from 0 to {@value #MAX_WEIGHT}, at
   * least one above 0. Returned in the order of {@link #GROUPS}; empty stays empty (the built-in
   * rubrics).
   *
   * @throws IllegalArgumentException naming the first thing wrong
   */
  public static Map<String, Double> checked(Map<String, Double> weights) {
    if (weights == null || weights.isEmpty()) {
      return Map.of();
    }
    List<String> unknown = new ArrayList<>(weights.keySet());
    unknown.removeAll(GROUPS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown group " + unknown.get(0) + ": groups are " + String.join(", ", GROUPS));
    }
    Map<String, Double> ordered = new LinkedHashMap<>();
    double total = 0;
    for (String group : GROUPS) {
      if (!weights.containsKey(group)) {
        continue;
      }
      Double weight = weights.get(group);
      if (weight == null || !(weight >= 0 && weight <= MAX_WEIGHT)) {
        throw new IllegalArgumentException(
            "the weight of " + group + " must be a number from 0 to " + (int) MAX_WEIGHT);
      }
      ordered.put(group, weight);
      total += weight;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("at least one group must weigh more than 0");
    }
    return Collections.unmodifiableMap(ordered);
  }
}
