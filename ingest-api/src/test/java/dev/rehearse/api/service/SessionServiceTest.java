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
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final SessionService service =
      new SessionService(
          bus,
          replies,
          store,
          batches,
          Duration.ofMillis(200),
          Clock.fixed(NOW, ZoneOffset.UTC),
          Optional.empty());

  /** The interviewer answers every session command with the events {@code script} makes. */
  private void interviewer(Function<SessionCommand, List<SessionEvent>> script) {
    bus.onSent(
        sent -> {
          if (sent.topic().equals(Topics.SESSION_COMMANDS.name())) {
            SessionCommand command = (SessionCommand) sent.value().orElseThrow();
            replies.answer(command.commandId(), script.apply(command));
          }
        });
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
    assertThat(started.question())
        .contains(new Question(0, "beh-000", "Tell me about a conflict."));
    assertThat(replies.waiting()).isZero();
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
  void completingRepliesTheReasonAndSummary() {
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
  void anAnswerToAnUnknownSessionIs404() {
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
}
