package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewType;

/**
 * A question as it will be asked in one session, placeholders filled.
 *
 * @param type the kind of question (in a mixed interview, each question has its own)
 * @param followUp whether it follows up the answer before it rather than coming from the plan
 */
public record PlannedQuestion(
    String questionId, InterviewType type, String text, boolean followUp) {}
