package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.Indices;
import dev.rehearse.search.documents.ProfileDocumentFields;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** The profile reader on Elasticsearch: the {@code profiles} alias, one document per user. */
public final class ElasticsearchProfileReader implements ProfileReader {

  private final BulkWriter documents;
  private final ObjectMapper mapper;

  public ElasticsearchProfileReader(BulkWriter documents, ObjectMapper mapper) {
    this.documents = documents;
    this.mapper = mapper;
  }

  @Override
  public Optional<StoredProfile> profile(String userId) throws IOException {
    return documents
        .get(Indices.PROFILES.alias(), userId)
        .filter(doc -> userId.equals(doc.get(ProfileDocumentFields.USER_ID)))
        .map(
            doc ->
                new StoredProfile(
                    mapper.convertValue(doc.get(ProfileDocumentFields.PROFILE), Profile.class),
                    (String) doc.get(ProfileDocumentFields.REVISION),
                    Instant.parse((String) doc.get(ProfileDocumentFields.UPDATED_AT))));
  }
}
