package dev.rehearse.api.service;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.SessionDocumentFields;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The query of the analytics endpoints, validated: which completed sessions (days, type, role,
 * cohort) and which metric. Replies echo it as it is here; its components are named as the query
 * parameters.
 */
@FieldNames
public record AnalyticsQuery(
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    Optional<String> type,
    Optional<String> role,
    Optional<String> cohortId,
    Metric metric) {

  /** A session-level metric analysts can aggregate, with the histogram step that suits it. */
  public enum Metric {
    SCORE(SessionDocumentFields.PROVISIONAL_SCORE, 10),
    PACE(SessionDocumentFields.AVERAGE_WORDS_PER_MINUTE, 20),
    WORDS(SessionDocumentFields.TOTAL_WORDS, 100),
    ANSWERS(SessionDocumentFields.ANSWERS, 1);

    final String field;
    final double step;

    Metric(String field, double step) {
      this.field = field;
      this.step = step;
    }

    /** The session document's field, which is also the metric's name in queries and replies. */
    @JsonValue
    public String field() {
      return field;
    }

    public static Optional<Metric> named(String name) {
      return java.util.Arrays.stream(values()).filter(m -> m.field.equals(name)).findFirst();
    }

    public static List<String> names() {
      return java.util.Arrays.stream(values()).map(m -> m.field).toList();
    }
  }

  /** Groupings of {@code breakdown}: a field of the session, or the cohort. */
  public static final List<String> GROUPS =
      List.of(
          SessionDocumentFields.TYPE,
          SessionDocumentFields.ROLE,
          SessionDocumentFields.SENIORITY,
          SessionDocumentFields.LANGUAGE,
          "cohort");

  public static final List<String> INTERVALS = List.of("day", "week", "month");
}
