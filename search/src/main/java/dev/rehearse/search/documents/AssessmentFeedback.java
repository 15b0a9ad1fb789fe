package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import java.util.List;

/**
 * The feedback of an assessment, as the {@code feedback} of an {@link AssessmentDocument} holds it:
 * written by the offline assessor from the scores, or by an LLM and validated.
 *
 * @param strengths 3–5 things the candidate did well
 * @param improvements 3–5 things to work on
 * @param narrative a short paragraph on the session
 * @param nextSteps what to practise next
 * @param topics topics to practise
 */
@FieldNames
public record AssessmentFeedback(
    List<String> strengths,
    List<String> improvements,
    String narrative,
    List<String> nextSteps,
    List<String> topics) {}
