package dev.rehearse.stream.functions;

import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.interview.PlannedQuestion;
import dev.rehearse.core.interview.ProfileContext;
import java.util.List;
import java.util.Optional;

/**
 * A command with what was prepared for it: for a start, the profile context and, when an LLM
 * planned the interview, its plan; empty otherwise (the offline interviewer plans).
 */
public record Enriched(
    SessionCommand command, ProfileContext context, Optional<List<PlannedQuestion>> plan) {

  public Enriched {
    plan = plan == null ? Optional.empty() : plan;
  }

  public static Enriched bare(SessionCommand command) {
    return new Enriched(command, ProfileContext.EMPTY, Optional.empty());
  }
}
