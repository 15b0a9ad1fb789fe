package dev.rehearse.api.service;

import dev.rehearse.api.http.Requests;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.CompleteSession;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The interview use cases, free of HTTP: publish a command, wait (bounded) for the interviewer's
 * events, shape the reply. Knows nothing of Javalin.
 */
public final class SessionService {

  private final Publisher publisher;
  private final Replies replies;
  private final SessionStore store;
  private final BatchView batches;
  private final Duration replyTimeout;
  private final Clock clock;
  private final Optional<LiveKitTokens> liveKit;

  public SessionService(
      Publisher publisher,
      Replies replies,
      SessionStore store,
      BatchView batches,
      Duration replyTimeout,
      Clock clock,
      Optional<LiveKitTokens> liveKit) {
    this.publisher = publisher;
    this.replies = replies;
    this.store = store;
    this.batches = batches;
    this.replyTimeout = replyTimeout;
    this.clock = clock;
    this.liveKit = liveKit;
  }

  public Reply start(Caller caller, InterviewSpec spec) {
    String sessionId = UUID.randomUUID().toString();
    StartSession command =
        new StartSession(
            SessionCommand.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            sessionId,
            caller.userId(),
            spec,
            clock.instant());
    return send(command)
        .map(
            events -> {
              rejection(events).ifPresent(SessionService::fail);
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("id", sessionId);
              body.put("status", "active");
              question(events)
                  .ifPresent(
                      q -> {
                        body.put("questionCount", q.questionCount());
                        body.put("question", question(q));
                      });
              return new Reply(201, body);
            })
        .orElseGet(() -> pending(sessionId));
  }

  public Reply answer(Caller caller, String sessionId, Answer answer) {
    SubmitAnswer command =
        new SubmitAnswer(
            SessionCommand.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            sessionId,
            caller.userId(),
            answer,
            clock.instant());
    return send(command)
        .map(events -> turnReply(sessionId, events))
        .orElseGet(() -> pending(sessionId));
  }

  public Reply complete(Caller caller, String sessionId) {
    CompleteSession command =
        new CompleteSession(
            SessionCommand.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            sessionId,
            caller.userId(),
            clock.instant());
    return send(command)
        .map(events -> turnReply(sessionId, events))
        .orElseGet(() -> pending(sessionId));
  }

  public Reply get(Caller caller, String sessionId) throws IOException {
    Map<String, Object> session =
        new LinkedHashMap<>(
            store
                .session(caller.userId(), sessionId)
                .orElseThrow(() -> Problem.notFound("session " + sessionId)));
    session.remove("sessionId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", sessionId);
    body.putAll(session);
    body.put("turns", store.turns(caller.userId(), sessionId));
    return new Reply(200, body);
  }

  /** A LiveKit token for the room of the caller's own session. */
  public Reply liveKitToken(Caller caller, String sessionId) throws IOException {
    LiveKitTokens tokens =
        liveKit.orElseThrow(
            () ->
                new Problem(
                    503,
                    "Service unavailable",
                    "LiveKit is not configured on this deployment",
                    Optional.empty()));
    store
        .session(caller.userId(), sessionId)
        .orElseThrow(() -> Problem.notFound("session " + sessionId));
    LiveKitTokens.Grant grant = tokens.issue(caller.userId(), sessionId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", grant.token());
    body.put("url", grant.url());
    body.put("room", grant.room());
    body.put("identity", grant.identity());
    body.put("expiresAt", grant.expiresAt().toString());
    return new Reply(201, body);
  }

  /** The caller's sessions, newest first. */
  public Reply list(Caller caller, Requests.SessionQuery query) throws IOException {
    SessionStore.Page page =
        store.sessions(
            caller.userId(), query.status(), query.type(), query.offset(), query.limit());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("offset", query.offset());
    body.put("limit", query.limit());
    body.put(
        "sessions",
        page.sessions().stream()
            .map(
                s -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("id", s.get("sessionId"));
                  s.forEach(
                      (k, v) -> {
                        if (!k.equals("sessionId")
                            && !k.equals("userId")
                            && !k.equals("currentQuestion")) {
                          item.put(k, v);
                        }
                      });
                  return item;
                })
            .toList());
    return new Reply(200, body);
  }

  /** Requests the session's assessment: a batch of the assessment job over this session. */
  public Reply assess(Caller caller, String sessionId) throws IOException {
    store
        .session(caller.userId(), sessionId)
        .orElseThrow(() -> Problem.notFound("session " + sessionId));
    BatchRequest request =
        BatchRequest.sessions(
            UUID.randomUUID().toString(),
            BatchJob.ASSESSMENT,
            caller.userId(),
            List.of(sessionId),
            clock.instant());
    publisher.publish(Topics.BATCH_REQUESTS, request.batchId(), request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batchId", request.batchId());
    body.put("status", "queued");
    body.put("poll", "/ai-interview/sessions/" + sessionId + "/assessment");
    return new Reply(202, body);
  }

  /**
   * The session's assessment (scores, evidence, feedback) and aggregate once a batch computed them;
   * 202 while they do not exist yet.
   */
  public Reply assessment(Caller caller, String sessionId) throws IOException {
    Map<String, Object> session =
        store
            .session(caller.userId(), sessionId)
            .orElseThrow(() -> Problem.notFound("session " + sessionId));
    Optional<Map<String, Object>> assessment = store.assessment(caller.userId(), sessionId);
    Object aggregate = session.get("aggregate");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionId", sessionId);
    if (assessment.isPresent() && aggregate instanceof Map<?, ?> map) {
      Map<String, Object> scores = new LinkedHashMap<>(assessment.get());
      scores.remove("sessionId");
      scores.remove("userId");
      body.put("status", "ready");
      body.put("assessment", scores);
      body.put("aggregate", map);
      if (scores.get("batchId") instanceof String id) {
        batches.get(id).ifPresent(b -> body.put("batch", batch(b)));
      }
      return new Reply(200, body);
    }
    body.put("status", "pending");
    return new Reply(202, body);
  }

  public Reply batch(Caller caller, String batchId) {
    BatchView.Entry entry =
        batches
            .get(batchId)
            .filter(b -> b.request().requestedBy().equals(caller.userId()) || caller.isAdmin())
            .orElseThrow(() -> Problem.notFound("batch " + batchId));
    return new Reply(200, batch(entry));
  }

  public static Map<String, Object> batch(BatchView.Entry entry) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batchId", entry.request().batchId());
    body.put("job", entry.request().job().wireName());
    body.put("state", entry.status().state().wireName());
    entry.status().processed().ifPresent(p -> body.put("processed", p));
    entry.status().detail().ifPresent(d -> body.put("detail", d));
    body.put("updatedAt", entry.status().at().toString());
    return body;
  }

  /** Publishes a command and waits for its events; empty if they did not come in time. */
  private Optional<List<SessionEvent>> send(SessionCommand command) {
    CompletableFuture<List<SessionEvent>> reply = replies.expect(command.commandId());
    try {
      publisher.publish(Topics.SESSION_COMMANDS, command.sessionId(), command);
      return Optional.of(reply.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("reply failed", e.getCause());
    } finally {
      replies.forget(command.commandId());
    }
  }

  private static Reply turnReply(String sessionId, List<SessionEvent> events) {
    rejection(events).ifPresent(SessionService::fail);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionId", sessionId);
    for (SessionEvent event : events) {
      if (event instanceof AnswerAnalyzed analyzed) {
        body.put("index", analyzed.index());
        body.put("metrics", analyzed.metrics());
      } else if (event instanceof QuestionAsked asked) {
        body.put("status", "active");
        body.put("next", question(asked));
      } else if (event instanceof SessionCompleted completed) {
        body.put("status", "completed");
        body.put("completionReason", completed.reason());
        body.put("summary", completed.summary());
      }
    }
    return new Reply(200, body);
  }

  private static Optional<CommandRejected> rejection(List<SessionEvent> events) {
    return events.stream()
        .filter(CommandRejected.class::isInstance)
        .map(CommandRejected.class::cast)
        .findFirst();
  }

  private static Optional<QuestionAsked> question(List<SessionEvent> events) {
    return events.stream()
        .filter(QuestionAsked.class::isInstance)
        .map(QuestionAsked.class::cast)
        .findFirst();
  }

  private static Map<String, Object> question(QuestionAsked asked) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("index", asked.index());
    q.put("questionId", asked.questionId());
    q.put("text", asked.text());
    return q;
  }

  private static void fail(CommandRejected rejected) {
    if (rejected.reason() == RejectionReason.SESSION_NOT_FOUND) {
      throw Problem.notFound("session " + rejected.sessionId());
    }
    if (rejected.reason() == RejectionReason.INVALID_ANSWER) {
      throw new Problem(422, "Answer not accepted", rejected.detail(), Optional.of("text"));
    }
    throw new Problem(409, "Conflict", rejected.detail(), Optional.empty());
  }

  private static Reply pending(String sessionId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", sessionId);
    body.put("status", "pending");
    body.put("detail", "accepted; the interviewer has not answered yet");
    body.put("poll", "/ai-interview/sessions/" + sessionId);
    return new Reply(202, body);
  }
}
