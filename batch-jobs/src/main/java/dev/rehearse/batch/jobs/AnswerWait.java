package dev.rehearse.batch.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an assessment of named sessions can start, should wait for their answers, or cannot
 * succeed: decided from what the lake and the index hold of the sessions, the time the assessment
 * was requested and the time it started. Pure.
 *
 * <p>An answer's reply reaches the candidate before its lake row (committed at the next checkpoint)
 * and its index documents (written a moment later) exist. So a session missing from the lake is
 * waited for when the index shows an answer of it (the lake follows), or when the request is
 * younger than {@link #NOT_ANSWERED_GRACE} (an answer replied to just before the request may not be
 * indexed yet). Once the request is older than that, the index holds every answer replied to before
 * it: a session it shows no answer of, or does not know at all (its document, too, is written a
 * moment after the reply that started it), fails at once, however long the batch waited in the
 * queue. A session that completed without an answer can never get one and fails at once. No wait
 * goes past {@link #LAKE_WAIT} after the batch started.
 */
public final class AnswerWait {

  /** How long an assessment waits, at most, for its sessions' answers to reach the lake. */
  public static final Duration LAKE_WAIT = Duration.ofSeconds(45);

  /**
   * How long after the request a session without an indexed answer may still have one on its way to
   * the index: the index is written a moment after the answer's reply (within a second or two,
   * longer while Elasticsearch is slow to take writes). The API's and the runner's clocks are taken
   * to agree to well within this.
   */
  public static final Duration NOT_ANSWERED_GRACE = Duration.ofSeconds(20);

  /** Sessions named in a reason; the rest are counted. */
  private static final int NAMED = 3;

  private AnswerWait() {}

  /** What to do now. */
  public sealed interface Decision {}

  /** Every session has answers in the lake: assess. */
  public record Proceed() implements Decision {}

  /** Some session's answers may still come: look again in a moment. */
  public record Wait(String reason) implements Decision {}

  /** Some session cannot be assessed: the batch fails with this reason. */
  public record Fail(String reason) implements Decision {}

  /**
   * The decision for the sessions {@code requested}.
   *
   * @param inLake the requested sessions that have answers in the lake
   * @param indexed what the index holds of the requested sessions; a session it holds nothing of is
   *     absent
   * @param requestedAt when the assessment was requested
   * @param started when the batch started (the runner may have taken it much later)
   * @param now the time of the decision
   */
  public static Decision decide(
      Collection<String> requested,
      Set<String> inLake,
      Map<String, SearchIndex.IndexedSession> indexed,
      Instant requestedAt,
      Instant started,
      Instant now) {
    List<String> unknown = new ArrayList<>();
    List<String> completedEmpty = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    List<String> onTheirWay = new ArrayList<>();
    for (String session : requested) {
      if (inLake.contains(session)) {
        continue;
      }
      Optional<SearchIndex.IndexedSession> held = Optional.ofNullable(indexed.get(session));
      if (held.isEmpty()) {
        unknown.add(session);
      } else if (held.get().answered()) {
        onTheirWay.add(session);
      } else if (held.get().completed()) {
        completedEmpty.add(session);
      } else {
        unanswered.add(session);
      }
    }
    boolean graceOver = !now.isBefore(requestedAt.plus(NOT_ANSWERED_GRACE));
    boolean waitOver = !now.isBefore(started.plus(LAKE_WAIT));
    List<String> reasons = new ArrayList<>();
    if (!unknown.isEmpty() && (graceOver || waitOver)) {
      reasons.add(sessions(unknown) + " not in the sessions index: no such session");
    }
    if (!completedEmpty.isEmpty()) {
      reasons.add(sessions(completedEmpty) + " completed without an answer");
    }
    if (!unanswered.isEmpty() && (graceOver || waitOver)) {
      reasons.add(
          sessions(unanswered)
              + " not answered: the index has no answer "
              + (graceOver
                  ? Duration.between(requestedAt, now).toSeconds() + " s after the request"
                  : "after " + LAKE_WAIT.toSeconds() + " s")
              + lastActivity(unanswered, indexed));
    }
    if (!onTheirWay.isEmpty() && waitOver) {
      reasons.add(
          sessions(onTheirWay)
              + " answered but with no answers in the lake after "
              + LAKE_WAIT.toSeconds()
              + " s: is the stream job committing the lake?");
    }
    if (!reasons.isEmpty()) {
      return new Fail(String.join("; ", reasons));
    }
    if (!onTheirWay.isEmpty()) {
      return new Wait("waiting for the sessions' answers to reach the lake");
    }
    if (!unanswered.isEmpty() || !unknown.isEmpty()) {
      return new Wait("waiting for the sessions' answers to reach the index");
    }
    return new Proceed();
  }

  /** {@code session s1}, {@code sessions s1, s2}, {@code sessions s1, s2, s3 and 4 more}. */
  private static String sessions(List<String> ids) {
    String named = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())));
    String more = ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "";
    return (ids.size() == 1 ? "session " : "sessions ") + named + more;
  }

  /** The newest last activity of these sessions, as the index knows it, if it knows one. */
  private static String lastActivity(
      List<String> ids, Map<String, SearchIndex.IndexedSession> indexed) {
    return ids.stream()
        .map(indexed::get)
        .flatMap(s -> s.lastActivity().stream())
        .max(Instant::compareTo)
        .map(at -> " (last activity " + at + ")")
        .orElse("");
  }
}
