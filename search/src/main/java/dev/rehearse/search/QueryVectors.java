package dev.rehearse.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The embeddings of retrieval queries, the most recently used kept. An interview's query names only
 * its type, role and company, so a few of them recur across every session: each is embedded once
 * instead of at every session's start (the model's run was about 5% of the interview job's CPU
 * under load).
 */
final class QueryVectors {

  private final Function<String, float[]> embed;
  private final Map<String, List<Float>> recent;

  QueryVectors(Function<String, float[]> embed, int capacity) {
    this.embed = embed;
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, List<Float>> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The query's embedding, as the kNN search takes it. */
  List<Float> of(String query) {
    synchronized (recent) {
      List<Float> known = recent.get(query);
      if (known != null) {
        return known;
      }
    }
    float[] vector = embed.apply(query); // outside the lock: a miss does not hold up the others
    List<Float> values = new ArrayList<>(vector.length);
    for (float v : vector) {
      values.add(v);
    }
    List<Float> fixed = Collections.unmodifiableList(values);
    synchronized (recent) {
      recent.put(query, fixed);
    }
    return fixed;
  }
}
