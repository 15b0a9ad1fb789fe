package dev.rehearse.core.interview;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.core.analytics.ProvisionalScore;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.events.SessionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One interview as a state machine: start → ask → analyse answer → ask next or complete. Pure: the
 * same state and command always give the same transition, and event ids derive from the session and
 * the question index, so a replay emits the same ids.
 */
public final class InterviewStateMachine {

  /** The reason, and command id, of a session ended by the idle timeout. */
  public static final String IDLE_TIMEOUT = "idle-timeout";

  private final OfflineInterviewer interviewer;
  private final AnswerAnalyzer analyzer;

  public InterviewStateMachine(OfflineInterviewer interviewer, AnswerAnalyzer analyzer) {
    this.interviewer = interviewer;
    this.analyzer = analyzer;
  }

  /** Applies {@code command} to the session's state ({@code empty} before it started). */
  public Transition apply(Optional<InterviewState> state, SessionCommand command) {
    return apply(state, command, ProfileContext.EMPTY);
  }

  /**
   * Applies {@code command}; a start plans the session with {@code context}, what was retrieved of
   * the candidate's profile.
   */
  public Transition apply(
      Optional<InterviewState> state, SessionCommand command, ProfileContext context) {
    return apply(state, command, context, Optional.empty());
  }

  /**
   * Applies {@code command}; a start takes {@code plan} when another interviewer (an LLM) made one,
   * and otherwise plans with the offline interviewer and {@code context}.
   */
  public Transition apply(
      Optional<InterviewState> state,
      SessionCommand command,
      ProfileContext context,
      Optional<List<PlannedQuestion>> plan) {
    return apply(state, command, context, plan, Optional.empty());
  }

  /**
   * Applies {@code command}; an answer's metrics carry {@code audio}, what the recording of a
   * spoken answer measured (absent for typed answers, or when the analysis did not finish in time).
   */
  public Transition apply(
      Optional<InterviewState> state,
      SessionCommand command,
      ProfileContext context,
      Optional<List<PlannedQuestion>> plan,
      Optional<AudioMetrics> audio) {
    if (state.isPresent() && state.get().handledCommands().contains(command.commandId())) {
      return new Transition(state, List.of());
    }
    if (state.isPresent() && !state.get().userId().equals(command.userId())) {
      // another user's session looks exactly like a missing one
      return reject(state, command, RejectionReason.SESSION_NOT_FOUND, "no such session");
    }
    if (command instanceof StartSession start) {
      return state.isPresent()
          ? reject(state, command, RejectionReason.SESSION_EXISTS, "a session with this id exists")
          : start(
              start,
              plan.orElseGet(() -> interviewer.plan(start.sessionId(), start.spec(), context)));
    }
    if (state.isEmpty()) {
      return reject(state, command, RejectionReason.SESSION_NOT_FOUND, "no such session");
    }
    if (command instanceof SubmitAnswer answer) {
      return answer(state.get(), answer, audio);
    }
    return new Transition(
        Optional.empty(), List.of(completed(state.get(), command, "completed-by-candidate")));
  }

  /**
   * Ends a session nobody touched for the idle timeout. The event's command id is {@code
   * idle-timeout}: no request waits for it.
   */
  public Transition expire(InterviewState state, Instant now) {
    SessionCommand timeout =
        new SessionCommand.CompleteSession(
            SessionCommand.SCHEMA_VERSION, IDLE_TIMEOUT, state.sessionId(), state.userId(), now);
    return new Transition(Optional.empty(), List.of(completed(state, timeout, IDLE_TIMEOUT)));
  }

  private Transition start(StartSession start, List<PlannedQuestion> plan) {
    InterviewState state =
        new InterviewState(
            start.sessionId(),
            start.userId(),
            start.spec(),
            plan,
            0,
            0,
            0,
            0,
            0,
            0,
            List.of(start.commandId()));
    SessionStarted started =
        new SessionStarted(
            SessionEvent.SCHEMA_VERSION,
            eventId(start.sessionId(), "started", 0),
            start.sessionId(),
            start.userId(),
            start.commandId(),
            start.spec(),
            plan.size(),
            start.at());
    return new Transition(Optional.of(state), List.of(started, ask(state, start)));
  }

  private Transition answer(
      InterviewState state, SubmitAnswer command, Optional<AudioMetrics> audio) {
    AnswerMetrics metrics;
    try {
      metrics =
          analyzer
              .analyze(
                  new AnalysisRequest(
                      Optional.of(state.plan().get(state.current()).text()),
                      command.answer(),
                      state.spec().language()))
              .withAudio(audio);
    } catch (IllegalArgumentException invalid) {
      // the API validates answers first; a command that slipped past must not stop the job
      return reject(
          Optional.of(state), command, RejectionReason.INVALID_ANSWER, invalid.getMessage());
    }
    int next = state.current() + 1;
    PlannedQuestion asked = state.plan().get(state.current());
    List<PlannedQuestion> plan = new ArrayList<>(state.plan());
    // an untranscribed spoken answer has no words to follow up on
    Optional<FollowUps.FollowUp> followUp =
        metrics.wordCount() > 0
                && plan.stream().filter(PlannedQuestion::followUp).count()
                    < FollowUps.MAX_PER_SESSION
            ? FollowUps.decide(asked, command.answer().text(), metrics)
            : Optional.empty();
    followUp.ifPresent(f -> plan.add(next, f.question()));
    List<String> handled = new ArrayList<>(state.handledCommands());
    handled.add(command.commandId());
    InterviewState updated =
        new InterviewState(
            state.sessionId(),
            state.userId(),
            state.spec(),
            plan,
            next,
            state.answers() + 1,
            state.totalWords() + metrics.wordCount(),
            state.wordsPerMinuteSum() + metrics.wordsPerMinute().orElse(0.0),
            state.wordsPerMinuteCount() + (metrics.wordsPerMinute().isPresent() ? 1 : 0),
            state.scoreSum() + ProvisionalScore.of(metrics),
            handled);
    List<SessionEvent> events = new ArrayList<>();
    events.add(
        new AnswerAnalyzed(
            SessionEvent.SCHEMA_VERSION,
            eventId(state.sessionId(), "answer", state.current()),
            state.sessionId(),
            state.userId(),
            command.commandId(),
            state.current(),
            state.spec().type(),
            asked.type(),
            state.spec().role(),
            asked.questionId(),
            state.plan().get(state.current()).text(),
            command.answer().text(),
            metrics,
            command.at(),
            asked.source(),
            asked.sourceUrl()));
    if (next < plan.size()) {
      events.add(ask(updated, command));
      // a follow-up is asked at once: what an LLM needs to word it for this answer goes along
      return new Transition(
          Optional.of(updated),
          events,
          followUp.map(
              f ->
                  new FollowUpDraft(
                      f.question().questionId(),
                      f.question().text(),
                      f.reason(),
                      asked.text(),
                      command.answer().text(),
                      state.spec().language())));
    }
    events.add(completed(updated, command, "plan-done"));
    return new Transition(Optional.empty(), events);
  }

  private static QuestionAsked ask(InterviewState state, SessionCommand cause) {
    PlannedQuestion question = state.plan().get(state.current());
    return new QuestionAsked(
        SessionEvent.SCHEMA_VERSION,
        eventId(state.sessionId(), "question", state.current()),
        state.sessionId(),
        state.userId(),
        cause.commandId(),
        state.current(),
        state.plan().size(),
        question.questionId(),
        question.text(),
        cause.at(),
        question.source(),
        question.sourceUrl());
  }

  private static SessionCompleted completed(
      InterviewState state, SessionCommand cause, String reason) {
    Optional<Double> averageWpm =
        state.wordsPerMinuteCount() == 0
            ? Optional.empty()
            : Optional.of(
                Math.round(state.wordsPerMinuteSum() / state.wordsPerMinuteCount() * 100.0)
                    / 100.0);
    SessionSummary summary =
        new SessionSummary(
            Math.min(state.current() + 1, state.plan().size()),
            state.answers(),
            state.totalWords(),
            averageWpm,
            state.answers() == 0
                ? Optional.empty()
                : Optional.of((int) Math.round((double) state.scoreSum() / state.answers())));
    return new SessionCompleted(
        SessionEvent.SCHEMA_VERSION,
        eventId(state.sessionId(), "completed", 0),
        state.sessionId(),
        state.userId(),
        cause.commandId(),
        reason,
        summary,
        cause.at());
  }

  private static Transition reject(
      Optional<InterviewState> state,
      SessionCommand command,
      RejectionReason reason,
      String detail) {
    CommandRejected rejected =
        new CommandRejected(
            SessionEvent.SCHEMA_VERSION,
            command.sessionId() + "/rejected/" + command.commandId(),
            command.sessionId(),
            command.userId(),
            command.commandId(),
            reason,
            detail,
            command.at());
    return new Transition(state, List.of(rejected));
  }

  /** The deterministic id of a session's event: session, kind and question index. */
  static String eventId(String sessionId, String kind, int index) {
    return sessionId + "/" + kind + "/" + index;
  }
}
