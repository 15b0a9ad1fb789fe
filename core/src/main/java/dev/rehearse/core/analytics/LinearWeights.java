package dev.rehearse.core.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The weights of a linear model over named features: one row of {@code outputs} numbers per
 * feature, and a bias row. A feature is a kind and a key ({@code w} and {@code timeout}); weights
 * are kept per kind so that scoring a word never builds a string. Read from {@code
 * model-<language>.json} (written by the build's trainer from the corpus's dev split).
 */
final class LinearWeights {

  final int outputs;
  final float[] bias;
  private final Map<String, Map<String, float[]>> byKind;
  // the kinds looked up for every word, without a lookup of the kind
  private final Map<String, float[]> words;
  private final Map<String, float[]> suffixes;
  private final Map<String, float[]> prefixes;
  private final Map<String, float[]> others;

  LinearWeights(int outputs, float[] bias, Map<String, Map<String, float[]>> byKind) {
    this.outputs = outputs;
    this.bias = bias;
    this.byKind = byKind;
    this.words = byKind.getOrDefault("w", Map.of());
    this.suffixes = byKind.getOrDefault("s", Map.of());
    this.prefixes = byKind.getOrDefault("p", Map.of());
    this.others = byKind.getOrDefault("x", Map.of());
  }

  static LinearWeights empty(int outputs) {
    return new LinearWeights(outputs, new float[outputs], Map.of());
  }

  /** The weights of a feature, or null. */
  float[] get(String kind, String key) {
    Map<String, float[]> keys =
        switch (kind) {
          case "w" -> words;
          case "s" -> suffixes;
          case "p" -> prefixes;
          case "x" -> others;
          default -> byKind.get(kind);
        };
    return keys == null ? null : keys.get(key);
  }

  /** Adds the keys of the features of {@code kinds} (whose keys are tokens) to {@code out}. */
  void keysInto(java.util.Set<String> out, String... kinds) {
    for (String kind : kinds) {
      out.addAll(byKind.getOrDefault(kind, Map.of()).keySet());
    }
  }

  /** The model file of a language, if the build shipped one. */
  static Optional<JsonNode> file(String language) {
    ObjectMapper mapper = Json.newMapper();
    try (InputStream in = LinearWeights.class.getResourceAsStream("model-" + language + ".json")) {
      return in == null ? Optional.empty() : Optional.of(mapper.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + language + " model", e);
    }
  }

  /** {"bias": [..], "weights": {"kind:key": [..]}}. */
  static LinearWeights of(JsonNode node, int outputs) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return empty(outputs);
    }
    float[] bias = row(node.get("bias"), outputs);
    Map<String, Map<String, float[]>> byKind = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.get("weights").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int colon = e.getKey().indexOf(':');
      byKind
          .computeIfAbsent(e.getKey().substring(0, colon), k -> new HashMap<>())
          .put(e.getKey().substring(colon + 1).intern(), row(e.getValue(), outputs));
    }
    return new LinearWeights(outputs, bias, byKind);
  }

  private static float[] row(JsonNode node, int outputs) {
    float[] row = new float[outputs];
    if (node.isNumber()) {
      row[0] = (float) node.asDouble();
      return row;
    }
    for (int i = 0; i < outputs; i++) {
      row[i] = (float) node.get(i).asDouble();
    }
    return row;
  }
}
