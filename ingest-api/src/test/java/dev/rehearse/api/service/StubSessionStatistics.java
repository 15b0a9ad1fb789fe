package dev.rehearse.api.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Session statistics a test sets up, remembering which filters and fields were asked for. */
public final class StubSessionStatistics implements SessionStatistics {

  /** One question asked: the filter, the field and the grouping (field name or group keys). */
  public record Asked(Filter filter, String field, String grouping) {}

  public Stats stats =
      new Stats(0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  public Histogram histogram = new Histogram(0, List.of());
  public List<Period> periods = List.of();
  public List<GroupStats> groups = List.of();
  public final List<Asked> asked = new ArrayList<>();

  @Override
  public Stats stats(Filter filter, String field) {
    asked.add(new Asked(filter, field, ""));
    return stats;
  }

  @Override
  public Histogram histogram(Filter filter, String field, double step) {
    asked.add(new Asked(filter, field, String.valueOf(step)));
    return histogram;
  }

  @Override
  public List<Period> overTime(Filter filter, String field, String interval) {
    asked.add(new Asked(filter, field, interval));
    return periods;
  }

  @Override
  public List<GroupStats> byField(Filter filter, String field, String by) {
    asked.add(new Asked(filter, field, by));
    return groups;
  }

  @Override
  public List<GroupStats> byUsers(Filter filter, String field, Map<String, List<String>> of) {
    asked.add(new Asked(filter, field, String.join(",", of.keySet()) + "=" + of.values()));
    return groups;
  }
}
