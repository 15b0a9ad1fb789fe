package dev.rehearse.api.service;

import dev.rehearse.api.service.AnalyticsReplies.AnalyticsBreakdown;
import dev.rehearse.api.service.AnalyticsReplies.AnalyticsDistribution;
import dev.rehearse.api.service.AnalyticsReplies.AnalyticsSummary;
import dev.rehearse.api.service.AnalyticsReplies.AnalyticsTrends;
import dev.rehearse.api.service.AnalyticsReplies.BreakdownGroup;
import dev.rehearse.api.service.AnalyticsReplies.CohortDimensions;
import dev.rehearse.api.service.AnalyticsReplies.DimensionAverage;
import dev.rehearse.api.service.AnalyticsReplies.HistogramBucket;
import dev.rehearse.api.service.AnalyticsReplies.TrendPoint;
import dev.rehearse.api.service.SessionStatistics.GroupStats;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.cohort.CohortRecord.Cohort;
import dev.rehearse.core.cohort.CohortRecord.Member;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aggregates for analysts over completed sessions: summaries, distributions, trends and breakdowns
 * of a session metric. Only aggregates leave: no candidate text, no ids, and a group with fewer
 * than {@code minGroup} candidates shows its size but none of its values.
 */
public final class AnalyticsService {

  private static final int MAX_GROUPS = 50;

  private final SessionStatistics statistics;
  private final DimensionStatistics dimensions;
  private final CohortView cohorts;
  private final int minGroup;

  public AnalyticsService(
      SessionStatistics statistics,
      DimensionStatistics dimensions,
      CohortView cohorts,
      int minGroup) {
    this.statistics = statistics;
    this.dimensions = dimensions;
    this.cohorts = cohorts;
    this.minGroup = minGroup;
  }

  public Reply<AnalyticsSummary> summary(AnalyticsQuery query) throws IOException {
    SessionStatistics.Stats s = statistics.stats(filter(query), query.metric().field);
    boolean published = s.candidates() >= minGroup;
    boolean any = published && s.count() > 0;
    return new Reply<>(
        200,
        new AnalyticsSummary(
            query,
            minGroup,
            s.sessions(),
            s.candidates(),
            suppressed(published),
            withheld(published),
            published ? Optional.of(s.count()) : Optional.empty(),
            any ? s.min() : Optional.empty(),
            any ? s.max() : Optional.empty(),
            any ? s.average().map(AnalyticsService::round) : Optional.empty(),
            published ? Optional.of(rounded(s.percentiles())) : Optional.empty()));
  }

  public Reply<AnalyticsDistribution> distribution(AnalyticsQuery query) throws IOException {
    SessionStatistics.Histogram h =
        statistics.histogram(filter(query), query.metric().field, query.metric().step);
    boolean published = h.candidates() >= minGroup;
    return new Reply<>(
        200,
        new AnalyticsDistribution(
            query,
            minGroup,
            h.candidates(),
            suppressed(published),
            withheld(published),
            published ? Optional.of(query.metric().step) : Optional.empty(),
            published
                ? Optional.of(
                    h.buckets().stream()
                        .map(b -> new HistogramBucket(b.from(), b.count()))
                        .toList())
                : Optional.empty()));
  }

  public Reply<AnalyticsTrends> trends(AnalyticsQuery query, String interval) throws IOException {
    List<TrendPoint> points =
        statistics.overTime(filter(query), query.metric().field, interval).stream()
            .map(
                p -> {
                  boolean published = p.candidates() >= minGroup;
                  return new TrendPoint(
                      p.start(),
                      p.sessions(),
                      p.candidates(),
                      published ? p.average().map(AnalyticsService::round) : Optional.empty(),
                      suppressed(published));
                })
            .toList();
    return new Reply<>(200, new AnalyticsTrends(query, minGroup, interval, points));
  }

  public Reply<AnalyticsBreakdown> breakdown(AnalyticsQuery query, String by) throws IOException {
    List<GroupStats> groups;
    Map<String, String> cohortNames = new LinkedHashMap<>();
    if (by.equals("cohort")) {
      Map<String, List<String>> members = new LinkedHashMap<>();
      for (Cohort c : cohorts.cohorts(Optional.empty())) {
        List<String> users = cohorts.members(c.cohortId()).stream().map(Member::userId).toList();
        if (!users.isEmpty() && members.size() < MAX_GROUPS) {
          members.put(c.cohortId(), users);
          cohortNames.put(c.cohortId(), c.name());
        }
      }
      if (members.isEmpty()) {
        return new Reply<>(
            200, new AnalyticsBreakdown(query, minGroup, by, List.of(), Optional.empty()));
      }
      groups = statistics.byUsers(filter(query), query.metric().field, members);
    } else {
      groups = statistics.byField(filter(query), query.metric().field, by);
    }
    List<BreakdownGroup> shown =
        groups.stream()
            .filter(g -> g.candidates() >= minGroup)
            .map(
                g ->
                    new BreakdownGroup(
                        g.key(),
                        Optional.ofNullable(cohortNames.get(g.key())),
                        g.sessions(),
                        g.candidates(),
                        g.average().map(AnalyticsService::round),
                        rounded(g.percentiles())))
            .toList();
    return new Reply<>(
        200,
        new AnalyticsBreakdown(
            query, minGroup, by, shown, Optional.of(groups.size() - shown.size())));
  }

  /**
   * For the cohort's owner (or an admin): the cohort's average per assessment dimension beside
   * everyone's. A side with fewer than {@code minGroup} assessed candidates shows no values;
   * another owner's cohort is 404.
   */
  public Reply<CohortDimensions> cohortDimensions(Caller caller, String cohortId)
      throws IOException {
    cohorts
        .cohort(cohortId)
        .filter(c -> caller.isAdmin() || c.ownerId().equals(caller.userId()))
        .orElseThrow(() -> Problem.notFound("cohort " + cohortId));
    List<String> members = cohorts.members(cohortId).stream().map(Member::userId).toList();
    DimensionStatistics.Averages cohort = dimensions.averages(Optional.of(members));
    DimensionStatistics.Averages everyone = dimensions.averages(Optional.empty());
    boolean cohortShown = cohort.candidates() >= minGroup;
    boolean everyoneShown = everyone.candidates() >= minGroup;
    List<DimensionAverage> shown = new ArrayList<>();
    for (String dimension : Dimension.wireNames()) {
      Optional<Double> mine =
          cohortShown
              ? Optional.ofNullable(cohort.averages().get(dimension)).map(AnalyticsService::round)
              : Optional.empty();
      Optional<Double> all =
          everyoneShown
              ? Optional.ofNullable(everyone.averages().get(dimension)).map(AnalyticsService::round)
              : Optional.empty();
      if (mine.isPresent() || all.isPresent()) {
        shown.add(new DimensionAverage(dimension, mine, all));
      }
    }
    return new Reply<>(
        200,
        new CohortDimensions(
            cohortId,
            minGroup,
            cohort.candidates(),
            everyone.candidates(),
            suppressed(cohortShown),
            cohortShown
                ? Optional.empty()
                : Optional.of(
                    "fewer than "
                        + minGroup
                        + " members have an assessed session: the cohort's values are not"
                        + " published"),
            shown));
  }

  /** The sessions a query selects; an unknown cohort is 404. */
  private SessionStatistics.Filter filter(AnalyticsQuery query) {
    Optional<List<String>> users =
        query
            .cohortId()
            .map(
                id -> {
                  cohorts.cohort(id).orElseThrow(() -> Problem.notFound("cohort " + id));
                  return cohorts.members(id).stream().map(Member::userId).toList();
                });
    return new SessionStatistics.Filter(
        query.from(), query.to(), query.type(), query.role(), users);
  }

  private static Optional<Boolean> suppressed(boolean published) {
    return published ? Optional.empty() : Optional.of(true);
  }

  private Optional<String> withheld(boolean published) {
    return published
        ? Optional.empty()
        : Optional.of("fewer than " + minGroup + " candidates match: values are not published");
  }

  private static Map<String, Double> rounded(Map<String, Double> values) {
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, round(v)));
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
