package dev.rehearse.search.documents;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;
import java.time.Instant;

/**
 * A document of the {@code turns} index: one answered question with the answer's metrics, written
 * once, keyed by the event id of its analysis.
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
    Instant at) {}
