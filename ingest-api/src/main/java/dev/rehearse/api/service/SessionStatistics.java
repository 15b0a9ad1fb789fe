package dev.rehearse.api.service;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aggregates over completed sessions for analysts: counts, statistics, histograms and percentiles
 * of one numeric session field. Values come raw (unrounded, unsuppressed); {@link AnalyticsService}
 * decides what may be shown.
 */
public interface SessionStatistics {

  /** Count, candidates, statistics and percentiles of {@code field}. */
  Stats stats(Filter filter, String field) throws IOException;

  /** Candidates and a histogram of {@code field} in buckets of {@code step}. */
  Histogram histogram(Filter filter, String field, double step) throws IOException;

  /** Per calendar {@code interval} (day, week or month) of completion: counts and average. */
  List<Period> overTime(Filter filter, String field, String interval) throws IOException;

  /** Per value of the session field {@code by}: counts, average and percentiles. */
  List<GroupStats> byField(Filter filter, String field, String by) throws IOException;

  /** Per named group of users (a cohort's members): counts, average and percentiles. */
  List<GroupStats> byUsers(Filter filter, String field, Map<String, List<String>> groups)
      throws IOException;

  /** Which completed sessions: completed from/to (days, inclusive), type, role and whose. */
  record Filter(
      Optional<LocalDate> from,
      Optional<LocalDate> to,
      Optional<String> type,
      Optional<String> role,
      Optional<List<String>> userIds) {}

  /** Sessions and candidates that match, and the statistics of the field (absent when none). */
  record Stats(
      long sessions,
      long candidates,
      long count,
      Optional<Double> min,
      Optional<Double> max,
      Optional<Double> average,
      Map<String, Double> percentiles) {}

  /** Candidates that match and the non-empty histogram buckets, lowest first. */
  record Histogram(long candidates, List<Bucket> buckets) {}

  /** One histogram bucket: its lower bound and how many sessions fall in it. */
  record Bucket(double from, long count) {}

  /** One calendar period: its start, sessions and candidates, and the field's average. */
  record Period(String start, long sessions, long candidates, Optional<Double> average) {}

  /** One group: sessions and candidates, the field's average and percentiles ({@code p50}…). */
  record GroupStats(
      String key,
      long sessions,
      long candidates,
      Optional<Double> average,
      Map<String, Double> percentiles) {}
}
