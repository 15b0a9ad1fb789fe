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
 */
public record Enriched(
    SessionCommand command,
    ProfileContext context,
    Optional<List<PlannedQuestion>> plan,
    Optional<AudioMetrics> audio) {

  public Enriched {
    plan = plan == null ? Optional.empty() : plan;
    audio = audio == null ? Optional.empty() : audio;
  }

  /** A start with its context and plan. */
  public Enriched(
      SessionCommand command, ProfileContext context, Optional<List<PlannedQuestion>> plan) {
    this(command, context, plan, Optional.empty());
  }

  public static Enriched bare(SessionCommand command) {
    return new Enriched(command, ProfileContext.EMPTY, Optional.empty(), Optional.empty());
  }

  /** This command, replaced by {@code command} (a transcribed answer), with the audio's metrics. */
  public Enriched spoken(SessionCommand command, AudioMetrics audio) {
    return new Enriched(command, context, plan, Optional.of(audio));
  }
}
