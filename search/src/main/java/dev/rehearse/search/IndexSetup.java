package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.rehearse.search.Indices.Index;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the index templates and, where an alias has no index yet, its first version. */
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
    }
  }
}
