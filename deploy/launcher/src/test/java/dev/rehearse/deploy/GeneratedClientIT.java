package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.client.ApiException;
import dev.rehearse.client.ApiResponse;
import dev.rehearse.client.api.SessionsApi;
import dev.rehearse.client.model.AnswerBody;
import dev.rehearse.client.model.AnswerMetrics;
import dev.rehearse.client.model.InterviewType;
import dev.rehearse.client.model.Problem;
import dev.rehearse.client.model.Question;
import dev.rehearse.client.model.Session;
import dev.rehearse.client.model.SessionItem;
import dev.rehearse.client.model.SessionPage;
import dev.rehearse.client.model.SessionTurnsInner;
import dev.rehearse.client.model.StartSession;
import dev.rehearse.client.model.Started;
import dev.rehearse.client.model.Turn;
import dev.rehearse.deploy.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An interview on the real stack driven only through the Java client generated from the API's
 * OpenAPI document: it proves the document describes the requests the API takes and the replies it
 * really sends, not only that it is valid.
 */
class GeneratedClientIT {

  /** More answers than this and the interviewer is not ending the interview by itself. */
  private static final int MAX_ANSWERS = 8;

  private static final String ANSWER =
      "I would partition the events by user id so that each user's events stay in order, and"
          + " replicate every partition three times. The trade-off is a hot partition for a very"
          + " active user, which I would watch with lag metrics and split if it ever mattered.";

  private static dev.rehearse.client.ApiClient client;
  private static SessionsApi sessions;

  @BeforeAll
  static void startStack() throws Exception {
    Stack stack = LocalStack.get();
    String token = LocalStack.token(stack, "it-generated-client");
    client = new dev.rehearse.client.ApiClient();
    client.updateBaseUri(stack.config().apiUrl());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    sessions = new SessionsApi(client);
  }

  @Test
  void anInterviewRunsFromStartToCompletionThroughTheGeneratedClient() throws Exception {
    // given a started technical interview of three questions
    ApiResponse<Started> started =
        sessions.startSessionWithHttpInfo(
            new StartSession()
                .type(InterviewType.TECHNICAL)
                .role("Data Engineer")
                .questionCount(3));
    assertThat(started.getStatusCode()).isEqualTo(201);
    UUID id = started.getData().getId();
    assertThat(started.getData().getStatus()).isEqualTo("active");
    assertThat(started.getData().getQuestionCount()).isEqualTo(3);
    Question question = started.getData().getQuestion();

    // when each question is answered with text until the interviewer ends the interview
    List<Question> asked = new ArrayList<>();
    List<Turn> replies = new ArrayList<>();
    Turn reply;
    do {
      assertThat(question.getIndex()).isEqualTo(asked.size());
      assertThat(question.getQuestionId()).isNotBlank();
      assertThat(question.getText()).isNotBlank();
      asked.add(question);
      reply = sessions.sendAnswer(id, new AnswerBody().text(ANSWER).durationMs(20_000));
      replies.add(reply);
      question = reply.getNext();
    } while (reply.getStatus() == Turn.StatusEnum.ACTIVE && replies.size() < MAX_ANSWERS);
    Turn last = reply;
    if (reply.getStatus() == Turn.StatusEnum.ACTIVE) { // asked once more than it was answered
      asked.add(reply.getNext());
      last = sessions.completeSession(id);
    }

    // then every reply carried its answer's metrics, and the last one the session's summary
    for (int i = 0; i < replies.size(); i++) {
      Turn turn = replies.get(i);
      assertThat(turn.getSessionId()).isEqualTo(id.toString());
      assertThat(turn.getIndex()).isEqualTo(i);
      assertMetrics(turn.getMetrics());
    }
    assertThat(replies.size()).isGreaterThanOrEqualTo(3);
    assertThat(last.getStatus()).isEqualTo(Turn.StatusEnum.COMPLETED);
    assertThat(last.getCompletionReason()).isNotBlank();
    assertThat(last.getSummary().getAnswers()).isEqualTo(replies.size());
    assertThat(last.getSummary().getQuestionsAsked()).isEqualTo(asked.size());
    assertThat(last.getSummary().getTotalWords())
        .isEqualTo(replies.size() * replies.get(0).getMetrics().getWordCount());

    // and the session reads back completed, with every question, answer and metrics
    Session session =
        LocalStack.eventually(
            () -> {
              Session s = sessionIfProjected(id);
              return s != null
                      && s.getStatus() == Session.StatusEnum.COMPLETED
                      && s.getTurns().size() == replies.size()
                  ? s
                  : null;
            });
    assertThat(session.getId()).isEqualTo(id.toString());
    assertThat(session.getType()).isEqualTo(InterviewType.TECHNICAL);
    assertThat(session.getRole()).isEqualTo("Data Engineer");
    assertThat(session.getQuestionCount()).isEqualTo(3);
    assertThat(session.getQuestionsAsked()).isEqualTo(asked.size());
    assertThat(session.getStartedAt()).isNotNull();
    for (int i = 0; i < replies.size(); i++) {
      SessionTurnsInner turn = session.getTurns().get(i);
      assertThat(turn.getIndex()).isEqualTo(i);
      assertThat(turn.getQuestion()).isEqualTo(asked.get(i).getText());
      assertThat(turn.getAnswer()).isEqualTo(ANSWER);
      assertThat(turn.getMetrics().getWordCount())
          .isEqualTo(replies.get(i).getMetrics().getWordCount());
      assertMetrics(turn.getMetrics());
    }

    // and it is listed among the caller's completed technical sessions, once the index refreshed
    // (a search sees a document a refresh after a read by id does)
    SessionPage page =
        LocalStack.eventually(
            () -> {
              SessionPage listed =
                  sessions.listSessions(0, 20, "completed", InterviewType.TECHNICAL);
              return listed.getSessions().stream().anyMatch(i -> i.getId().equals(id.toString()))
                  ? listed
                  : null;
            });
    assertThat(page.getSessions()).extracting(SessionItem::getId).contains(id.toString());
  }

  @Test
  void anUnknownSessionIsAProblemTheClientCanRead() throws Exception {
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> sessions.getSession(unknown))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                  .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
              Problem problem = problem(e);
              assertThat(problem.getStatus()).isEqualTo(404);
              assertThat(problem.getTitle()).isEqualTo("Not found");
              assertThat(problem.getDetail()).contains(unknown.toString());
            });
  }

  /** The metrics every text answer gets, whatever its words. */
  private static void assertMetrics(AnswerMetrics metrics) {
    assertThat(metrics.getWordCount()).isBetween(40, 60);
    assertThat(metrics.getWordsPerMinute()).isPositive();
    assertThat(metrics.getLexicalDiversity()).isPositive();
    assertThat(metrics.getStar()).isNotNull();
    assertThat(metrics.getPace()).isNotNull();
    assertThat(metrics.getFluency()).isNotNull();
    assertThat(metrics.getConciseness()).isNotNull();
  }

  /** The session, or null while the projection has not written it yet (404). */
  private static Session sessionIfProjected(UUID id) throws ApiException {
    try {
      return sessions.getSession(id);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static Problem problem(ApiException e) {
    try {
      return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    } catch (java.io.IOException parse) {
      throw new AssertionError("not a problem document: " + e.getResponseBody(), parse);
    }
  }
}
