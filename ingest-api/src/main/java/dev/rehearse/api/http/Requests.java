package dev.rehearse.api.http;

import dev.rehearse.api.service.AnalyticsBreakdownFields;
import dev.rehearse.api.service.AnalyticsQuery;
import dev.rehearse.api.service.AnalyticsQueryFields;
import dev.rehearse.api.service.AnalyticsTrendsFields;
import dev.rehearse.api.service.Problem;
import dev.rehearse.api.service.SessionQuery;
import dev.rehearse.api.service.SessionQueryFields;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.WordTiming;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.fieldnames.FieldNames;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP request bodies and their validation. Bodies are separate from the wire events and mapped
 * explicitly once valid; every rule names the field it guards.
 */
public final class Requests {

  private Requests() {}

  static final int MAX_QUESTIONS = 20;
  static final int MAX_ANSWER_CHARS = 20_000;
  static final int MAX_WORD_TIMINGS = 10_000;
  static final long MAX_DURATION_MS = 3_600_000;

  /** {@code POST /ai-interview/sessions}. */
  @FieldNames
  public record StartSession(
      String type,
      String role,
      String seniority,
      String company,
      String language,
      Integer questionCount,
      String title) {

    InterviewSpec toSpec() {
      InterviewType interviewType =
          InterviewType.fromWireName(required(StartSessionFields.TYPE, type))
              .orElseThrow(
                  () ->
                      Problem.badField(
                          StartSessionFields.TYPE,
                          "must be one of behavioral, technical, system_design, case, mixed"));
      String lang = language == null ? "en" : language;
      if (!AnswerAnalyzer.languages().contains(lang)) {
        throw Problem.badField(
            StartSessionFields.LANGUAGE,
            "must be one of " + String.join(", ", AnswerAnalyzer.languages()));
      }
      int count = questionCount == null ? 5 : questionCount;
      if (count < 1 || count > MAX_QUESTIONS) {
        throw Problem.badField(
            StartSessionFields.QUESTION_COUNT, "must be between 1 and " + MAX_QUESTIONS);
      }
      return new InterviewSpec(
          interviewType,
          checkedText(StartSessionFields.ROLE, required(StartSessionFields.ROLE, role), 100),
          seniority == null ? "mid" : checkedText(StartSessionFields.SENIORITY, seniority, 40),
          optional(StartSessionFields.COMPANY, company, 100),
          lang,
          count,
          optional(StartSessionFields.TITLE, title, 200));
    }
  }

  /** {@code POST /ai-interview/livekit/token}: the session whose room to join. */
  @FieldNames
  public record LiveKitToken(String sessionId) {
    String validSessionId() {
      String id = required(LiveKitTokenFields.SESSION_ID, sessionId);
      try {
        return java.util.UUID.fromString(id).toString();
      } catch (IllegalArgumentException e) {
        throw Problem.badField(LiveKitTokenFields.SESSION_ID, "must be a session id (a UUID)");
      }
    }
  }

  /** The query of {@code GET /ai-interview/sessions}. */
  static SessionQuery sessionQuery(String status, String type, String offset, String limit) {
    if (status != null && !List.of("active", "completed").contains(status)) {
      throw Problem.badField(SessionQueryFields.STATUS, "must be active or completed");
    }
    if (type != null && InterviewType.fromWireName(type).isEmpty()) {
      throw Problem.badField(
          SessionQueryFields.TYPE,
          "must be one of behavioral, technical, system_design, case, mixed");
    }
    return new SessionQuery(
        Optional.ofNullable(status),
        Optional.ofNullable(type),
        integer(SessionQueryFields.OFFSET, offset, 0, 0, SessionQuery.MAX_OFFSET),
        integer(SessionQueryFields.LIMIT, limit, 20, 1, SessionQuery.MAX_LIMIT));
  }

  private static int integer(String field, String value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.badField(field, "must be a whole number from " + min + " to " + max);
  }

  /** The query of the analytics endpoints, from the request's query parameters. */
  static AnalyticsQuery analyticsQuery(Function<String, String> param) {
    String type = param.apply(AnalyticsQueryFields.TYPE);
    if (type != null && InterviewType.fromWireName(type).isEmpty()) {
      throw Problem.badField(
          AnalyticsQueryFields.TYPE,
          "must be one of behavioral, technical, system_design, case, mixed");
    }
    String role = param.apply(AnalyticsQueryFields.ROLE);
    if (role != null && (role.isBlank() || role.length() > 100)) {
      throw Problem.badField(AnalyticsQueryFields.ROLE, "must be 1 to 100 characters");
    }
    String cohort = param.apply(AnalyticsQueryFields.COHORT_ID);
    if (cohort != null) {
      try {
        cohort = java.util.UUID.fromString(cohort).toString();
      } catch (IllegalArgumentException e) {
        throw Problem.badField(AnalyticsQueryFields.COHORT_ID, "must be a cohort id (a UUID)");
      }
    }
    String metricName =
        Optional.ofNullable(param.apply(AnalyticsQueryFields.METRIC))
            .orElse(AnalyticsQuery.Metric.SCORE.field());
    AnalyticsQuery.Metric metric =
        AnalyticsQuery.Metric.named(metricName)
            .orElseThrow(
                () ->
                    Problem.badField(
                        AnalyticsQueryFields.METRIC,
                        "must be one of " + String.join(", ", AnalyticsQuery.Metric.names())));
    Optional<LocalDate> from =
        day(AnalyticsQueryFields.FROM, param.apply(AnalyticsQueryFields.FROM));
    Optional<LocalDate> to = day(AnalyticsQueryFields.TO, param.apply(AnalyticsQueryFields.TO));
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw Problem.badField(
          AnalyticsQueryFields.TO, "must not be before " + AnalyticsQueryFields.FROM);
    }
    return new AnalyticsQuery(
        from,
        to,
        Optional.ofNullable(type),
        Optional.ofNullable(role),
        Optional.ofNullable(cohort),
        metric);
  }

  /** The grouping of {@code GET /ai-interview/analytics/breakdown}. */
  static String analyticsGroup(String by) {
    if (by == null || !AnalyticsQuery.GROUPS.contains(by)) {
      throw Problem.badField(
          AnalyticsBreakdownFields.BY,
          "must be one of " + String.join(", ", AnalyticsQuery.GROUPS));
    }
    return by;
  }

  /** The period of {@code GET /ai-interview/analytics/trends}; a week by default. */
  static String analyticsInterval(String interval) {
    String value = interval == null ? "week" : interval;
    if (!AnalyticsQuery.INTERVALS.contains(value)) {
      throw Problem.badField(AnalyticsTrendsFields.INTERVAL, "must be day, week or month");
    }
    return value;
  }

  /** {@code POST /ai-interview/sessions/{id}/message}: the same shape {@code analyze} reads. */
  @FieldNames
  public record AnswerBody(
      String text,
      Long durationMs,
      List<Word> words,
      String audioRef,
      Long questionAskedAtMs,
      Long answerStartedAtMs) {

    Answer toAnswer() {
      String answer =
          checkedText(
              AnswerBodyFields.TEXT, required(AnswerBodyFields.TEXT, text), MAX_ANSWER_CHARS);
      if (answer.codePoints().noneMatch(Character::isLetterOrDigit)) {
        throw Problem.badField(AnswerBodyFields.TEXT, "must contain at least one word");
      }
      range(AnswerBodyFields.DURATION_MS, durationMs, MAX_DURATION_MS);
      range(AnswerBodyFields.QUESTION_ASKED_AT_MS, questionAskedAtMs, Long.MAX_VALUE);
      range(AnswerBodyFields.ANSWER_STARTED_AT_MS, answerStartedAtMs, Long.MAX_VALUE);
      List<WordTiming> timings = new ArrayList<>();
      if (words != null) {
        if (words.size() > MAX_WORD_TIMINGS) {
          throw Problem.badField(
              AnswerBodyFields.WORDS, "at most " + MAX_WORD_TIMINGS + " entries");
        }
        for (int i = 0; i < words.size(); i++) {
          Word word = words.get(i);
          String at = AnswerBodyFields.WORDS + "[" + i + "]";
          if (word == null) {
            throw Problem.badField(
                at,
                "must be an object {"
                    + String.join(", ", WordFields.WORD, WordFields.START_MS, WordFields.END_MS)
                    + "}");
          }
          timings.add(word.validated(at));
        }
      }
      Answer checked =
          new Answer(
              answer,
              Optional.ofNullable(durationMs),
              timings,
              optional(AnswerBodyFields.AUDIO_REF, audioRef, 500),
              Optional.ofNullable(questionAskedAtMs),
              Optional.ofNullable(answerStartedAtMs));
      try {
        // ordered, non-overlapping timings inside the duration, at a pace a person can speak
        AnswerAnalyzer.checkPlausible(checked);
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        throw colon > 0
            ? Problem.badField(message.substring(0, colon), message.substring(colon + 2))
            : Problem.badField(AnswerBodyFields.TEXT, message);
      }
      return checked;
    }
  }

  /** One word timing. */
  @FieldNames
  public record Word(String word, Long startMs, Long endMs) {
    WordTiming validated(String field) {
      String wordField = field + "." + WordFields.WORD;
      String startField = field + "." + WordFields.START_MS;
      String endField = field + "." + WordFields.END_MS;
      String w = checkedText(wordField, required(wordField, word), 100);
      long start = required(startField, startMs);
      long end = required(endField, endMs);
      if (start < 0) {
        throw Problem.badField(startField, "must not be negative");
      }
      if (end < start) {
        throw Problem.badField(endField, "must not be before " + WordFields.START_MS);
      }
      return new WordTiming(w, start, end);
    }
  }

  static final int MAX_RESUME_CHARS = 100_000;
  static final int MAX_BIO_CHARS = 5_000;
  static final int MAX_LIST_ITEMS = 100;
  private static final java.util.regex.Pattern USER_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._@:|+-]{1,128}");

  /** {@code POST} and {@code PUT /ai-interview/profile}. */
  @FieldNames
  public record ProfileBody(
      String targetRole,
      String currentRole,
      String company,
      Integer yearsOfExperience,
      String seniority,
      List<String> technicalSkills,
      List<String> softSkills,
      List<EducationBody> education,
      List<String> certifications,
      PreferencesBody preferences,
      String bio,
      String resumeText) {

    Profile toProfile() {
      if (yearsOfExperience != null && (yearsOfExperience < 0 || yearsOfExperience > 60)) {
        throw Problem.badField(ProfileBodyFields.YEARS_OF_EXPERIENCE, "must be between 0 and 60");
      }
      List<Profile.Education> schools = new ArrayList<>();
      if (education != null) {
        if (education.size() > 20) {
          throw Problem.badField(ProfileBodyFields.EDUCATION, "at most 20 entries");
        }
        for (int i = 0; i < education.size(); i++) {
          EducationBody e = education.get(i);
          String at = ProfileBodyFields.EDUCATION + "[" + i + "]";
          if (e == null) {
            throw Problem.badField(at, "must be an object");
          }
          schools.add(e.validated(at));
        }
      }
      return new Profile(
          checkedText(
              ProfileBodyFields.TARGET_ROLE,
              required(ProfileBodyFields.TARGET_ROLE, targetRole),
              100),
          optional(ProfileBodyFields.CURRENT_ROLE, currentRole, 100),
          optional(ProfileBodyFields.COMPANY, company, 100),
          Optional.ofNullable(yearsOfExperience),
          optional(ProfileBodyFields.SENIORITY, seniority, 40),
          texts(ProfileBodyFields.TECHNICAL_SKILLS, technicalSkills, MAX_LIST_ITEMS, 60),
          texts(ProfileBodyFields.SOFT_SKILLS, softSkills, MAX_LIST_ITEMS, 60),
          schools,
          texts(ProfileBodyFields.CERTIFICATIONS, certifications, 50, 200),
          preferences == null ? Profile.Preferences.NONE : preferences.validated(),
          optional(ProfileBodyFields.BIO, bio, MAX_BIO_CHARS),
          optional(ProfileBodyFields.RESUME_TEXT, resumeText, MAX_RESUME_CHARS));
    }
  }

  /** One entry of a profile's {@code education}. */
  @FieldNames
  public record EducationBody(String institution, String degree, String field, Integer year) {
    Profile.Education validated(String at) {
      if (year != null && (year < 1950 || year > 2100)) {
        throw Problem.badField(
            at + "." + EducationBodyFields.YEAR, "must be between 1950 and 2100");
      }
      String institutionField = at + "." + EducationBodyFields.INSTITUTION;
      return new Profile.Education(
          checkedText(institutionField, required(institutionField, institution), 200),
          optional(at + "." + EducationBodyFields.DEGREE, degree, 100),
          optional(at + "." + EducationBodyFields.FIELD, field, 100),
          Optional.ofNullable(year));
    }
  }

  /** A profile's {@code preferences}. */
  @FieldNames
  public record PreferencesBody(List<String> interviewTypes, String difficulty, String language) {
    private static final String FIELD_PREFIX = ProfileBodyFields.PREFERENCES + ".";

    Profile.Preferences validated() {
      List<InterviewType> types = new ArrayList<>();
      if (interviewTypes != null) {
        if (interviewTypes.size() > InterviewType.values().length) {
          throw Problem.badField(
              FIELD_PREFIX + PreferencesBodyFields.INTERVIEW_TYPES, "too many entries");
        }
        for (int i = 0; i < interviewTypes.size(); i++) {
          String t = interviewTypes.get(i);
          String at = FIELD_PREFIX + PreferencesBodyFields.INTERVIEW_TYPES + "[" + i + "]";
          types.add(
              InterviewType.fromWireName(required(at, t))
                  .orElseThrow(
                      () ->
                          Problem.badField(
                              at,
                              "must be one of behavioral, technical, system_design, case, mixed")));
        }
      }
      if (difficulty != null && !List.of("easy", "medium", "hard").contains(difficulty)) {
        throw Problem.badField(
            FIELD_PREFIX + PreferencesBodyFields.DIFFICULTY, "must be easy, medium or hard");
      }
      if (language != null && !AnswerAnalyzer.languages().contains(language)) {
        throw Problem.badField(
            FIELD_PREFIX + PreferencesBodyFields.LANGUAGE,
            "must be one of " + String.join(", ", AnswerAnalyzer.languages()));
      }
      return new Profile.Preferences(
          types, Optional.ofNullable(difficulty), Optional.ofNullable(language));
    }
  }

  /** {@code POST /ai-interview/cohorts}: a name and, if the cohort brings its own, a rubric. */
  @FieldNames
  public record CohortBody(String name, Map<String, Double> rubric) {
    String validName() {
      return checkedText(CohortBodyFields.NAME, required(CohortBodyFields.NAME, name), 200);
    }

    Map<String, Double> validRubric() {
      return Requests.rubric(rubric);
    }
  }

  /** {@code PUT /ai-interview/cohorts/{id}/rubric}: the new rubric; empty for the built-in ones. */
  @FieldNames
  public record RubricBody(Map<String, Double> rubric) {
    Map<String, Double> validRubric() {
      return Requests.rubric(required(RubricBodyFields.RUBRIC, rubric));
    }
  }

  /** A cohort's rubric (group → relative weight), checked. */
  public static Map<String, Double> rubric(Map<String, Double> weights) {
    try {
      return dev.rehearse.core.cohort.Rubric.checked(weights);
    } catch (IllegalArgumentException e) {
      throw Problem.badField(RubricBodyFields.RUBRIC, e.getMessage());
    }
  }

  /** {@code POST /ai-interview/cohorts/{id}/members}. */
  @FieldNames
  public record MemberBody(String userId) {
    String validUserId() {
      return Requests.userId(MemberBodyFields.USER_ID, required(MemberBodyFields.USER_ID, userId));
    }
  }

  /** {@code POST /ai-interview/cohorts/{id}/invites}. */
  @FieldNames
  public record InviteBody(Integer expiresInDays) {
    int validDays() {
      int days = expiresInDays == null ? 14 : expiresInDays;
      if (days < 1 || days > 365) {
        throw Problem.badField(InviteBodyFields.EXPIRES_IN_DAYS, "must be between 1 and 365");
      }
      return days;
    }
  }

  /** {@code POST /ai-interview/cohorts/join}. */
  @FieldNames
  public record JoinBody(String code) {
    String validCode() {
      String c = required(JoinBodyFields.CODE, code).strip().toUpperCase(java.util.Locale.ROOT);
      if (!c.matches("[A-Z2-9]{10}")) {
        throw Problem.badField(JoinBodyFields.CODE, "must be a 10-character invite code");
      }
      return c;
    }
  }

  /** {@code POST /ai-interview/cohorts/{id}/batches}: the days of sessions to include. */
  @FieldNames
  public record CohortBatchBody(String from, String to) {
    Optional<java.time.LocalDate> validFrom() {
      return day(CohortBatchBodyFields.FROM, from);
    }

    Optional<java.time.LocalDate> validTo() {
      Optional<java.time.LocalDate> end = day(CohortBatchBodyFields.TO, to);
      if (end.isPresent() && validFrom().map(f -> f.isAfter(end.get())).orElse(false)) {
        throw Problem.badField(
            CohortBatchBodyFields.TO, "must not be before " + CohortBatchBodyFields.FROM);
      }
      return end;
    }
  }

  /** A user id from a path or body: the subject of a token. */
  public static String userId(String field, String value) {
    if (!USER_ID.matcher(value).matches()) {
      throw Problem.badField(field, "must be a user id (letters, digits and ._@:|+-, at most 128)");
    }
    return value;
  }

  public static Optional<java.time.LocalDate> day(String field, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      java.time.LocalDate d = java.time.LocalDate.parse(value);
      if (d.getYear() < 2000 || d.getYear() > 2100) {
        throw Problem.badField(field, "must be a date between 2000 and 2100");
      }
      return Optional.of(d);
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.badField(field, "must be a date (YYYY-MM-DD)");
    }
  }

  private static List<String> texts(String field, List<String> values, int maxItems, int maxChars) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > maxItems) {
      throw Problem.badField(field, "at most " + maxItems + " entries");
    }
    List<String> checked = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String at = field + "[" + i + "]";
      checked.add(checkedText(at, required(at, values.get(i)), maxChars));
    }
    return checked;
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw Problem.badField(field, "is required");
    }
    return value;
  }

  private static String checkedText(String field, String value, int maxChars) {
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw Problem.badField(field, "must not be blank");
    }
    if (trimmed.length() > maxChars) {
      throw Problem.badField(field, "must be at most " + maxChars + " characters");
    }
    if (trimmed
        .codePoints()
        .anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
      throw Problem.badField(field, "must not contain control characters");
    }
    return trimmed;
  }

  private static Optional<String> optional(String field, String value, int maxChars) {
    return value == null ? Optional.empty() : Optional.of(checkedText(field, value, maxChars));
  }

  private static void range(String field, Long value, long max) {
    if (value != null && (value < 0 || value > max)) {
      throw Problem.badField(field, "must be between 0 and " + max);
    }
  }
}
