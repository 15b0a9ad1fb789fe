package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.api.MovableClock;
import dev.rehearse.api.service.SessionOwners.Completion;
import dev.rehearse.api.service.SessionOwners.Owned;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.events.SessionSummary;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionOwnerViewTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final InterviewSpec SPEC =
      new InterviewSpec(
          InterviewType.BEHAVIORAL,
          "backend engineer",
          "mid",
          Optional.empty(),
          "en",
          3,
          Optional.empty());
  private static final SessionSummary SUMMARY =
      new SessionSummary(3, 3, 120, Optional.of(110.0), Optional.of(64));

  private final MovableClock clock = new MovableClock(NOW);
  private final SessionOwnerView view =
      new SessionOwnerView(3, Duration.ofMinutes(15), Duration.ZERO, clock);

  private static SessionStarted started(String sessionId, String userId) {
    return new SessionStarted(1, "s-" + sessionId, sessionId, userId, "c0", SPEC, 3, NOW);
  }

  private static SessionCompleted completed(String sessionId, String userId) {
    return new SessionCompleted(
        1, "d-" + sessionId, sessionId, userId, "c9", "plan-done", SUMMARY, NOW);
  }

  @Test
  void aSessionStartedEventNamesItsOwner() {
    view.onEvent(started("s1", "ana"));

    assertThat(view.find("s1")).contains(Owned.active("s1", "ana"));
    assertThat(view.find("s2")).isEmpty();
  }

  @Test
  void anyLaterEventOfASessionNamesItsOwnerToo() {
    view.onEvent(new QuestionAsked(1, "q", "s1", "ana", "c1", 1, 3, "beh-001", "Why?", NOW));

    assertThat(view.find("s1")).hasValueSatisfying(s -> assertThat(s.userId()).isEqualTo("ana"));
  }

  @Test
  void aRejectionNamesWhoSentTheCommandNotTheOwnerSoItAttributesNothing() {
    view.onEvent(
        new CommandRejected(
            1, "r", "s1", "bob", "c1", RejectionReason.SESSION_NOT_FOUND, "no such session", NOW));

    assertThat(view.find("s1")).isEmpty();
  }

  @Test
  void aCompletedEventMarksTheSessionCompletedWithItsReasonAndSummary() {
    view.onEvent(started("s1", "ana"));
    view.onEvent(completed("s1", "ana"));

    assertThat(view.find("s1"))
        .hasValueSatisfying(
            s -> {
              assertThat(s.completed()).isTrue();
              assertThat(s.completion())
                  .contains(new Completion(Optional.of("plan-done"), Optional.of(SUMMARY)));
            });
  }

  @Test
  void aCompletedSessionStaysCompletedWhateverIsRememberedOrArrivesLater() {
    view.onEvent(completed("s1", "ana"));

    view.remember(Owned.active("s1", "ana"));
    view.onEvent(new QuestionAsked(1, "q", "s1", "ana", "c1", 2, 3, "beh-002", "And?", NOW));

    assertThat(view.find("s1")).hasValueSatisfying(s -> assertThat(s.completed()).isTrue());
  }

  @Test
  void aRememberedSessionIsKnownAndItsEventsCompleteIt() {
    view.remember(Owned.active("s1", "ana"));
    assertThat(view.find("s1")).contains(Owned.active("s1", "ana"));

    view.onEvent(completed("s1", "ana"));

    assertThat(view.find("s1")).hasValueSatisfying(s -> assertThat(s.completed()).isTrue());
  }

  @Test
  void pastItsCapacityTheViewForgetsTheSessionLearntFirst() {
    for (String id : new String[] {"s1", "s2", "s3", "s4"}) {
      view.onEvent(started(id, "ana"));
    }

    assertThat(view.size()).isEqualTo(3);
    assertThat(view.find("s1")).isEmpty();
    assertThat(view.find("s4")).isPresent();
  }

  @Test
  void aCompletedSessionIsForgottenAfterTheRetentionAndAnActiveOneIsNot() {
    view.onEvent(started("s1", "ana"));
    view.onEvent(started("s2", "bob"));
    view.onEvent(completed("s2", "bob"));

    clock.advance(Duration.ofMinutes(16));
    view.onEvent(started("s3", "cai"));

    assertThat(view.find("s2")).isEmpty();
    assertThat(view.find("s1")).isPresent();
    assertThat(view.find("s3")).isPresent();
  }

  @Test
  void aSessionStartedThroughAnotherInstanceIsFoundOnceItsDocumentIsThere() throws Exception {
    SessionOwnerView patient =
        new SessionOwnerView(10, Duration.ofMinutes(15), Duration.ofSeconds(5), clock);
    AtomicInteger lookups = new AtomicInteger();
    // the document is written on the third look
    SessionOwners.Lookup document =
        () ->
            lookups.incrementAndGet() < 3
                ? Optional.empty()
                : Optional.of(Owned.active("s1", "ana"));

    Optional<Owned> found = patient.awaitStart("s1", document);

    assertThat(found).contains(Owned.active("s1", "ana"));
    assertThat(lookups).hasValue(3);
    assertThat(patient.find("s1")).contains(Owned.active("s1", "ana"));
  }

  @Test
  void aStoreThatFailsWhileWaitingIsAskedAgain() throws Exception {
    SessionOwnerView patient =
        new SessionOwnerView(10, Duration.ofMinutes(15), Duration.ofSeconds(5), clock);
    AtomicInteger lookups = new AtomicInteger();
    SessionOwners.Lookup document =
        () -> {
          if (lookups.incrementAndGet() == 1) {
            throw new IOException("store unavailable");
          }
          return Optional.of(Owned.active("s1", "ana"));
        };

    assertThat(patient.awaitStart("s1", document)).contains(Owned.active("s1", "ana"));
  }

  @Test
  void waitingForAStartEndsAsSoonAsTheSessionIsLearntOtherwise() throws Exception {
    SessionOwnerView patient =
        new SessionOwnerView(10, Duration.ofMinutes(15), Duration.ofSeconds(5), clock);
    Thread reader =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              patient.onEvent(started("s1", "ana"));
            });
    reader.start();

    long begun = System.nanoTime();
    Optional<Owned> found = patient.awaitStart("s1", Optional::empty);

    reader.join();
    assertThat(found).contains(Owned.active("s1", "ana"));
    assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void waitingForAStartThatNeverComesEndsEmptyAfterTheWait() throws Exception {
    SessionOwnerView patient =
        new SessionOwnerView(10, Duration.ofMinutes(15), Duration.ofMillis(300), clock);
    AtomicInteger lookups = new AtomicInteger();

    long begun = System.nanoTime();
    Optional<Owned> found =
        patient.awaitStart(
            "s1",
            () -> {
              lookups.incrementAndGet();
              return Optional.empty();
            });

    assertThat(found).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - begun))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    // asked about every 100 ms, not in a busy loop
    assertThat(lookups.get()).isBetween(2, 4);
  }

  @Test
  void withoutAWaitAnUnknownSessionIsNotLookedUpAgain() throws Exception {
    SessionOwnerView impatient =
        new SessionOwnerView(10, Duration.ofMinutes(15), Duration.ZERO, clock);

    assertThat(
            impatient.awaitStart(
                "s1",
                () -> {
                  throw new AssertionError("looked up");
                }))
        .isEmpty();
  }
}
