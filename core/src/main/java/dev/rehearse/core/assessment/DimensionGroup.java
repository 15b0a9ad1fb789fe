package dev.rehearse.core.assessment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A group of assessment dimensions. Each group's score is the mean of its assessed dimensions, and
 * a rubric weighs the groups into the overall score.
 */
public enum DimensionGroup {
  COMMUNICATION("communication"),
  CONTENT("content"),
  BEHAVIOURAL("behavioural"),
  DELIVERY("delivery");

  private final String wireName;

  DimensionGroup(String wireName) {
    this.wireName = wireName;
  }

  /** The name in JSON, the lake, the indices and rubrics. */
  public String wireName() {
    return wireName;
  }

  /** The dimensions of this group, in {@link Dimension} order. */
  public List<Dimension> dimensions() {
    return Arrays.stream(Dimension.values()).filter(d -> d.group() == this).toList();
  }

  /** Whether any of its dimensions is measured from text and timings alone. */
  public boolean assessedOffline() {
    return dimensions().stream().anyMatch(Dimension::assessedOffline);
  }

  /** Every group's wire name, in order. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(DimensionGroup::wireName).toList();
  }

  /** The group of this wire name, if there is one. */
  public static Optional<DimensionGroup> of(String wireName) {
    return Arrays.stream(values()).filter(g -> g.wireName.equals(wireName)).findFirst();
  }
}
