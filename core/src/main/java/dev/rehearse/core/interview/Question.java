package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewType;

/** A question of the bank; its text may hold {@code {role}} and {@code {company}} placeholders. */
public record Question(String id, InterviewType type, String text) {}
