package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;
import java.time.Instant;
import java.util.Optional;

/**
 * A document of the {@code profile-chunks} index: a passage of a profile with its embedding, for
 * retrieval by kNN filtered by user. A chunk of the {@code research} section is a snippet of
 * research on the candidate's target company, with where and when it was found.
 *
 * @param company research only: the company researched
 * @param sourceUrl research only: the page the snippet came from
 * @param provider research only: the web-search service that found it
 * @param retrievedAt research only: when it was fetched
 */
@FieldNames
public record ProfileChunkDocument(
    String userId,
    int chunk,
    String section,
    @Field(Kind.TEXT) String text,
    String revision,
    @Field(Kind.VECTOR) float[] vector,
    Optional<String> company,
    Optional<String> sourceUrl,
    Optional<String> provider,
    Optional<Instant> retrievedAt) {

  public ProfileChunkDocument {
    company = company == null ? Optional.empty() : company;
    sourceUrl = sourceUrl == null ? Optional.empty() : sourceUrl;
    provider = provider == null ? Optional.empty() : provider;
    retrievedAt = retrievedAt == null ? Optional.empty() : retrievedAt;
  }

  /** A passage of the profile itself. */
  public ProfileChunkDocument(
      String userId, int chunk, String section, String text, String revision, float[] vector) {
    this(
        userId,
        chunk,
        section,
        text,
        revision,
        vector,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
