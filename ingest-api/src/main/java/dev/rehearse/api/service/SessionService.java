package dev.rehearse.api.service;

import dev.rehearse.api.service.BatchReplies.Batch;
import dev.rehearse.api.service.BatchReplies.Queued;
import dev.rehearse.api.service.SessionOwners.Completion;
import dev.rehearse.api.service.SessionOwners.Owned;
import dev.rehearse.api.service.SessionReplies.Assessment;
import dev.rehearse.api.service.SessionReplies.LiveKitToken;
import dev.rehearse.api.service.SessionReplies.Pending;
import dev.rehearse.api.service.SessionReplies.Question;
import dev.rehearse.api.service.SessionReplies.Session;
import dev.rehearse.api.service.SessionReplies.SessionItem;
import dev.rehearse.api.service.SessionReplies.SessionPage;
import dev.rehearse.api.service.SessionReplies.Started;
import dev.rehearse.api.service.SessionReplies.Turn;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.AnswerFields;
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
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.voice.AudioDecoder;
import dev.rehearse.voice.AudioRejectedException;
import dev.rehearse.voice.DecodedAudio;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interview use cases, free of HTTP: publish a command, wait (bounded) for the interviewer's
 * events, shape the reply. Knows nothing of Javalin.
 *
 * <p>A command for a session is published only once the session is attributed to the caller ({@link
 * SessionOwners}, else the session document): another user's session, or one that cannot be
 * attributed, is 404 and nothing is published; a completed session takes no more answers (409) and
 * its completion is answered again (200) without asking the interviewer. A session completed
 * through another instance is known here as completed once the interviewer refuses a command for it
 * (it forgets ended sessions) and its document says it ended: the same 409 and 200 follow.
 */
public final class SessionService {

  private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

  /**
   * How many requests may wait for the interviewer's reply at once. Each holds a server thread
   * (Jetty's pool has 250) for up to the reply timeout: while the interview job is slow or away,
   * 100 answers a second would want about 500. A command published while this many wait is answered
   * 202 (accepted, poll for the reply) at once, which leaves threads for everything else.
   */
  static final int MAX_REPLY_WAITERS = 150;

  private final Semaphore replyWaiters = new Semaphore(MAX_REPLY_WAITERS);

  /** How long a refused command's session document is read again for its completion. */
  private static final Duration ENDED_ELSEWHERE_WAIT = Duration.ofSeconds(1);

  private final CommandBus bus;
  private final ReplyWaiter replies;
  private final SessionReader store;
  private final SessionOwners owners;
  private final BatchView batches;
  private final Duration replyTimeout;
  private final Clock clock;
  private final Optional<LiveKitTokens> liveKit;
  private final AudioStore audio;

  /** A service that refuses spoken answers ({@link AudioStore#NONE}). */
  public SessionService(
      CommandBus bus,
      ReplyWaiter replies,
      SessionReader store,
      SessionOwners owners,
      BatchView batches,
      Duration replyTimeout,
      Clock clock,
      Optional<LiveKitTokens> liveKit) {
    this(bus, replies, store, owners, batches, replyTimeout, clock, liveKit, AudioStore.NONE);
  }

  /**
   * @param audio where spoken answers are kept before they are published
   */
  public SessionService(
      CommandBus bus,
      ReplyWaiter replies,
      SessionReader store,
      SessionOwners owners,
      BatchView batches,
      Duration replyTimeout,
      Clock clock,
      Optional<LiveKitTokens> liveKit,
      AudioStore audio) {
    this.audio = audio;
    this.bus = bus;
    this.replies = replies;
    this.store = store;
    this.owners = owners;
    this.batches = batches;
    this.replyTimeout = replyTimeout;
    this.clock = clock;
    this.liveKit = liveKit;
  }

  /** Starts an interview: 201 with the first question, or 202 when the interviewer is slow. */
  public Reply<?> start(Caller caller, InterviewSpec spec) {
    String sessionId = UUID.randomUUID().toString();
    StartSession command =
        new StartSession(
            SessionCommand.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            sessionId,
            caller.userId(),
            spec,
            clock.instant());
    owners.remember(Owned.active(sessionId, caller.userId()));
    return send(command)
        .<Reply<?>>map(
            events -> {
              rejection(events).ifPresent(SessionService::fail);
              Optional<QuestionAsked> first = question(events);
              return new Reply<>(
                  201,
                  new Started(
                      sessionId,
                      "active",
                      first.map(QuestionAsked::questionCount),
                      first.map(SessionService::question)));
            })
        .orElseGet(() -> pending(sessionId));
  }

  /**
   * Submits an answer: 200 with its metrics and what comes next, or 202; 409 once the session is
   * completed.
   */
  public Reply<?> answer(Caller caller, String sessionId, Answer answer) {
    if (attributed(caller, sessionId).completed()) {
      completedConflict(sessionId);
    }
    SubmitAnswer command =
        new SubmitAnswer(
            SessionCommand.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            sessionId,
            caller.userId(),
            answer,
            clock.instant());
    return send(command)
        .<Reply<?>>map(
            events -> {
              endedElsewhere(caller, sessionId, events)
                  .ifPresent(ended -> SessionService.completedConflict(sessionId));
              return turnReply(sessionId, events);
            })
        .orElseGet(() -> pending(sessionId));
  }

  private static void completedConflict(String sessionId) {
    throw new Problem(
        409,
        "Conflict",
        "session " + sessionId + " is completed; it takes no more answers",
        Optional.empty());
  }

  /**
   * Submits a spoken answer (a WAV or Ogg Opus file): decoded and checked first (400 malformed or
   * truncated, 413 too long or large, 415 an unsupported encoding), then stored in the lake ({@code
   * raw/audio}), then published as an answer whose {@code audioRef} is the stored key and whose
   * duration is the recording's. Nothing is stored or published for audio that is refused. The
   * reply is the typed answer's, its metrics with {@code audio} when the stream measured it in
   * time, and the transcript when a transcriber heard one.
   */
  public Reply<?> spokenAnswer(Caller caller, String sessionId, byte[] wav) {
    if (attributed(caller, sessionId).completed()) {
      completedConflict(sessionId);
    }
    DecodedAudio decoded;
    try {
      decoded = AudioDecoder.decode(wav);
    } catch (AudioRejectedException rejected) {
      throw new Problem(
          rejected.httpStatus(),
          audioTitle(rejected.httpStatus()),
          rejected.getMessage(),
          Optional.empty());
    }
    String commandId = UUID.randomUUID().toString();
    String key = LakeDatasets.audioKey(caller.userId(), sessionId, commandId);
    audio.put(key, wav);
    Answer answer =
        new Answer(
            "",
            Optional.of(decoded.durationMs()),
            List.of(),
            Optional.of(key),
            Optional.empty(),
            Optional.empty());
    SubmitAnswer command =
        new SubmitAnswer(
            SessionCommand.SCHEMA_VERSION,
            commandId,
            sessionId,
            caller.userId(),
            answer,
            clock.instant());
    return send(command)
        .<Reply<?>>map(
            events -> {
              endedElsewhere(caller, sessionId, events)
                  .ifPresent(ended -> SessionService.completedConflict(sessionId));
              Reply<Turn> turn = turnReply(sessionId, events);
              return new Reply<>(turn.status(), turn.body().withTranscript(transcript(events)));
            })
        .orElseGet(() -> pending(sessionId));
  }

  /** What a transcriber heard: the analysed text of a spoken answer, when it has any. */
  private static Optional<String> transcript(List<SessionEvent> events) {
    return events.stream()
        .filter(AnswerAnalyzed.class::isInstance)
        .map(e -> ((AnswerAnalyzed) e).answer())
        .filter(text -> text != null && !text.isBlank())
        .reduce((first, second) -> second);
  }

  private static String audioTitle(int status) {
    return switch (status) {
      case 413 -> "Audio too large";
      case 415 -> "Unsupported audio";
      default -> "Invalid audio";
    };
  }

  /** Ends the interview early: 200 with the summary (again, once it is completed), or 202. */
  public Reply<?> complete(Caller caller, String sessionId) {
    Owned session = attributed(caller, sessionId);
    if (session.completed()) {
      return completion(session);
    }
    CompleteSession command =
        new CompleteSession(
            SessionCommand.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            sessionId,
            caller.userId(),
            clock.instant());
    return send(command)
        .<Reply<?>>map(
            events ->
                endedElsewhere(caller, sessionId, events)
                    .<Reply<?>>map(SessionService::completion)
                    .orElseGet(() -> turnReply(sessionId, events)))
        .orElseGet(() -> pending(sessionId));
  }

  /** A completed session's completion, answered again. */
  private static Reply<Turn> completion(Owned session) {
    Completion completion = session.completion().orElseThrow();
    return new Reply<>(
        200,
        new Turn(
            session.sessionId(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(SessionDocument.COMPLETED),
            Optional.empty(),
            completion.reason(),
            completion.summary(),
            Optional.empty()));
  }

  /** The caller's session with its answered turns. */
  public Reply<Session> get(Caller caller, String sessionId) throws IOException {
    SessionDocument document =
        store
            .session(caller.userId(), sessionId)
            .orElseThrow(() -> Problem.notFound("session " + sessionId));
    return new Reply<>(
        200, new Session(sessionId, document, store.turns(caller.userId(), sessionId)));
  }

  /**
   * A LiveKit token for the room of the caller's own session, whose room is created first (503 when
   * LiveKit cannot create it).
   */
  public Reply<LiveKitToken> liveKitToken(Caller caller, String sessionId) throws IOException {
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
    LiveKitTokens.Grant grant = tokens.join(caller.userId(), sessionId);
    return new Reply<>(
        201,
        new LiveKitToken(
            grant.token(), grant.url(), grant.room(), grant.identity(), grant.expiresAt()));
  }

  /** The caller's sessions, newest first. */
  public Reply<SessionPage> list(Caller caller, SessionQuery query) throws IOException {
    SessionReader.Page page = store.sessions(caller.userId(), query);
    List<SessionItem> items =
        page.sessions().stream().map(s -> new SessionItem(s.sessionId().orElseThrow(), s)).toList();
    return new Reply<>(200, new SessionPage(page.total(), query.offset(), query.limit(), items));
  }

  /** Requests the session's assessment: a batch of the assessment job over this session. */
  public Reply<Queued> assess(Caller caller, String sessionId) throws IOException {
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
    bus.publish(Topics.BATCH_REQUESTS, request.batchId(), request);
    return new Reply<>(
        202,
        new Queued(
            request.batchId(), "queued", "/ai-interview/sessions/" + sessionId + "/assessment"));
  }

  /**
   * The session's assessment (scores, evidence, feedback) and aggregate once a batch computed them;
   * 202 while they do not exist yet.
   */
  public Reply<Assessment> assessment(Caller caller, String sessionId) throws IOException {
    var session =
        store
            .session(caller.userId(), sessionId)
            .orElseThrow(() -> Problem.notFound("session " + sessionId));
    var assessment = store.assessment(caller.userId(), sessionId);
    if (assessment.isPresent() && session.aggregate().isPresent()) {
      Optional<Batch> batch =
          Optional.ofNullable(assessment.get().batchId()).flatMap(batches::get).map(Batch::of);
      return new Reply<>(
          200, new Assessment(sessionId, "ready", assessment, session.aggregate(), batch));
    }
    return new Reply<>(
        202,
        new Assessment(sessionId, "pending", Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /** A batch the caller requested (an admin sees every batch). */
  public Reply<Batch> batch(Caller caller, String batchId) {
    BatchView.Entry entry =
        batches
            .get(batchId)
            .filter(b -> b.request().requestedBy().equals(caller.userId()) || caller.isAdmin())
            .orElseThrow(() -> Problem.notFound("batch " + batchId));
    return new Reply<>(200, Batch.of(entry));
  }

  /**
   * The caller's session as the owner view knows it; else its document (remembered); else its first
   * event if it comes within a short wait. 404 when it is another user's or unknown; 503 when it is
   * unknown to the view and the documents cannot be read.
   */
  private Owned attributed(Caller caller, String sessionId) {
    Optional<Owned> known = owners.find(sessionId);
    boolean documentsUnreadable = false;
    if (known.isEmpty()) {
      try {
        known = document(caller, sessionId);
        known.ifPresent(owners::remember);
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read session {} to attribute it: {}", sessionId, e.toString());
        documentsUnreadable = true;
      }
    }
    if (known.isEmpty()) {
      try {
        known = owners.awaitStart(sessionId, () -> document(caller, sessionId));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (known.isEmpty() && documentsUnreadable) {
      throw Problem.unavailable(
          "the session cannot be looked up now; nothing was accepted, try again",
          Duration.ofSeconds(2));
    }
    return known
        .filter(s -> s.ownedBy(caller.userId()))
        .orElseThrow(() -> Problem.notFound("session " + sessionId));
  }

  /**
   * Who a session belongs to, for callers that know only the session (LiveKit's webhook): as this
   * instance knows it, else by its document (the session may have been started through another
   * instance); 503 when the documents cannot be read.
   */
  public Optional<String> ownerOf(String sessionId) {
    Optional<Owned> known = owners.find(sessionId);
    if (known.isPresent()) {
      return known.map(Owned::userId);
    }
    try {
      return store.owner(sessionId);
    } catch (IOException e) {
      LOG.warn("cannot read session {} to find its owner: {}", sessionId, e.toString());
      throw Problem.unavailable(
          "the session cannot be looked up now; try again", Duration.ofSeconds(2));
    }
  }

  /** The caller's session as its document says. */
  private Optional<Owned> document(Caller caller, String sessionId) throws IOException {
    return store.session(caller.userId(), sessionId).map(d -> owned(sessionId, d));
  }

  /**
   * The session's completion when the interviewer refused a command because it no longer knows the
   * session (it forgets a session when it ends) and the session's document says it is over: it was
   * completed through another instance, or expired, and this instance had not seen it end. The
   * projection may trail the interviewer by a moment, so the document is read again for a short
   * while.
   */
  private Optional<Owned> endedElsewhere(
      Caller caller, String sessionId, List<SessionEvent> events) {
    boolean forgotten =
        rejection(events).filter(r -> r.reason() == RejectionReason.SESSION_NOT_FOUND).isPresent();
    if (!forgotten) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + ENDED_ELSEWHERE_WAIT.toNanos();
    try {
      while (true) {
        Optional<Owned> ended = document(caller, sessionId).filter(Owned::completed);
        if (ended.isPresent()) {
          owners.remember(ended.get());
          return ended;
        }
        if (System.nanoTime() >= deadline) {
          return Optional.empty();
        }
        Thread.sleep(100);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read session {} to see whether it ended: {}", sessionId, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** What a session document says of its owner and completion. */
  private static Owned owned(String sessionId, SessionDocument document) {
    if (!document.status().filter(SessionDocument.COMPLETED::equals).isPresent()) {
      return Owned.active(sessionId, document.userId().orElseThrow());
    }
    SessionSummary summary =
        new SessionSummary(
            document.questionsAsked().orElse(0),
            document.answers().orElse(0),
            document.totalWords().orElse(0L),
            document.averageWordsPerMinute(),
            document.provisionalScore());
    return new Owned(
        sessionId,
        document.userId().orElseThrow(),
        Optional.of(new Completion(document.completionReason(), Optional.of(summary))));
  }

  /** How many requests wait for the interviewer's reply now. */
  int waitingForReplies() {
    return MAX_REPLY_WAITERS - replyWaiters.availablePermits();
  }

  /**
   * Publishes a command and waits for its events; empty if they did not come in time, or if {@link
   * #MAX_REPLY_WAITERS} requests wait already. The reply timeout counts from before the publishing,
   * so a record the broker was slow to take does not hold the request for the whole timeout again.
   */
  private Optional<List<SessionEvent>> send(SessionCommand command) {
    long deadline = System.nanoTime() + replyTimeout.toNanos();
    CompletableFuture<List<SessionEvent>> reply = replies.expect(command.commandId());
    try {
      bus.publish(Topics.SESSION_COMMANDS, command.sessionId(), command);
      if (!replyWaiters.tryAcquire()) {
        return Optional.empty();
      }
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        return Optional.of(reply.get(left, TimeUnit.NANOSECONDS));
      } finally {
        replyWaiters.release();
      }
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

  /** The reply to an answer or completion; a later event of a kind wins over an earlier one. */
  private static Reply<Turn> turnReply(String sessionId, List<SessionEvent> events) {
    rejection(events).ifPresent(SessionService::fail);
    Optional<Integer> index = Optional.empty();
    Optional<AnswerMetrics> metrics = Optional.empty();
    Optional<String> status = Optional.empty();
    Optional<Question> next = Optional.empty();
    Optional<String> completionReason = Optional.empty();
    Optional<SessionSummary> summary = Optional.empty();
    for (SessionEvent event : events) {
      if (event instanceof AnswerAnalyzed analyzed) {
        index = Optional.of(analyzed.index());
        metrics = Optional.of(analyzed.metrics());
      } else if (event instanceof QuestionAsked asked) {
        status = Optional.of("active");
        next = Optional.of(question(asked));
      } else if (event instanceof SessionCompleted completed) {
        status = Optional.of("completed");
        completionReason = Optional.ofNullable(completed.reason());
        summary = Optional.ofNullable(completed.summary());
      }
    }
    return new Reply<>(
        200,
        new Turn(
            sessionId, index, metrics, status, next, completionReason, summary, Optional.empty()));
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

  private static Question question(QuestionAsked asked) {
    return new Question(
        asked.index(), asked.questionId(), asked.text(), asked.source(), asked.sourceUrl());
  }

  private static void fail(CommandRejected rejected) {
    if (rejected.reason() == RejectionReason.SESSION_NOT_FOUND) {
      throw Problem.notFound("session " + rejected.sessionId());
    }
    if (rejected.reason() == RejectionReason.INVALID_ANSWER) {
      throw new Problem(
          422, "Answer not accepted", rejected.detail(), Optional.of(AnswerFields.TEXT));
    }
    throw new Problem(409, "Conflict", rejected.detail(), Optional.empty());
  }

  private static Reply<Pending> pending(String sessionId) {
    return new Reply<>(202, Pending.of(sessionId));
  }
}
