package dev.rehearse.api.service;

import dev.rehearse.fieldnames.FieldNames;
import java.util.Optional;

/**
 * Which of the caller's sessions to list: optionally a status and a type, and the page. Its
 * components are named as the query parameters of {@code GET /ai-interview/sessions}.
 */
@FieldNames
public record SessionQuery(Optional<String> status, Optional<String> type, int offset, int limit) {

  public static final int MAX_LIMIT = 100;
  public static final int MAX_OFFSET = 10_000;
}
