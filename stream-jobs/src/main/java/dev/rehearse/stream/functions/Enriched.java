package dev.rehearse.stream.functions;

import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.interview.PlannedQuestion;
import dev.rehearse.core.interview.ProfileContext;
import java.util.List;
import java.util.Optional;

/**
 * A command with what was prepared for it: for a start, the profile context and, when an LLM
 * planned the interview, its plan; for a spoken answer, what its recording measured ({@link
 * AudioAnalysis}); empty otherwise (the offline interviewer plans, a typed answer has no audio).
 * The command's trace ({@link Traced#traceparent}) and reply partition ({@link
 * Traced#replyPartition}) go along.
 */
public record Enriched(
    SessionCommand command,
    ProfileContext context,
    Optional<List<PlannedQuestion>> plan,
    Optional<AudioMetrics> audio,
    Optional<String> traceparent,
    Optional<Integer> replyPartition) {

  public Enriched {
    plan = plan == null ? Optional.empty() : plan;
    audio = audio == null ? Optional.empty() : audio;
    traceparent = traceparent == null ? Optional.empty() : traceparent;
    replyPartition = replyPartition == null ? Optional.empty() : replyPartition;
  }

  /** A start with its context and plan. */
  public Enriched(
      Traced<SessionCommand> command,
      ProfileContext context,
      Optional<List<PlannedQuestion>> plan) {
    this(
        command.value(),
        context,
        plan,
        Optional.empty(),
        command.traceparent(),
        command.replyPartition());
  }

  public static Enriched bare(SessionCommand command) {
    return bare(Traced.untraced(command));
  }

  /** A command with nothing prepared, in its trace. */
  public static Enriched bare(Traced<SessionCommand> command) {
    return new Enriched(
        command.value(),
        ProfileContext.EMPTY,
        Optional.empty(),
        Optional.empty(),
        command.traceparent(),
        command.replyPartition());
  }

  /** This command, replaced by {@code command} (a transcribed answer), with the audio's metrics. */
  public Enriched spoken(SessionCommand command, AudioMetrics audio) {
    return new Enriched(command, context, plan, Optional.of(audio), traceparent, replyPartition);
  }

  /** The command with its trace and reply partition. */
  public Traced<SessionCommand> traced() {
    return new Traced<>(command, traceparent, replyPartition);
  }
}
