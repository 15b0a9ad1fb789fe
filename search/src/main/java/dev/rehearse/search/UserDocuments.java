package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.rehearse.search.documents.SessionDocumentFields;
import java.io.IOException;
import java.util.List;

/**
 * Removes every document of some users (or every one a query matches) from an index: searches their
 * ids and bulk-deletes them, page by page (the distribution we run has no {@code
 * _delete_by_query}).
 */
public final class UserDocuments {

  private static final int PAGE = 1_000;

  private UserDocuments() {}

  /**
   * Deletes the documents whose {@code userId} is one of {@code userIds}; returns how many. Every
   * document of a user (session, turn, assessment, profile, profile chunk) names its owner in the
   * same field.
   */
  public static long delete(ElasticsearchClient client, String alias, List<String> userIds)
      throws IOException {
    if (userIds.isEmpty()) {
      return 0;
    }
    return deleteMatching(client, alias, Queries.terms(SessionDocumentFields.USER_ID, userIds));
  }

  /** Deletes the documents {@code query} matches; returns how many. */
  public static long deleteMatching(ElasticsearchClient client, String alias, Query query)
      throws IOException {
    BulkWriter writer = new BulkWriter(client);
    long deleted = 0;
    while (true) {
      client.indices().refresh(r -> r.index(alias));
      SearchResponse<Void> page =
          client.search(
              s -> s.index(alias).size(PAGE).source(src -> src.fetch(false)).query(query),
              Void.class);
      List<Delete> deletes =
          page.hits().hits().stream().map(Hit::id).map(id -> new Delete(alias, id)).toList();
      if (deletes.isEmpty()) {
        return deleted;
      }
      writer.write(deletes);
      deleted += deletes.size();
    }
  }
}
