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

  /** Applies every write; order within a document id is kept. */
  public void write(List<? extends IndexWrite> writes) throws IOException {
    if (writes.isEmpty()) {
      return;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (IndexWrite write : writes) {
      if (write instanceof Upsert upsert) {
        bulk.operations(
            op ->
                op.update(
                    u ->
                        u.index(upsert.alias())
                            .id(upsert.id())
                            .retryOnConflict(3)
                            .action(a -> a.doc(upsert.document()).docAsUpsert(true))));
      } else if (write instanceof Replace replace) {
        bulk.operations(
            op ->
                op.index(
                    i -> i.index(replace.alias()).id(replace.id()).document(replace.document())));
      } else {
        bulk.operations(op -> op.delete(d -> d.index(write.alias()).id(write.id())));
      }
    }
    BulkResponse response = client.bulk(bulk.build());
    if (response.errors()) {
      List<BulkResponseItem> failed =
          response.items().stream()
              // deleting what is already gone is what a delete wants
              .filter(item -> item.error() != null && item.status() != 404)
              .toList();
      if (!failed.isEmpty()) {
        throw new ItemsFailed(
            "bulk write failed: "
                + failed.stream()
                    .limit(5)
                    .map(BulkWriter::describe)
                    .collect(Collectors.joining("; ")),
            failed.stream().allMatch(item -> retryable(item.status())));
      }
    }
  }

  /**
   * Whether an HTTP status of Elasticsearch is its state (429 too busy, 5xx shards unavailable, as
   * while it starts), not the request's: the same request may succeed later.
   */
  public static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  /** Some writes of a bulk request failed; none of the request was undone. */
  public static final class ItemsFailed extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    ItemsFailed(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    /** Whether every failure was {@linkplain BulkWriter#retryable(int) retryable}. */
    public boolean retryable() {
      return retryable;
    }
  }

  private static String describe(BulkResponseItem item) {
    return item.index() + "/" + item.id() + ": " + item.error().reason();
  }

  /** Reads a whole document by id from the index behind {@code alias} as {@code type}, if any. */
  public <T> java.util.Optional<T> get(String alias, String id, Class<T> type) throws IOException {
    var response = client.get(g -> g.index(alias).id(id), type);
    return response.found() ? java.util.Optional.of(response.source()) : java.util.Optional.empty();
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
