package dev.rehearse.search.documents;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;
import java.time.Instant;
import java.util.Optional;

/**
 * A document of the {@code turns} index: one answered question with the answer's metrics, written
 * once, keyed by the event id of its analysis.
 *
 * @param source where the question's content came from when not the bank or the candidate's
 *     profile: {@code research} for a question grounded in research on the target company
 * @param sourceUrl the page that content came from
 */
@FieldNames
public record TurnDocument(
    String eventId,
    String sessionId,
    String userId,
    int index,
    @Field(Kind.TEXT) String question,
    @Field(Kind.TEXT) String answer,
    AnswerMetrics metrics,
    Instant at,
    Optional<String> source,
    Optional<String> sourceUrl) {

  public TurnDocument {
    source = source == null ? Optional.empty() : source;
    sourceUrl = sourceUrl == null ? Optional.empty() : sourceUrl;
  }
}
