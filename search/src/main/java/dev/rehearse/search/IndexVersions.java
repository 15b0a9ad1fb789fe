package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.rehearse.search.Indices.Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The versions of an index behind its alias, for rebuilds: build {@code name-v(n+1)} beside the
 * live one, then move the alias to it in one atomic step, so searches work throughout.
 */
public final class IndexVersions {

  private IndexVersions() {}

  /** The version number of {@code name} ({@code turns-v3} is 3), or -1 when it has none. */
  public static int versionOf(Index index, String name) {
    String prefix = index.alias() + "-v";
    if (!name.startsWith(prefix)) {
      return -1;
    }
    try {
      return Integer.parseInt(name.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The version after the highest of {@code existing}. */
  public static String next(Index index, Set<String> existing) {
    int highest = existing.stream().mapToInt(n -> versionOf(index, n)).max().orElse(0);
    return index.version(Math.max(highest, 0) + 1);
  }

  /** The index the alias points to now. */
  public static String current(ElasticsearchClient client, Index index) throws IOException {
    Set<String> behind = client.indices().getAlias(a -> a.name(index.alias())).result().keySet();
    if (behind.size() != 1) {
      throw new IOException(index.alias() + " points to " + behind + ", not to one index");
    }
    return behind.iterator().next();
  }

  /**
   * Creates the next version (the index template gives it the mapping) after deleting versions left
   * by an abandoned rebuild: every version but the live one.
   */
  public static String createNext(ElasticsearchClient client, Index index) throws IOException {
    String live = current(client, index);
    Set<String> existing = client.indices().get(g -> g.index(index.pattern())).result().keySet();
    List<String> abandoned = new ArrayList<>(existing);
    abandoned.remove(live);
    for (String name : abandoned) {
      client.indices().delete(d -> d.index(name));
    }
    String next = next(index, existing);
    client
        .indices()
        .create(c -> c.index(next).settings(s -> s.refreshInterval(t -> t.time("30s"))));
    return next;
  }

  /**
   * Moves the alias from {@code from} to {@code to} in one step, makes {@code to} searchable at
   * once, and deletes {@code from}.
   */
  public static void swap(ElasticsearchClient client, Index index, String from, String to)
      throws IOException {
    client
        .indices()
        .putSettings(p -> p.index(to).settings(s -> s.refreshInterval(t -> t.time("1s"))));
    client.indices().refresh(r -> r.index(to));
    client
        .indices()
        .updateAliases(
            u ->
                u.actions(a -> a.remove(r -> r.index(from).alias(index.alias())))
                    .actions(
                        a -> a.add(ad -> ad.index(to).alias(index.alias()).isWriteIndex(true))));
    client.indices().delete(d -> d.index(from));
  }
}
