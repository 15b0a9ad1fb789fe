package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.jobs.AnswerWait.Decision;
import dev.rehearse.batch.jobs.AnswerWait.Fail;
import dev.rehearse.batch.jobs.AnswerWait.Proceed;
import dev.rehearse.batch.jobs.AnswerWait.Wait;
import dev.rehearse.batch.jobs.SearchIndex.IndexedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When an assessment of named sessions starts, waits or fails: from what the lake and the index
 * hold, the request's time, the batch's start and the clock.
 */
class AnswerWaitTest {

  private static final Instant REQUESTED = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant LAST_QUESTION = REQUESTED.minusSeconds(300);

  /** Active, last asked a question five minutes before the request, no answer indexed. */
  private static final IndexedSession ACTIVE_UNANSWERED =
      new IndexedSession(
          Optional.of("active"), Optional.empty(), Optional.of(LAST_QUESTION), false);

  /** Active, with its first answer indexed (its lake row not committed yet). */
  private static final IndexedSession ACTIVE_ANSWERED =
      new IndexedSession(Optional.of("active"), Optional.empty(), Optional.of(REQUESTED), true);

  private static final IndexedSession COMPLETED_EMPTY =
      new IndexedSession(Optional.of("completed"), Optional.of(0), Optional.of(REQUESTED), false);

  /** The batch started as it was requested (an idle runner) and decides {@code after} later. */
  private static Decision idle(
      Set<String> inLake, Map<String, IndexedSession> indexed, Duration after, String... ids) {
    return AnswerWait.decide(
        List.of(ids), inLake, indexed, REQUESTED, REQUESTED, REQUESTED.plus(after));
  }

  /** The batch started {@code queued} after the request and decides at once. */
  private static Decision queued(
      Set<String> inLake, Map<String, IndexedSession> indexed, Duration queued, String... ids) {
    Instant started = REQUESTED.plus(queued);
    return AnswerWait.decide(List.of(ids), inLake, indexed, REQUESTED, started, started);
  }

  @Test
  void sessionsInTheLakeAreAssessedWhateverTheIndexSays() {
    assertThat(idle(Set.of("s1", "s2"), Map.of(), Duration.ZERO, "s1", "s2"))
        .isInstanceOf(Proceed.class);
    assertThat(queued(Set.of("s1"), Map.of(), Duration.ofMinutes(5), "s1"))
        .isInstanceOf(Proceed.class);
  }

  @Test
  void anAnswerRepliedToJustBeforeTheRequestButNotYetIndexedIsWaitedFor() {
    Decision decision =
        idle(Set.of(), Map.of("s1", ACTIVE_UNANSWERED), Duration.ofSeconds(19), "s1");

    assertThat(decision).isInstanceOf(Wait.class);
    assertThat(((Wait) decision).reason()).contains("index");
  }

  @Test
  void aSessionWithNoAnswerIndexedFailsOnceTheRequestIsOlderThanTheGrace() {
    Decision decision =
        idle(Set.of(), Map.of("s1", ACTIVE_UNANSWERED), AnswerWait.NOT_ANSWERED_GRACE, "s1");

    assertThat(decision).isInstanceOf(Fail.class);
    assertThat(((Fail) decision).reason())
        .contains("session s1 not answered", "20 s after the request")
        .contains("last activity " + LAST_QUESTION);
  }

  @Test
  void anUnansweredSessionThatWaitedInTheQueuePastTheGraceFailsWithoutWaitingAgain() {
    Decision decision =
        queued(Set.of(), Map.of("s1", ACTIVE_UNANSWERED), Duration.ofMinutes(3), "s1");

    assertThat(decision).isInstanceOf(Fail.class);
    assertThat(((Fail) decision).reason()).contains("s1 not answered", "180 s after the request");
  }

  @Test
  void anIndexedAnswerIsWaitedForInTheLakeHoweverLongTheBatchWasQueued() {
    Decision decision =
        queued(Set.of(), Map.of("s1", ACTIVE_ANSWERED), Duration.ofMinutes(3), "s1");

    assertThat(decision).isInstanceOf(Wait.class);
    assertThat(((Wait) decision).reason()).contains("lake");
  }

  @Test
  void anIndexedAnswerStillMissingFromTheLakeFailsAfterTheLakeWait() {
    Instant started = REQUESTED.plusSeconds(60);
    Map<String, IndexedSession> indexed = Map.of("s1", ACTIVE_ANSWERED);

    Decision before =
        AnswerWait.decide(
            List.of("s1"), Set.of(), indexed, REQUESTED, started, started.plusSeconds(44));
    Decision after =
        AnswerWait.decide(
            List.of("s1"),
            Set.of(),
            indexed,
            REQUESTED,
            started,
            started.plus(AnswerWait.LAKE_WAIT));

    assertThat(before).isInstanceOf(Wait.class);
    assertThat(after).isInstanceOf(Fail.class);
    assertThat(((Fail) after).reason())
        .contains("session s1 answered but with no answers in the lake after 45 s");
  }

  @Test
  void aSessionCountedAnswersAtItsCompletionIsWaitedForEvenWithoutAnIndexedTurn() {
    IndexedSession completed =
        new IndexedSession(Optional.of("completed"), Optional.of(2), Optional.empty(), false);

    assertThat(queued(Set.of(), Map.of("s1", completed), Duration.ofMinutes(3), "s1"))
        .isInstanceOf(Wait.class);
  }

  @Test
  void anIndexedAnswerWithoutItsSessionDocumentIsWaitedFor() {
    IndexedSession turnOnly =
        new IndexedSession(Optional.empty(), Optional.empty(), Optional.empty(), true);

    assertThat(queued(Set.of(), Map.of("s1", turnOnly), Duration.ofMinutes(3), "s1"))
        .isInstanceOf(Wait.class);
  }

  @Test
  void aSessionTheIndexDoesNotKnowIsWaitedForOnlyWithinTheGrace() {
    // started a moment ago: its document may not be indexed yet
    assertThat(idle(Set.of(), Map.of(), Duration.ZERO, "nope")).isInstanceOf(Wait.class);

    Decision decision = queued(Set.of(), Map.of(), Duration.ofMinutes(5), "nope");

    assertThat(decision).isInstanceOf(Fail.class);
    assertThat(((Fail) decision).reason())
        .isEqualTo("session nope not in the sessions index: no such session");
  }

  @Test
  void aSessionCompletedWithoutAnAnswerFailsAtOnce() {
    Decision decision = idle(Set.of(), Map.of("s1", COMPLETED_EMPTY), Duration.ZERO, "s1");

    assertThat(decision).isInstanceOf(Fail.class);
    assertThat(((Fail) decision).reason()).isEqualTo("session s1 completed without an answer");
  }

  @Test
  void oneHopelessSessionFailsTheBatchAndOnlyItIsNamed() {
    Map<String, IndexedSession> indexed = Map.of("s2", ACTIVE_ANSWERED);

    Decision decision = queued(Set.of("s1"), indexed, Duration.ofMinutes(5), "s1", "s2", "gone");

    assertThat(decision).isInstanceOf(Fail.class);
    assertThat(((Fail) decision).reason())
        .isEqualTo("session gone not in the sessions index: no such session");
  }

  @Test
  void everyReasonIsGivenAndLongListsAreCounted() {
    Map<String, IndexedSession> indexed = new LinkedHashMap<>();
    indexed.put("done", COMPLETED_EMPTY);
    String[] all =
        Stream.concat(IntStream.range(0, 5).mapToObj(i -> "u" + i), Stream.of("done"))
            .toArray(String[]::new);

    Decision decision = queued(Set.of(), indexed, Duration.ofMinutes(5), all);

    assertThat(decision).isInstanceOf(Fail.class);
    assertThat(((Fail) decision).reason())
        .isEqualTo(
            "sessions u0, u1, u2 and 2 more not in the sessions index: no such session;"
                + " session done completed without an answer");
  }

  @Test
  void aRequestStampedAheadOfTheRunnersClockWaitsNoLongerThanTheLakeWait() {
    Instant ahead = REQUESTED.plusSeconds(120);
    Map<String, IndexedSession> indexed = Map.of("s1", ACTIVE_UNANSWERED);

    Decision within =
        AnswerWait.decide(
            List.of("s1"), Set.of(), indexed, ahead, REQUESTED, REQUESTED.plusSeconds(44));
    Decision past =
        AnswerWait.decide(
            List.of("s1"), Set.of(), indexed, ahead, REQUESTED, REQUESTED.plusSeconds(45));

    assertThat(within).isInstanceOf(Wait.class);
    assertThat(past).isInstanceOf(Fail.class);
    assertThat(((Fail) past).reason())
        .contains("s1 not answered: the index has no answer after 45 s");
  }

  @Test
  void theIndexedSessionTellsAnsweredAndCompleted() {
    assertThat(ACTIVE_UNANSWERED.answered()).isFalse();
    assertThat(ACTIVE_UNANSWERED.completed()).isFalse();
    assertThat(ACTIVE_ANSWERED.answered()).isTrue();
    assertThat(COMPLETED_EMPTY.answered()).isFalse();
    assertThat(COMPLETED_EMPTY.completed()).isTrue();
  }
}
