package dev.rehearse.core.interview;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.InterviewType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rule-based follow-up questions: when an answer leaves out what the question needs, the
 * interviewer asks for it before moving on. Pure; never follows up a follow-up.
 *
 * <ul>
 *   <li>a behavioural story (situation or action told) without a result → ask for the outcome;
 *   <li>a system design answer that names no trade-off → ask for the trade-offs.
 * </ul>
 *
 * <p>The texts here are the interviewer's wording when no LLM is configured, and what stays when an
 * LLM asked to word the follow-up for the answer ({@link FollowUpDraft}) fails or writes something
 * invalid.
 */
public final class FollowUps {

  /** How a follow-up's id ends: the id of the question it follows, then this. */
  private static final String ID_SUFFIX = "/follow-up";

  /** The most follow-ups one session gets. */
  public static final int MAX_PER_SESSION = 3;

  public static final String OUTCOME =
      "What was the outcome? What changed as a result of what you did, and how did you know?";

  public static final String TRADE_OFFS =
      "What trade-offs does your design make? What would you give up, and which alternative did"
          + " you reject?";

  private static final List<String> TRADE_OFF_CUES =
      List.of(
          "trade-off",
          "tradeoff",
          "trade off",
          "downside",
          "drawback",
          "at the cost of",
          "instead of",
          "rather than",
          "versus",
          " vs",
          "on the other hand",
          "the cost is",
          "in exchange",
          "sacrifice",
          "alternative",
          "con is",
          "cons ");

  /** Why an answer is followed up: what it left out. */
  public enum Reason {
    NO_OUTCOME(
        "tells the situation or what the candidate did, but not the outcome: what changed as a"
            + " result, and how they knew"),
    NO_TRADE_OFFS(
        "describes a design but names no trade-off: what the design gives up, and which"
            + " alternative was rejected");

    private final String missing;

    Reason(String missing) {
      this.missing = missing;
    }

    /** What the answer left out, in words an interviewer (or an LLM) is told. */
    public String missing() {
      return missing;
    }
  }

  /** A follow-up question and why the rules ask it. */
  public record FollowUp(PlannedQuestion question, Reason reason) {}

  private FollowUps() {}

  /** Whether {@code questionId} names a follow-up. */
  public static boolean isFollowUp(String questionId) {
    return questionId.endsWith(ID_SUFFIX);
  }

  /** The follow-up to {@code asked}, given the answer, if one is called for. */
  public static Optional<PlannedQuestion> after(
      PlannedQuestion asked, String answer, AnswerMetrics metrics) {
    return decide(asked, answer, metrics).map(FollowUp::question);
  }

  /** The follow-up to {@code asked} and its reason, if one is called for. */
  public static Optional<FollowUp> decide(
      PlannedQuestion asked, String answer, AnswerMetrics metrics) {
    if (asked.followUp()) {
      return Optional.empty();
    }
    String id = asked.questionId() + ID_SUFFIX;
    if (asked.type() == InterviewType.BEHAVIORAL
        && (metrics.star().situation() || metrics.star().action())
        && !metrics.star().result()) {
      return Optional.of(
          new FollowUp(new PlannedQuestion(id, asked.type(), OUTCOME, true), Reason.NO_OUTCOME));
    }
    if (asked.type() == InterviewType.SYSTEM_DESIGN) {
      String text = " " + answer.toLowerCase(Locale.ROOT) + " ";
      if (TRADE_OFF_CUES.stream().noneMatch(text::contains)) {
        return Optional.of(
            new FollowUp(
                new PlannedQuestion(id, asked.type(), TRADE_OFFS, true), Reason.NO_TRADE_OFFS));
      }
    }
    return Optional.empty();
  }
}
