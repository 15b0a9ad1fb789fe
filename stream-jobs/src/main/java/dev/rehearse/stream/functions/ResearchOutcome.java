package dev.rehearse.stream.functions;

import dev.rehearse.core.interview.ResearchNote;
import java.util.List;

/**
 * The research step's answer to one task: what was found (nothing when the task dropped the
 * research, or every provider failed, timed out or found nothing).
 */
public record ResearchOutcome(ResearchTask task, List<ResearchNote> notes) {

  public ResearchOutcome {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public String userId() {
    return task.userId();
  }
}
