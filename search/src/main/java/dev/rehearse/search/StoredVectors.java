package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import co.elastic.clients.json.JsonData;
import dev.rehearse.search.documents.ProfileChunkDocumentFields;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The vectors a {@code profile-chunks} version already holds, for a rebuild to reuse: a chunk whose
 * text is unchanged gets the same vector from the same model, so only new or changed text is
 * embedded. A version records its model in its mapping's {@code _meta}; a version of another model
 * (or of none recorded) offers nothing to reuse.
 */
public final class StoredVectors {

  /** The {@code _meta} key of the model a version's vectors come from. */
  public static final String MODEL_META = "embeddingModel";

  private StoredVectors() {}

  /** Whether {@code index}'s vectors come from {@link Embedder#MODEL}. */
  public static boolean sameModel(ElasticsearchClient client, String index) throws IOException {
    GetMappingResponse mapping = client.indices().getMapping(m -> m.index(index));
    return Optional.ofNullable(mapping.get(index))
        .map(m -> m.mappings().meta().get(MODEL_META))
        .map(v -> Embedder.MODEL.equals(v.to(String.class)))
        .orElse(false);
  }

  /** The stored vectors of {@code users}' chunks in {@code index}, by user and chunk text. */
  @SuppressWarnings("unchecked")
  public static Map<String, float[]> of(
      ElasticsearchClient client, String index, Collection<String> users) throws IOException {
    Map<String, float[]> vectors = new HashMap<>();
    if (users.isEmpty()) {
      return vectors;
    }
    SearchResponse<Map> response =
        client.search(
            s ->
                s.index(index)
                    .size(users.size() * (ProfileChunks.MAX_CHUNKS + ProfileChunks.MAX_RESEARCH))
                    .trackTotalHits(t -> t.enabled(false))
                    // a filter in index order: nothing is scored or ranked
                    .query(Queries.allOf(Queries.terms(ProfileChunkDocumentFields.USER_ID, users)))
                    .sort(o -> o.doc(d -> d))
                    .source(
                        src ->
                            src.filter(
                                f ->
                                    f.includes(
                                        ProfileChunkDocumentFields.USER_ID,
                                        ProfileChunkDocumentFields.TEXT,
                                        ProfileChunkDocumentFields.VECTOR))),
            Map.class);
    for (Hit<Map> hit : response.hits().hits()) {
      Map<String, Object> doc = hit.source();
      if (doc != null
          && doc.get(ProfileChunkDocumentFields.TEXT) instanceof String text
          && doc.get(ProfileChunkDocumentFields.USER_ID) instanceof String user
          && doc.get(ProfileChunkDocumentFields.VECTOR) instanceof List<?> values
          && values.size() == Embedder.DIMENSIONS) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
          vector[i] = ((Number) values.get(i)).floatValue();
        }
        vectors.put(key(user, text), vector);
      }
    }
    return vectors;
  }

  /**
   * Embeds {@code user}'s chunk texts, taking a stored vector where the text is unchanged; counts
   * what it embedded and what it reused.
   */
  public static Function<String, float[]> reusing(
      Map<String, float[]> stored,
      String user,
      Function<String, float[]> embed,
      LongAdder embedded,
      LongAdder reused) {
    return text -> {
      float[] vector = stored.get(key(user, text));
      if (vector != null) {
        reused.increment();
        return vector;
      }
      embedded.increment();
      return embed.apply(text);
    };
  }

  /** The {@code _meta} a new version records its model in. */
  static Map<String, JsonData> meta() {
    return Map.of(MODEL_META, JsonData.of(Embedder.MODEL));
  }

  private static String key(String user, String text) {
    return user + '\u0000' + text;
  }
}
