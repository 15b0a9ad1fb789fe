package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;

/**
 * A document of the {@code profile-chunks} index: a passage of a profile with its embedding, for
 * retrieval by kNN filtered by user.
 */
@FieldNames
public record ProfileChunkDocument(
    String userId,
    int chunk,
    String section,
    @Field(Kind.TEXT) String text,
    String revision,
    @Field(Kind.VECTOR) float[] vector) {}
