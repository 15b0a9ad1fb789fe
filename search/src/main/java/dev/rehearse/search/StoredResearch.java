package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.rehearse.search.documents.ProfileChunkDocument;
import dev.rehearse.search.documents.ProfileChunkDocumentFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The research chunks a {@code profile-chunks} version holds, for a rebuild to carry over: research
 * is not in the profiles topic a rebuild reads, so without this a rebuild would lose it until the
 * profile job next researched the user.
 */
public final class StoredResearch {

  private StoredResearch() {}

  /** {@code users}' research chunks in {@code index}, without their vectors, by user, in order. */
  public static Map<String, List<ProfileChunkDocument>> of(
      ElasticsearchClient client, String index, Collection<String> users) throws IOException {
    Map<String, List<ProfileChunkDocument>> research = new HashMap<>();
    if (users.isEmpty()) {
      return research;
    }
    SearchResponse<ProfileChunkDocument> response =
        client.search(
            s ->
                s.index(index)
                    .size(users.size() * ProfileChunks.MAX_RESEARCH)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(
                        Queries.allOf(
                            Queries.terms(ProfileChunkDocumentFields.USER_ID, users),
                            Queries.term(
                                ProfileChunkDocumentFields.SECTION, ProfileChunks.RESEARCH)))
                    .source(src -> src.filter(f -> f.excludes(ProfileChunkDocumentFields.VECTOR))),
            ProfileChunkDocument.class);
    for (Hit<ProfileChunkDocument> hit : response.hits().hits()) {
      ProfileChunkDocument doc = hit.source();
      if (doc != null && ProfileChunkWrites.note(doc).isPresent()) {
        research.computeIfAbsent(doc.userId(), u -> new ArrayList<>()).add(doc);
      }
    }
    research.values().forEach(l -> l.sort(Comparator.comparingInt(ProfileChunkDocument::chunk)));
    return research;
  }

  /** The write that puts {@code doc} back, with {@code vector}, under its own id. */
  public static IndexWrite copy(ProfileChunkDocument doc, float[] vector) {
    return new Replace(
        Indices.PROFILE_CHUNKS.alias(),
        ProfileChunkWrites.researchId(doc.userId(), doc.chunk()),
        new ProfileChunkDocument(
            doc.userId(),
            doc.chunk(),
            doc.section(),
            doc.text(),
            doc.revision(),
            vector,
            doc.company(),
            doc.sourceUrl(),
            doc.provider(),
            doc.retrievedAt()));
  }
}
