package dev.rehearse.batch.transforms;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rehearse.core.cohort.Rubric;
import dev.rehearse.core.events.InterviewType;
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

  /**
   * The built-in rubrics, by interview type, each checked as a cohort's rubric is ({@link
   * Rubric#checked}: known groups only, weights from 0 to 100).
   *
   * @throws IllegalStateException when an interview type has no rubric or a rubric is wrong
   */
  public static Map<String, Map<String, Double>> builtIn() {
    Map<String, Map<String, Double>> read;
    try (InputStream in = Rubrics.class.getResourceAsStream("/dev/rehearse/batch/rubrics.json")) {
      read = Json.newMapper().readValue(in, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rubrics", e);
    }
    return checked(read);
  }

  /** The rubrics if every interview type has one and each is a valid rubric. */
  static Map<String, Map<String, Double>> checked(Map<String, Map<String, Double>> rubrics) {
    Map<String, Map<String, Double>> checked = new LinkedHashMap<>();
    for (InterviewType type : InterviewType.values()) {
      Map<String, Double> rubric = rubrics.get(type.wireName());
      if (rubric == null) {
        throw new IllegalStateException("rubrics.json has no rubric for " + type.wireName());
      }
      try {
        checked.put(type.wireName(), Rubric.checked(rubric));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "rubrics.json: the rubric of " + type.wireName() + ": " + e.getMessage(), e);
      }
    }
    return checked;
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
