package dev.rehearse.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.Indices;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads the session projections from Elasticsearch. */
final class SessionStore {

  private final ElasticsearchClient client;
  private final BulkWriter documents;

  SessionStore(ElasticsearchClient client) {
    this.client = client;
    this.documents = new BulkWriter(client);
  }

  /** The session document, if it exists and belongs to {@code userId}. */
  Optional<Map<String, Object>> session(String userId, String sessionId) throws IOException {
    return documents
        .get(Indices.SESSIONS.alias(), sessionId)
        .filter(doc -> userId.equals(doc.get("userId")));
  }

  /** The answered turns of a session, in question order. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> turns(String userId, String sessionId) throws IOException {
    SearchResponse<Map> response =
        client.search(
            s ->
                s.index(Indices.TURNS.alias())
                    .size(200)
                    .query(
                        q ->
                            q.bool(
                                b ->
                                    b.filter(
                                            f -> f.term(t -> t.field("sessionId").value(sessionId)))
                                        .filter(f -> f.term(t -> t.field("userId").value(userId)))))
                    .sort(o -> o.field(f -> f.field("index").order(SortOrder.Asc))),
            Map.class);
    return response.hits().hits().stream()
        .map(Hit::source)
        .filter(Objects::nonNull)
        .map(m -> (Map<String, Object>) m)
        .toList();
  }
}
