package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.api.service.BatchReplies.Batch;
import dev.rehearse.api.service.BatchReplies.Queued;
import dev.rehearse.api.service.SessionReplies.Assessment;
import dev.rehearse.api.service.SessionReplies.Pending;
import dev.rehearse.api.service.SessionReplies.Question;
import dev.rehearse.api.service.SessionReplies.Session;
import dev.rehearse.api.service.SessionReplies.SessionPage;
import dev.rehearse.api.service.SessionReplies.Started;
import dev.rehearse.api.service.SessionReplies.Turn;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SessionServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final String S1 = "00000000-0000-0000-0000-000000000001";
  private static final Caller ANA = new Caller("ana", Set.of("candidate"));
  private static final Caller BOB = new Caller("bob", Set.of("candidate"));
  private static final InterviewSpec SPEC =
      new InterviewSpec(
          InterviewType.BEHAVIORAL,
          "backend engineer",
          "mid",
          Optional.empty(),
          "en",
          3,
          Optional.empty());

  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final InMemoryReplyWaiter replies = new InMemoryReplyWaiter();
  private final InMemorySessionReader store = new InMemorySessionReader();
  private final BatchView batches = new BatchView(Json.newMapper());
  private final SessionOwnerView owners =
      new SessionOwnerView(
          1000, Duration.ofMinutes(15), Duration.ofMillis(20), Clock.fixed(NOW, ZoneOffset.UTC));
  private final SessionService service =
      new SessionService(
          bus,
          replies,
          store,
          owners,
          batches,
          Duration.ofMillis(200),
          Clock.fixed(NOW, ZoneOffset.UTC),
          Optional.empty());

  /**
   * The interviewer answers every session command with the events {@code script} makes; the owner
   * view sees them before the waiting request, as the API's reader hands them over.
   */
  private void interviewer(Function<SessionCommand, List<SessionEvent>> script) {
    bus.onSent(
        sent -> {
          if (sent.topic().equals(Topics.SESSION_COMMANDS.name())) {
            SessionCommand command = (SessionCommand) sent.value().orElseThrow();
            List<SessionEvent> events = script.apply(command);
            events.forEach(owners::onEvent);
            replies.answer(command.commandId(), events);
          }
        });
  }

  /** Session {@code S1} of Ana, as the view learnt it from its start event. */
  private void givenAnasSession() {
    owners.onEvent(
        new SessionStarted(1, "s", S1, "ana", "c-start", SPEC, SPEC.questionCount(), NOW));
  }

  private static QuestionAsked asked(SessionCommand c, int index) {
    return new QuestionAsked(
        1,
        "e" + index,
        c.sessionId(),
        c.userId(),
        c.commandId(),
        index,
        3,
        "beh-00" + index,
        "Tell me about a conflict.",
        NOW);
  }

  private static AnswerAnalyzed analyzed(SessionCommand c, int index) {
    return new AnswerAnalyzed(
        1,
        "a" + index,
        c.sessionId(),
        c.userId(),
        c.commandId(),
        index,
        InterviewType.BEHAVIORAL,
        InterviewType.BEHAVIORAL,
        "backend engineer",
        "beh-000",
        "Q",
        "I listened first.",
        new AnswerAnalyzer().analyze(Answer.ofText("I listened first.")),
        NOW);
  }

  private static CommandRejected rejected(SessionCommand c, RejectionReason reason) {
    return new CommandRejected(
        1, "r", c.sessionId(), c.userId(), c.commandId(), reason, "not now", NOW);
  }

  private void storeSession(String id, String user) {
    store.session(
        Map.of(
            "sessionId",
            id,
            "userId",
            user,
            "type",
            "behavioral",
            "status",
            "active",
            "currentQuestion",
            "Q?",
            "startedAt",
            "2026-11-25T09:00:00Z",
            "aggregate",
            Map.of(
                "answerCount", 2,
                "totalWords", 180,
                "averageWords", 90.0,
                "firstAnswerAt", "2026-11-25T09:01:00Z",
                "lastAnswerAt", "2026-11-25T09:05:00Z",
                "computedAt", "2026-11-25T10:00:00Z",
                "batchId", "b-0")));
  }

  /** A reply as the API writes it. */
  private static JsonNode json(Object reply) {
    return Json.newMapper().valueToTree(reply);
  }

  @Test
  void startPublishesAStartCommandKeyedBySessionAndRepliesWithTheFirstQuestion() {
    interviewer(c -> List.of(asked(c, 0)));

    Reply<?> reply = service.start(ANA, SPEC);

    assertThat(reply.status()).isEqualTo(201);
    Started started = (Started) reply.body();
    List<SessionCommand> commands = bus.values(Topics.SESSION_COMMANDS);
    assertThat(commands).singleElement().isInstanceOf(SessionCommand.StartSession.class);
    SessionCommand.StartSession command = (SessionCommand.StartSession) commands.get(0);
    assertThat(bus.sent().get(0).key()).isEqualTo(started.id()).isEqualTo(command.sessionId());
    assertThat(command.userId()).isEqualTo("ana");
    assertThat(command.spec()).isEqualTo(SPEC);
    assertThat(started.status()).isEqualTo("active");
    assertThat(started.questionCount()).contains(3);
    // a question of the bank names no source
    assertThat(json(started).path("question").has("source")).isFalse();
    assertThat(started.question())
        .contains(
            new Question(
                0, "beh-000", "Tell me about a conflict.", Optional.empty(), Optional.empty()));
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void whileTheMostRequestsThatMayWaitForRepliesWaitAnotherIsAcceptedAtOnce() throws Exception {
    // given as many starts as may wait, waiting for an interviewer that has not replied yet
    SessionService patient =
        new SessionService(
            bus,
            replies,
            store,
            owners,
            batches,
            Duration.ofSeconds(30),
            Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.empty());
    ExecutorService callers = Executors.newFixedThreadPool(SessionService.MAX_REPLY_WAITERS);
    try {
      List<java.util.concurrent.Future<Reply<?>>> waiting = new ArrayList<>();
      for (int i = 0; i < SessionService.MAX_REPLY_WAITERS; i++) {
        waiting.add(callers.submit(() -> patient.start(ANA, SPEC)));
      }
      while (patient.waitingForReplies() < SessionService.MAX_REPLY_WAITERS) {
        Thread.sleep(5);
      }

      // when one more is started, and the interviewer now replies as soon as a command comes
      interviewer(c -> List.of(asked(c, 0)));
      Reply<?> another = patient.start(ANA, SPEC);

      // then it is accepted and published, and answered 202 without waiting for the reply
      assertThat(another.status()).isEqualTo(202);
      assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(SessionService.MAX_REPLY_WAITERS + 1);

      // and the waiting ones get their replies when they come
      bus.values(Topics.SESSION_COMMANDS).stream()
          .limit(SessionService.MAX_REPLY_WAITERS)
          .forEach(c -> replies.answer(c.commandId(), List.of(asked(c, 0))));
      for (var reply : waiting) {
        assertThat(reply.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
      }
      assertThat(patient.waitingForReplies()).isZero();
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void theReplyWaitCountsFromBeforePublishingSoASlowBrokerDoesNotDoubleIt() {
    // given a broker that takes the command longer than the reply timeout (200 ms), and an
    // interviewer that replies 100 ms after it is taken
    bus.onSent(
        sent -> {
          SessionCommand command = (SessionCommand) sent.value().orElseThrow();
          sleep(300);
          CompletableFuture.runAsync(
              () -> replies.answer(command.commandId(), List.of(asked(command, 0))),
              CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        });

    // when an interview is started
    Reply<?> reply = service.start(ANA, SPEC);

    // then the request does not wait a whole timeout more for the reply: it is pending
    assertThat(reply.status()).isEqualTo(202);
    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSilentInterviewerMakesTheReplyPendingWithWhereToPoll() {
    Reply<?> reply = service.start(ANA, SPEC);

    assertThat(reply.status()).isEqualTo(202);
    Pending pending = (Pending) reply.body();
    assertThat(pending.status()).isEqualTo("pending");
    assertThat(pending.poll()).isEqualTo("/ai-interview/sessions/" + pending.id());
    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void anAnswerRepliesItsMetricsAndTheNextQuestion() {
    givenAnasSession();
    interviewer(c -> List.of(analyzed(c, 0), asked(c, 1)));

    Reply<?> reply = service.answer(ANA, S1, Answer.ofText("I listened first."));

    assertThat(reply.status()).isEqualTo(200);
    Turn turn = (Turn) reply.body();
    assertThat(turn.sessionId()).isEqualTo(S1);
    assertThat(turn.index()).contains(0);
    assertThat(turn.metrics()).hasValueSatisfying(m -> assertThat(m.wordCount()).isEqualTo(3));
    assertThat(turn.status()).contains("active");
    assertThat(turn.next()).hasValueSatisfying(q -> assertThat(q.index()).isEqualTo(1));
    assertThat(turn.completionReason()).isEmpty();
    SessionCommand.SubmitAnswer sent =
        (SessionCommand.SubmitAnswer) bus.values(Topics.SESSION_COMMANDS).get(0);
    assertThat(sent.answer().text()).isEqualTo("I listened first.");
    assertThat(bus.sent().get(0).key()).isEqualTo(S1);
  }

  @Test
  void aQuestionGroundedInResearchRepliesItsSourceAndUrl() {
    givenAnasSession();
    interviewer(
        c ->
            List.of(
                analyzed(c, 0),
                new QuestionAsked(
                    1,
                    "e1",
                    c.sessionId(),
                    c.userId(),
                    c.commandId(),
                    1,
                    3,
                    "research-0",
                    "Acme recently opened an office in Lisbon. How would you …?",
                    NOW,
                    Optional.of("research"),
                    Optional.of("https://news.example.com/acme-lisbon"))));

    Turn turn = (Turn) service.answer(ANA, S1, Answer.ofText("I listened first.")).body();

    assertThat(turn.next())
        .contains(
            new Question(
                1,
                "research-0",
                "Acme recently opened an office in Lisbon. How would you …?",
                Optional.of("research"),
                Optional.of("https://news.example.com/acme-lisbon")));
    assertThat(json(turn).path("next").path("source").asText()).isEqualTo("research");
    assertThat(json(turn).path("next").path("sourceUrl").asText())
        .isEqualTo("https://news.example.com/acme-lisbon");
  }

  @Test
  void completingRepliesTheReasonAndSummary() {
    givenAnasSession();
    SessionSummary summary = new SessionSummary(2, 2, 40, Optional.of(120.0), Optional.of(70));
    interviewer(
        c ->
            List.of(
                new SessionCompleted(
                    1, "c", c.sessionId(), c.userId(), c.commandId(), "ended", summary, NOW)));

    Reply<?> reply = service.complete(ANA, S1);

    Turn turn = (Turn) reply.body();
    assertThat(turn.status()).contains("completed");
    assertThat(turn.completionReason()).contains("ended");
    assertThat(turn.summary()).contains(summary);
    assertThat(turn.metrics()).isEmpty();
    assertThat(bus.values(Topics.SESSION_COMMANDS).get(0))
        .isInstanceOf(SessionCommand.CompleteSession.class);
  }

  @Test
  void anAnswerTheInterviewerCannotAnalyseIs422OnText() {
    givenAnasSession();
    interviewer(c -> List.of(rejected(c, RejectionReason.INVALID_ANSWER)));

    assertThatThrownBy(() -> service.answer(ANA, S1, Answer.ofText("?")))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(422);
              assertThat(p.field()).contains("text");
            });
  }

  @Test
  void anAnswerTheInterviewerDoesNotFindIs404() {
    givenAnasSession();
    interviewer(c -> List.of(rejected(c, RejectionReason.SESSION_NOT_FOUND)));

    assertThatThrownBy(() -> service.answer(ANA, S1, Answer.ofText("hello")))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
  }

  @Test
  void aStartForASessionThatExistsIsAConflict() {
    interviewer(c -> List.of(rejected(c, RejectionReason.SESSION_EXISTS)));

    assertThatThrownBy(() -> service.start(ANA, SPEC))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(409);
              assertThat(p.getMessage()).isEqualTo("not now");
            });
  }

  @Test
  void aCommandTheBrokerDidNotStoreIs503AndNobodyWaits() {
    givenAnasSession();
    bus.goDown();

    assertThatThrownBy(() -> service.complete(ANA, S1))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(503));
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void aSessionIsItsDocumentUnderItsIdWithItsTurns() throws Exception {
    storeSession(S1, "ana");
    store.turn(S1, Map.of("sessionId", S1, "index", 0, "answer", "I listened first."));

    Reply<Session> reply = service.get(ANA, S1);

    assertThat(reply.status()).isEqualTo(200);
    Session session = reply.body();
    assertThat(session.id()).isEqualTo(S1);
    JsonNode json = json(session);
    assertThat(json.has("sessionId")).isFalse();
    assertThat(json.path("userId").asText()).isEqualTo("ana");
    assertThat(json.path("currentQuestion").asText()).isEqualTo("Q?");
    assertThat(session.turns()).singleElement().satisfies(t -> assertThat(t.index()).isZero());
  }

  @Test
  void anotherUsersSessionIsNotFound() {
    storeSession(S1, "ana");

    assertThatThrownBy(() -> service.get(BOB, S1))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
  }

  @Test
  void aListingShowsNeitherTheOwnerNorTheOpenQuestion() throws Exception {
    storeSession(S1, "ana");
    storeSession("00000000-0000-0000-0000-000000000002", "bob");
    SessionQuery query = new SessionQuery(Optional.of("active"), Optional.empty(), 0, 20);

    Reply<SessionPage> reply = service.list(ANA, query);

    SessionPage page = reply.body();
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.limit()).isEqualTo(20);
    assertThat(page.sessions())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.id()).isEqualTo(S1);
              JsonNode json = json(item);
              assertThat(json.has("sessionId")).isFalse();
              assertThat(json.has("userId")).isFalse();
              assertThat(json.has("currentQuestion")).isFalse();
              assertThat(json.path("status").asText()).isEqualTo("active");
            });
    assertThat(store.queries()).containsExactly(query);
  }

  @Test
  void assessingPublishesAnAssessmentBatchForTheSession() throws Exception {
    storeSession(S1, "ana");

    Reply<Queued> reply = service.assess(ANA, S1);

    assertThat(reply.status()).isEqualTo(202);
    BatchRequest request = bus.values(Topics.BATCH_REQUESTS).get(0);
    assertThat(bus.sent().get(0).key()).isEqualTo(request.batchId());
    assertThat(request.job()).isEqualTo(BatchJob.ASSESSMENT);
    assertThat(request.sessionIds()).containsExactly(S1);
    assertThat(request.requestedBy()).isEqualTo("ana");
    assertThat(reply.body())
        .isEqualTo(
            new Queued(
                request.batchId(), "queued", "/ai-interview/sessions/" + S1 + "/assessment"));
  }

  @Test
  void assessingAnotherUsersSessionPublishesNothing() {
    storeSession(S1, "ana");

    assertThatThrownBy(() -> service.assess(BOB, S1))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void anAssessmentIsPendingUntilABatchComputedIt() throws Exception {
    storeSession(S1, "ana");

    Reply<Assessment> reply = service.assessment(ANA, S1);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body())
        .isEqualTo(
            new Assessment(S1, "pending", Optional.empty(), Optional.empty(), Optional.empty()));
  }

  @Test
  void aReadyAssessmentCarriesItsScoresAggregateAndBatch() throws Exception {
    storeSession(S1, "ana");
    BatchRequest request =
        BatchRequest.sessions("b-1", BatchJob.ASSESSMENT, "ana", List.of(S1), NOW);
    batches.onRecord(
        Topics.BATCH_REQUESTS.name(),
        new ConsumerRecord<>(
            Topics.BATCH_REQUESTS.name(), 0, 0, "b-1", Json.toBytes(Json.newMapper(), request)));
    store.assessment(
        S1,
        Map.of(
            "sessionId",
            S1,
            "userId",
            "ana",
            "overall",
            71.0,
            "batchId",
            "b-1",
            "answerCount",
            2,
            "answersWithResult",
            1,
            "longPauses",
            0,
            "totalWords",
            180));

    Reply<Assessment> reply = service.assessment(ANA, S1);

    assertThat(reply.status()).isEqualTo(200);
    Assessment a = reply.body();
    assertThat(a.status()).isEqualTo("ready");
    JsonNode assessment = json(a).path("assessment");
    assertThat(assessment.has("sessionId")).isFalse();
    assertThat(assessment.has("userId")).isFalse();
    assertThat(assessment.path("overall").asDouble()).isEqualTo(71.0);
    assertThat(assessment.path("batchId").asText()).isEqualTo("b-1");
    assertThat(a.aggregate()).hasValueSatisfying(g -> assertThat(g.answerCount()).isEqualTo(2));
    assertThat(a.batch()).hasValueSatisfying(b -> assertThat(b.state()).isEqualTo("queued"));
  }

  @Test
  void aBatchIsVisibleToWhoRequestedItAndToAdminsOnly() {
    BatchRequest request =
        BatchRequest.sessions("b-2", BatchJob.ASSESSMENT, "ana", List.of(S1), NOW);
    batches.onRecord(
        Topics.BATCH_REQUESTS.name(),
        new ConsumerRecord<>(
            Topics.BATCH_REQUESTS.name(), 0, 0, "b-2", Json.toBytes(Json.newMapper(), request)));

    Batch mine = service.batch(ANA, "b-2").body();

    assertThat(mine.job()).isEqualTo("assessment");
    assertThat(mine.updatedAt()).isEqualTo(NOW);
    assertThat(service.batch(new Caller("root", Set.of("admin")), "b-2").status()).isEqualTo(200);
    assertThatThrownBy(() -> service.batch(BOB, "b-2"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
  }

  @Test
  void aLiveKitTokenWithoutLiveKitIs503() {
    storeSession(S1, "ana");

    assertThatThrownBy(() -> service.liveKitToken(ANA, S1))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(503));
  }

  // object-level authorisation: a session command is published only for the session's owner

  private static final SessionSummary SUMMARY =
      new SessionSummary(3, 3, 120, Optional.of(110.0), Optional.of(64));

  private static SessionCompleted completed(String sessionId, String userId, String commandId) {
    return new SessionCompleted(1, "done", sessionId, userId, commandId, "plan-done", SUMMARY, NOW);
  }

  private void storeCompletedSession(String id, String user) {
    store.session(
        Map.ofEntries(
            Map.entry("sessionId", id),
            Map.entry("userId", user),
            Map.entry("status", "completed"),
            Map.entry("completionReason", "plan-done"),
            Map.entry("questionsAsked", 3),
            Map.entry("answers", 3),
            Map.entry("totalWords", 120),
            Map.entry("averageWordsPerMinute", 110.0),
            Map.entry("provisionalScore", 64)));
  }

  private static void assertNotFound(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
  }

  @Test
  void anotherUsersSessionIsNotFoundAndNothingIsPublished() {
    interviewer(
        c ->
            c instanceof SessionCommand.StartSession
                ? List.of(
                    new SessionStarted(
                        1, "s", c.sessionId(), c.userId(), c.commandId(), SPEC, 3, NOW),
                    asked(c, 0))
                : List.of(analyzed(c, 0), asked(c, 1)));
    Started started = (Started) service.start(ANA, SPEC).body();

    assertNotFound(() -> service.answer(BOB, started.id(), Answer.ofText("Mine now.")));
    assertNotFound(() -> service.complete(BOB, started.id()));

    assertThat(bus.values(Topics.SESSION_COMMANDS))
        .singleElement()
        .isInstanceOf(SessionCommand.StartSession.class);
    assertThat(service.answer(ANA, started.id(), Answer.ofText("I listened first.")).status())
        .isEqualTo(200);
  }

  @Test
  void aSessionStartedHereIsItsCallersBeforeItsFirstEventArrives() {
    Pending pending = (Pending) service.start(ANA, SPEC).body();
    interviewer(c -> List.of(analyzed(c, 0), asked(c, 1)));

    assertNotFound(() -> service.answer(BOB, pending.id(), Answer.ofText("Mine now.")));
    assertThat(service.answer(ANA, pending.id(), Answer.ofText("I listened first.")).status())
        .isEqualTo(200);
  }

  @Test
  void anUnknownSessionIsNotFoundAndNothingIsPublished() {
    interviewer(c -> List.of(analyzed(c, 0), asked(c, 1)));

    assertNotFound(() -> service.answer(ANA, S1, Answer.ofText("hello")));
    assertNotFound(() -> service.complete(ANA, S1));

    assertThat(bus.sent()).isEmpty();
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void anotherUsersSessionKnownOnlyFromItsDocumentIsNotFound() {
    storeSession(S1, "ana");

    assertNotFound(() -> service.answer(BOB, S1, Answer.ofText("hello")));
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aSessionKnownOnlyFromItsDocumentIsAttributedToItsOwner() {
    storeSession(S1, "ana");
    interviewer(c -> List.of(analyzed(c, 0), asked(c, 1)));

    Reply<?> reply = service.answer(ANA, S1, Answer.ofText("I listened first."));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
    assertThat(owners.find(S1)).hasValueSatisfying(s -> assertThat(s.userId()).isEqualTo("ana"));
  }

  @Test
  void aSessionStartedThroughAnotherInstanceIsAttributedOnceItsDocumentIsWritten()
      throws Exception {
    interviewer(c -> List.of(analyzed(c, 0), asked(c, 1)));
    SessionOwnerView patient =
        new SessionOwnerView(
            1000, Duration.ofMinutes(15), Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
    SessionService service =
        new SessionService(
            bus,
            replies,
            store,
            patient,
            batches,
            Duration.ofMillis(200),
            Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.empty());
    // this instance reads no event of the other's start: the projection writes its document
    Thread projection =
        new Thread(
            () -> {
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              storeSession(S1, "ana");
            });
    projection.start();

    Reply<?> reply = service.answer(ANA, S1, Answer.ofText("I listened first."));

    projection.join();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(patient.find(S1)).contains(SessionOwners.Owned.active(S1, "ana"));
  }

  /** Ana's session {@code S1} as its document holds it once it completed. */
  private void storeCompletedSession() {
    store.session(
        Map.of(
            "sessionId", S1,
            "userId", "ana",
            "type", "behavioral",
            "status", "completed",
            "completionReason", "candidate-ended",
            "questionsAsked", 2,
            "answers", 1,
            "startedAt", "2026-11-25T09:00:00Z"));
  }

  @Test
  void aSessionCompletedThroughAnotherInstanceTakesNoMoreAnswers() {
    // this instance knows the session as active; another completed it, and the interviewer has
    // forgotten it
    givenAnasSession();
    storeCompletedSession();
    interviewer(c -> List.of(rejected(c, RejectionReason.SESSION_NOT_FOUND)));

    assertThatThrownBy(() -> service.answer(ANA, S1, Answer.ofText("One more thing.")))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
    assertThat(owners.find(S1)).hasValueSatisfying(s -> assertThat(s.completed()).isTrue());
  }

  @Test
  void completingASessionCompletedThroughAnotherInstanceRepliesItsCompletion() {
    givenAnasSession();
    storeCompletedSession();
    interviewer(c -> List.of(rejected(c, RejectionReason.SESSION_NOT_FOUND)));

    Reply<?> first = service.complete(ANA, S1);
    Reply<?> again = service.complete(ANA, S1);

    assertThat(first.status()).isEqualTo(200);
    assertThat(json(first.body()).path("status").asText()).isEqualTo("completed");
    assertThat(json(first.body()).path("completionReason").asText()).isEqualTo("candidate-ended");
    assertThat(json(again.body())).isEqualTo(json(first.body()));
    // the second time, the interviewer was not asked
    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
  }

  @Test
  void anUnknownSessionWhileTheDocumentsCannotBeReadIs503WithRetryAfter() {
    store.goDown();

    assertThatThrownBy(() -> service.answer(ANA, S1, Answer.ofText("hello")))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(503);
              assertThat(p.retryAfter()).isPresent();
            });
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aSessionTheViewKnowsNeedsNoDocument() {
    givenAnasSession();
    store.goDown();
    interviewer(c -> List.of(analyzed(c, 0), asked(c, 1)));

    assertThat(service.answer(ANA, S1, Answer.ofText("I listened first.")).status()).isEqualTo(200);
    assertNotFound(() -> service.answer(BOB, S1, Answer.ofText("hello")));
  }

  @Test
  void completingACompletedSessionRepliesTheSameSummaryAndPublishesNothing() {
    givenAnasSession();
    interviewer(c -> List.of(completed(c.sessionId(), c.userId(), c.commandId())));
    Reply<?> first = service.complete(ANA, S1);

    Reply<?> again = service.complete(ANA, S1);

    assertThat(again.status()).isEqualTo(200);
    assertThat(json(again.body())).isEqualTo(json(first.body()));
    Turn turn = (Turn) again.body();
    assertThat(turn.status()).contains("completed");
    assertThat(turn.completionReason()).contains("plan-done");
    assertThat(turn.summary()).contains(SUMMARY);
    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
  }

  @Test
  void anAnswerToACompletedSessionIs409AndPublishesNothing() {
    givenAnasSession();
    owners.onEvent(completed(S1, "ana", "c-last-answer"));

    assertThatThrownBy(() -> service.answer(ANA, S1, Answer.ofText("One more thing.")))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(409);
              assertThat(p.getMessage()).contains("completed");
            });
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aSessionCompletedOnlyInItsDocumentRepliesItsSummary() {
    storeCompletedSession(S1, "ana");

    Reply<?> reply = service.complete(ANA, S1);

    assertThat(reply.status()).isEqualTo(200);
    Turn turn = (Turn) reply.body();
    assertThat(turn.status()).contains("completed");
    assertThat(turn.completionReason()).contains("plan-done");
    assertThat(turn.summary()).contains(SUMMARY);
    assertThatThrownBy(() -> service.answer(ANA, S1, Answer.ofText("One more thing.")))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
    assertNotFound(() -> service.complete(BOB, S1));
    assertThat(bus.sent()).isEmpty();
  }
}
