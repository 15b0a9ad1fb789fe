package dev.rehearse.api.service;

import dev.rehearse.api.http.Requests;
import dev.rehearse.core.events.InterviewType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The query of the analytics endpoints, validated: which completed sessions (days, type, role,
 * cohort), which metric, grouped how.
 */
public record AnalyticsQuery(
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    Optional<String> type,
    Optional<String> role,
    Optional<String> cohortId,
    Metric metric) {

  /** A session-level metric analysts can aggregate, with the histogram step that suits it. */
  public enum Metric {
    SCORE("provisionalScore", 10),
    PACE("averageWordsPerMinute", 20),
    WORDS("totalWords", 100),
    ANSWERS("answers", 1);

    final String field;
    final double step;

    Metric(String field, double step) {
      this.field = field;
      this.step = step;
    }

    static Optional<Metric> named(String name) {
      return java.util.Arrays.stream(values()).filter(m -> m.field.equals(name)).findFirst();
    }

    static List<String> names() {
      return java.util.Arrays.stream(values()).map(m -> m.field).toList();
    }
  }

  /** Groupings of {@code breakdown}: a field of the session, or the cohort. */
  static final List<String> GROUPS = List.of("type", "role", "seniority", "language", "cohort");

  static final List<String> INTERVALS = List.of("day", "week", "month");

  public static AnalyticsQuery of(Function<String, String> param) {
    String type = param.apply("type");
    if (type != null && InterviewType.fromWireName(type).isEmpty()) {
      throw Problem.badField(
          "type", "must be one of behavioral, technical, system_design, case, mixed");
    }
    String role = param.apply("role");
    if (role != null && (role.isBlank() || role.length() > 100)) {
      throw Problem.badField("role", "must be 1 to 100 characters");
    }
    String cohort = param.apply("cohortId");
    if (cohort != null) {
      try {
        cohort = java.util.UUID.fromString(cohort).toString();
      } catch (IllegalArgumentException e) {
        throw Problem.badField("cohortId", "must be a cohort id (a UUID)");
      }
    }
    String metricName = Optional.ofNullable(param.apply("metric")).orElse("provisionalScore");
    Metric metric =
        Metric.named(metricName)
            .orElseThrow(
                () ->
                    Problem.badField(
                        "metric", "must be one of " + String.join(", ", Metric.names())));
    Optional<LocalDate> from = Requests.day("from", param.apply("from"));
    Optional<LocalDate> to = Requests.day("to", param.apply("to"));
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw Problem.badField("to", "must not be before from");
    }
    return new AnalyticsQuery(
        from,
        to,
        Optional.ofNullable(type),
        Optional.ofNullable(role),
        Optional.ofNullable(cohort),
        metric);
  }

  public static String group(String by) {
    if (by == null || !GROUPS.contains(by)) {
      throw Problem.badField("by", "must be one of " + String.join(", ", GROUPS));
    }
    return by;
  }

  public static String interval(String interval) {
    String value = interval == null ? "week" : interval;
    if (!INTERVALS.contains(value)) {
      throw Problem.badField("interval", "must be day, week or month");
    }
    return value;
  }

  /** The echo of the query in a reply. */
  public Map<String, Object> describe() {
    Map<String, Object> q = new java.util.LinkedHashMap<>();
    from.ifPresent(d -> q.put("from", d.toString()));
    to.ifPresent(d -> q.put("to", d.toString()));
    type.ifPresent(t -> q.put("type", t));
    role.ifPresent(r -> q.put("role", r));
    cohortId.ifPresent(c -> q.put("cohortId", c));
    q.put("metric", metric.field);
    return q;
  }
}
