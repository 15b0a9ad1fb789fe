package dev.rehearse.api;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.WordTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HTTP request bodies and their validation. Bodies are separate from the wire events and mapped
 * explicitly once valid; every rule names the field it guards.
 */
final class Requests {

  private Requests() {}

  static final int MAX_QUESTIONS = 20;
  static final int MAX_ANSWER_CHARS = 20_000;
  static final int MAX_WORD_TIMINGS = 10_000;
  static final long MAX_DURATION_MS = 3_600_000;

  /** {@code POST /ai-interview/sessions}. */
  record StartSession(
      String type,
      String role,
      String seniority,
      String company,
      String language,
      Integer questionCount,
      String title) {

    InterviewSpec toSpec() {
      InterviewType interviewType =
          InterviewType.fromWireName(required("type", type))
              .orElseThrow(
                  () ->
                      Problem.badField(
                          "type",
                          "must be one of behavioral, technical, system_design, case, mixed"));
      String lang = language == null ? "en" : language;
      if (!AnswerAnalyzer.languages().contains(lang)) {
        throw Problem.badField(
            "language", "must be one of " + String.join(", ", AnswerAnalyzer.languages()));
      }
      int count = questionCount == null ? 5 : questionCount;
      if (count < 1 || count > MAX_QUESTIONS) {
        throw Problem.badField("questionCount", "must be between 1 and " + MAX_QUESTIONS);
      }
      return new InterviewSpec(
          interviewType,
          checkedText("role", required("role", role), 100),
          seniority == null ? "mid" : checkedText("seniority", seniority, 40),
          optional("company", company, 100),
          lang,
          count,
          optional("title", title, 200));
    }
  }

  /** {@code POST /ai-interview/livekit/token}: the session whose room to join. */
  record LiveKitToken(String sessionId) {
    String validSessionId() {
      String id = required("sessionId", sessionId);
      try {
        return java.util.UUID.fromString(id).toString();
      } catch (IllegalArgumentException e) {
        throw Problem.badField("sessionId", "must be a session id (a UUID)");
      }
    }
  }

  /** The query of {@code GET /ai-interview/sessions}. */
  record SessionQuery(Optional<String> status, Optional<String> type, int offset, int limit) {

    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 10_000;

    static SessionQuery of(String status, String type, String offset, String limit) {
      if (status != null && !List.of("active", "completed").contains(status)) {
        throw Problem.badField("status", "must be active or completed");
      }
      if (type != null && InterviewType.fromWireName(type).isEmpty()) {
        throw Problem.badField(
            "type", "must be one of behavioral, technical, system_design, case, mixed");
      }
      return new SessionQuery(
          Optional.ofNullable(status),
          Optional.ofNullable(type),
          integer("offset", offset, 0, 0, MAX_OFFSET),
          integer("limit", limit, 20, 1, MAX_LIMIT));
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
  }

  /** {@code POST /ai-interview/sessions/{id}/message}: the same shape {@code analyze} reads. */
  record AnswerBody(
      String text,
      Long durationMs,
      List<Word> words,
      String audioRef,
      Long questionAskedAtMs,
      Long answerStartedAtMs) {

    Answer toAnswer() {
      String answer = checkedText("text", required("text", text), MAX_ANSWER_CHARS);
      if (answer.codePoints().noneMatch(Character::isLetterOrDigit)) {
        throw Problem.badField("text", "must contain at least one word");
      }
      range("durationMs", durationMs, MAX_DURATION_MS);
      range("questionAskedAtMs", questionAskedAtMs, Long.MAX_VALUE);
      range("answerStartedAtMs", answerStartedAtMs, Long.MAX_VALUE);
      List<WordTiming> timings = new ArrayList<>();
      if (words != null) {
        if (words.size() > MAX_WORD_TIMINGS) {
          throw Problem.badField("words", "at most " + MAX_WORD_TIMINGS + " entries");
        }
        for (int i = 0; i < words.size(); i++) {
          Word word = words.get(i);
          if (word == null) {
            throw Problem.badField("words[" + i + "]", "must be an object {word, startMs, endMs}");
          }
          timings.add(word.validated("words[" + i + "]"));
        }
      }
      return new Answer(
          answer,
          Optional.ofNullable(durationMs),
          timings,
          optional("audioRef", audioRef, 500),
          Optional.ofNullable(questionAskedAtMs),
          Optional.ofNullable(answerStartedAtMs));
    }
  }

  /** One word timing. */
  record Word(String word, Long startMs, Long endMs) {
    WordTiming validated(String field) {
      String w = checkedText(field + ".word", required(field + ".word", word), 100);
      long start = required(field + ".startMs", startMs);
      long end = required(field + ".endMs", endMs);
      if (start < 0) {
        throw Problem.badField(field + ".startMs", "must not be negative");
      }
      if (end < start) {
        throw Problem.badField(field + ".endMs", "must not be before startMs");
      }
      return new WordTiming(w, start, end);
    }
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
