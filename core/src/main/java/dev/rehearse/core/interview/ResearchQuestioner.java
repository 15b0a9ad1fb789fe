package dev.rehearse.core.interview;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Writes the offline interviewer's question grounded in research: a fact one note states about the
 * company, turned into a question for the role. Implemented by the research module, which owns the
 * reading of hostile web text; {@link #NONE} asks nothing.
 */
@FunctionalInterface
public interface ResearchQuestioner extends Serializable {

  /** The source a research question carries in the session's turn. */
  String SOURCE = "research";

  /**
   * A question for {@code role} grounded in the first of {@code notes} that states a usable fact
   * about {@code company}; empty when none does.
   */
  Optional<Grounded> question(String company, String role, List<ResearchNote> notes);

  /**
   * A question and the page its fact came from.
   *
   * @param url the source page, shown to the candidate
   */
  record Grounded(String text, String url) {}

  /** No research questions. */
  ResearchQuestioner NONE = (company, role, notes) -> Optional.empty();
}
