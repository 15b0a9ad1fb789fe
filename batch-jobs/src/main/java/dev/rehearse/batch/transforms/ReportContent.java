package dev.rehearse.batch.transforms;

import dev.rehearse.core.lake.CohortMemberFields;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a cohort report shows, collected from the datasets once and rendered as HTML and PDF.
 *
 * @param title the report's heading
 * @param window the sessions' date window, in words
 * @param members one row per member, with the columns of {@link ReportFiles#COLUMNS}
 * @param scoreAverages the cohort's mean of each score (absent when no session has it)
 * @param distribution sessions per tenth of the overall score, ten counts from [0, 10) up
 * @param trend per day, the sessions answered and their mean overall score
 */
public record ReportContent(
    String title,
    String window,
    List<Map<String, Object>> members,
    Map<String, Double> scoreAverages,
    List<Long> distribution,
    List<Day> trend) {

  /** One day of the trend; {@code averageOverall} is null when no session that day has one. */
  public record Day(LocalDate day, long sessions, Double averageOverall) {}

  public ReportContent {
    members = List.copyOf(members);
    distribution = List.copyOf(distribution);
    trend = List.copyOf(trend);
    if (distribution.size() != 10) {
      throw new IllegalArgumentException("the distribution has ten buckets");
    }
  }

  /** The members with at least one session. */
  public long active() {
    return members.stream().filter(r -> number(r.get(CohortMemberFields.SESSIONS)) > 0).count();
  }

  /** The members needing attention, first, then the others; each group in its given order. */
  public List<Map<String, Object>> attentionFirst() {
    return members.stream()
        .sorted(
            (a, b) ->
                Boolean.compare(
                    Boolean.TRUE.equals(b.get(CohortMemberFields.NEEDS_ATTENTION)),
                    Boolean.TRUE.equals(a.get(CohortMemberFields.NEEDS_ATTENTION))))
        .toList();
  }

  /** How many members need attention. */
  public long needingAttention() {
    return members.stream()
        .filter(r -> Boolean.TRUE.equals(r.get(CohortMemberFields.NEEDS_ATTENTION)))
        .count();
  }

  static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }
}
