package dev.rehearse.core.interview;

/** A question as it will be asked in one session, placeholders filled. */
public record PlannedQuestion(String questionId, String text) {}
