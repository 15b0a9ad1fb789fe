package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.rehearse.search.Indices.Index;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the index templates and, where an alias has no index yet, its first version; brings the
 * mapping of an existing index up to date with fields added since it was made.
 */
public final class IndexSetup {

  private static final Logger LOG = LoggerFactory.getLogger(IndexSetup.class);

  private final ElasticsearchClient client;

  public IndexSetup(ElasticsearchClient client) {
    this.client = client;
  }

  /** Idempotent: run it at every start. */
  public void ensureAll() throws IOException {
    for (Index index : Indices.all()) {
      ensure(index);
    }
  }

  void ensure(Index index) throws IOException {
    client
        .indices()
        .putIndexTemplate(
            t ->
                t.name(index.templateName())
                    .indexPatterns(index.pattern())
                    .template(
                        tm ->
                            tm.mappings(index.mapping())
                                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))));
    boolean aliased = client.indices().existsAlias(a -> a.name(index.alias())).value();
    if (!aliased) {
      String first = index.version(1);
      client
          .indices()
          .create(c -> c.index(first).aliases(index.alias(), a -> a.isWriteIndex(true)));
      LOG.info("created index {} behind alias {}", first, index.alias());
      return;
    }
    // an index made by an earlier version gets the fields added since; a changed field type is
    // refused by Elasticsearch and needs a reindex into a new version
    try {
      client
          .indices()
          .putMapping(
              m ->
                  m.index(index.alias())
                      .dynamic(index.mapping().dynamic())
                      .properties(index.mapping().properties()));
    } catch (ElasticsearchException e) {
      throw new IOException(
          "the mapping of "
              + index.alias()
              + " cannot be brought up to date ("
              + e.getMessage()
              + "); rebuild the index or start on a new data directory",
          e);
    }
  }
}
