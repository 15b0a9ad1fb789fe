package dev.rehearse.search;

import java.util.ArrayList;
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
  private final Map<String, float[]> recent;

  QueryVectors(Function<String, float[]> embed, int capacity) {
    this.embed = embed;
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The query's embedding, as the kNN search takes it. */
  List<Float> of(String query) {
    float[] vector;
    synchronized (recent) {
      vector = recent.get(query);
    }
    if (vector == null) {
      vector = embed.apply(query); // outside the lock: a miss does not hold up the others
      synchronized (recent) {
        recent.put(query, vector);
      }
    }
    List<Float> values = new ArrayList<>(vector.length);
    for (float v : vector) {
      values.add(v);
    }
    return values;
  }
}
