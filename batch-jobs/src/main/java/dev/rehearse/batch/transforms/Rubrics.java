package dev.rehearse.batch.transforms;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rubrics scores are weighted by: for each interview type, the weight of each dimension group
 * in the overall score. The built-in ones are {@code dev/rehearse/batch/rubrics.json}; a cohort may
 * bring its own.
 */
public final class Rubrics {

  private Rubrics() {}

  /** The built-in rubrics, by interview type. */
  public static Map<String, Map<String, Double>> builtIn() {
    try (InputStream in = Rubrics.class.getResourceAsStream("/dev/rehearse/batch/rubrics.json")) {
      return Json.newMapper().readValue(in, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rubrics", e);
    }
  }

  /**
   * The rubrics a batch scores with: the built-in ones, or a cohort's own {@code rubric} for every
   * interview type when it brings one.
   */
  public static Map<String, Map<String, Double>> forBatch(
      Map<String, Map<String, Double>> builtIn, Map<String, Double> rubric) {
    if (rubric.isEmpty()) {
      return builtIn;
    }
    Map<String, Map<String, Double>> everyType = new LinkedHashMap<>();
    builtIn.keySet().forEach(type -> everyType.put(type, rubric));
    return everyType;
  }

  /** The rubric as people read it: each group's share of the weight, in percent. */
  public static String text(Map<String, Double> rubric) {
    double total = rubric.values().stream().mapToDouble(Double::doubleValue).sum();
    return rubric.entrySet().stream()
        .map(e -> e.getKey() + " " + Math.round(100 * e.getValue() / total) + "%")
        .collect(Collectors.joining(", "));
  }
}
