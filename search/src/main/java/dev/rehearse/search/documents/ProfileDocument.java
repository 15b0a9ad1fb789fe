package dev.rehearse.search.documents;

import dev.rehearse.core.profile.Profile;
import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A document of the {@code profiles} index: a candidate's profile as of its latest revision, a few
 * fields indexed for filtering, the whole profile kept as stored source only.
 */
@FieldNames
public record ProfileDocument(
    String userId,
    String revision,
    Instant updatedAt,
    String targetRole,
    Optional<String> seniority,
    List<String> technicalSkills,
    @Field(Kind.OPAQUE) Profile profile) {}
