package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The batch jobs a request can name. */
public enum BatchJob {
  /**
   * Per-session aggregates of the answers in the lake, written to the lake and to {@code sessions}.
   */
  SESSION_AGGREGATES,
  /**
   * The full assessment: the aggregates, then every dimension, group and overall score with
   * evidence and feedback, to {@code gold/assessments} and the {@code assessments} index.
   */
  ASSESSMENT,
  /**
   * A cohort's report: its members' sessions in a date window, assessed and benchmarked in the
   * cohort, and written as CSV, Parquet, HTML and PDF under {@code reports/<cohort>/<batch>/}.
   */
  COHORT_REPORT,
  /** Erasure of users' data: their sessions and turns in every index and their rows in the lake. */
  ERASURE,
  /**
   * The peer benchmarks again from {@code gold/assessments} and the lake's answers, without
   * assessing again.
   */
  BENCHMARK,
  /**
   * The RAG reindex: {@code profiles} and {@code profile-chunks} rebuilt from the profiles topic
   * into new index versions, then each alias swapped to its new version.
   */
  REINDEX,
  /**
   * The pseudonymised analytics indices analysts' Kibana reads, rebuilt from {@code
   * gold/assessments} and the lake's answers into new index versions (also done after every
   * assessment when an analytics salt is set).
   */
  ANALYTICS;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<BatchJob> fromWireName(String name) {
    return Arrays.stream(values()).filter(j -> j.wireName().equals(name)).findFirst();
  }

  @JsonCreator
  static BatchJob fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown batch job: " + name));
  }
}
