package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes upserts in one bulk request and fails loudly if any item failed. */
public final class BulkWriter {

  private final ElasticsearchClient client;

  public BulkWriter(ElasticsearchClient client) {
    this.client = client;
  }

  /** Applies every upsert; order within a document id is kept. */
  public void write(List<Upsert> upserts) throws IOException {
    if (upserts.isEmpty()) {
      return;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (Upsert upsert : upserts) {
      bulk.operations(
          op ->
              op.update(
                  u ->
                      u.index(upsert.alias())
                          .id(upsert.id())
                          .retryOnConflict(3)
                          .action(a -> a.doc(upsert.fields()).docAsUpsert(true))));
    }
    BulkResponse response = client.bulk(bulk.build());
    if (response.errors()) {
      String failures =
          response.items().stream()
              .filter(item -> item.error() != null)
              .limit(5)
              .map(BulkWriter::describe)
              .collect(Collectors.joining("; "));
      throw new IOException("bulk upsert failed: " + failures);
    }
  }

  private static String describe(BulkResponseItem item) {
    return item.index() + "/" + item.id() + ": " + item.error().reason();
  }

  /** Reads a whole document by id from the index behind {@code alias}, if it exists. */
  @SuppressWarnings("unchecked")
  public java.util.Optional<Map<String, Object>> get(String alias, String id) throws IOException {
    var response = client.get(g -> g.index(alias).id(id), Map.class);
    return response.found()
        ? java.util.Optional.of((Map<String, Object>) response.source())
        : java.util.Optional.empty();
  }
}
