package dev.rehearse.core.assessment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scores of an assessed session: the overall score, one per {@link DimensionGroup} and one per
 * {@link Dimension}, each 0–100 or not assessed.
 */
public final class Scores {

  /** The rubric-weighted overall score. */
  public static final String OVERALL = "overall";

  private Scores() {}

  /** Every score's name: overall, the groups, the dimensions. */
  public static List<String> all() {
    List<String> names = new ArrayList<>();
    names.add(OVERALL);
    names.addAll(DimensionGroup.wireNames());
    names.addAll(Dimension.wireNames());
    return List.copyOf(names);
  }

  /**
   * The scores peers are benchmarked on: overall, then the groups and dimensions the offline
   * assessor measures (the others are null for most sessions).
   */
  public static List<String> benchmarked() {
    List<String> names = new ArrayList<>();
    names.add(OVERALL);
    Arrays.stream(DimensionGroup.values())
        .filter(DimensionGroup::assessedOffline)
        .forEach(g -> names.add(g.wireName()));
    names.addAll(Dimension.offlineWireNames());
    return List.copyOf(names);
  }
}
