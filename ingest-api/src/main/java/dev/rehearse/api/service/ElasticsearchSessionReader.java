package dev.rehearse.api.service;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Queries;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.SessionDocumentFields;
import dev.rehearse.search.documents.TurnDocument;
import dev.rehearse.search.documents.TurnDocumentFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session reader on Elasticsearch: the {@code sessions}, {@code turns} and {@code assessments}
 * aliases.
 */
public final class ElasticsearchSessionReader implements SessionReader {

  private final ElasticsearchClient client;
  private final BulkWriter documents;

  public ElasticsearchSessionReader(ElasticsearchClient client) {
    this.client = client;
    this.documents = new BulkWriter(client);
  }

  @Override
  public Optional<SessionDocument> session(String userId, String sessionId) throws IOException {
    return documents
        .get(Indices.SESSIONS.alias(), sessionId, SessionDocument.class)
        .filter(doc -> doc.userId().filter(userId::equals).isPresent());
  }

  @Override
  public Optional<String> owner(String sessionId) throws IOException {
    return documents
        .get(Indices.SESSIONS.alias(), sessionId, SessionDocument.class)
        .flatMap(SessionDocument::userId);
  }

  @Override
  public Optional<AssessmentDocument> assessment(String userId, String sessionId)
      throws IOException {
    return documents
        .get(Indices.ASSESSMENTS.alias(), sessionId, AssessmentDocument.class)
        .filter(doc -> userId.equals(doc.userId()));
  }

  @Override
  public Page sessions(String userId, SessionQuery query) throws IOException {
    List<Query> filters = new ArrayList<>();
    filters.add(Queries.term(SessionDocumentFields.USER_ID, userId));
    query.status().ifPresent(v -> filters.add(Queries.term(SessionDocumentFields.STATUS, v)));
    query.type().ifPresent(v -> filters.add(Queries.term(SessionDocumentFields.TYPE, v)));
    SearchResponse<SessionDocument> response =
        client.search(
            s ->
                s.index(Indices.SESSIONS.alias())
                    .from(query.offset())
                    .size(query.limit())
                    .trackTotalHits(t -> t.enabled(true))
                    .query(Queries.allOf(filters))
                    .sort(
                        o ->
                            o.field(
                                f ->
                                    f.field(SessionDocumentFields.STARTED_AT)
                                        .order(SortOrder.Desc)
                                        .unmappedType(
                                            co.elastic.clients.elasticsearch._types.mapping
                                                .FieldType.Date)))
                    .sort(
                        o ->
                            o.field(
                                f ->
                                    f.field(SessionDocumentFields.SESSION_ID)
                                        .order(SortOrder.Asc))),
            SessionDocument.class);
    // the total is tracked; without it, the page is all there is
    long total =
        response.hits().total() == null
            ? response.hits().hits().size()
            : response.hits().total().value();
    return new Page(total, sources(response));
  }

  @Override
  public List<TurnDocument> turns(String userId, String sessionId) throws IOException {
    SearchResponse<TurnDocument> response =
        client.search(
            s ->
                s.index(Indices.TURNS.alias())
                    .size(200)
                    .query(
                        Queries.allOf(
                            Queries.term(TurnDocumentFields.SESSION_ID, sessionId),
                            Queries.term(TurnDocumentFields.USER_ID, userId)))
                    .sort(
                        o -> o.field(f -> f.field(TurnDocumentFields.INDEX).order(SortOrder.Asc))),
            TurnDocument.class);
    return sources(response);
  }

  /** The documents of a search's hits. */
  private static <T> List<T> sources(SearchResponse<T> response) {
    return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
  }

  @Override
  public Map<String, Progress> progress(List<String> userIds) throws IOException {
    Map<String, Progress> out = new java.util.HashMap<>();
    for (int from = 0; from < userIds.size(); from += PROGRESS_CHUNK) {
      List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + PROGRESS_CHUNK));
      SearchResponse<Map> response =
          client.search(
              s ->
                  s.index(Indices.SESSIONS.alias())
                      .size(0)
                      .query(
                          Queries.allOf(
                              Queries.terms(SessionDocumentFields.USER_ID, chunk),
                              Queries.term(
                                  SessionDocumentFields.STATUS, SessionDocument.COMPLETED)))
                      .aggregations(
                          USERS,
                          a ->
                              a.terms(
                                      t ->
                                          t.field(SessionDocumentFields.USER_ID).size(chunk.size()))
                                  .aggregations(
                                      SCORE,
                                      x ->
                                          x.avg(
                                              v ->
                                                  v.field(SessionDocumentFields.PROVISIONAL_SCORE)))
                                  .aggregations(
                                      LATEST,
                                      x ->
                                          x.topHits(
                                              h ->
                                                  h.size(1)
                                                      .sort(
                                                          o ->
                                                              o.field(
                                                                  f ->
                                                                      f.field(
                                                                              SessionDocumentFields
                                                                                  .COMPLETED_AT)
                                                                          .order(SortOrder.Desc)))
                                                      .source(
                                                          src ->
                                                              src.filter(
                                                                  sf ->
                                                                      sf.includes(
                                                                          LATEST_FIELDS)))))),
              Map.class);
      for (var bucket : response.aggregations().get(USERS).sterms().buckets().array()) {
        Double avg = bucket.aggregations().get(SCORE).avg().value();
        var latest =
            bucket.aggregations().get(LATEST).topHits().hits().hits().stream()
                .findFirst()
                .map(h -> h.source().to(SessionDocument.class));
        out.put(
            bucket.key().stringValue(),
            new Progress(
                bucket.docCount(),
                avg == null || avg.isNaN()
                    ? Optional.empty()
                    : Optional.of(Math.round(avg * 10) / 10.0),
                latest));
      }
    }
    return out;
  }

  private static final int PROGRESS_CHUNK = 1_000;

  // the aggregations per user (its average score, its latest session): names in the request only
  private static final String USERS = "users";
  private static final String SCORE = "score";
  private static final String LATEST = "latest";

  private static final List<String> LATEST_FIELDS =
      List.of(
          SessionDocumentFields.SESSION_ID,
          SessionDocumentFields.TYPE,
          SessionDocumentFields.ROLE,
          SessionDocumentFields.COMPLETED_AT,
          SessionDocumentFields.PROVISIONAL_SCORE,
          SessionDocumentFields.AGGREGATE);
}
