package dev.rehearse.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.interview.Question;
import dev.rehearse.core.interview.QuestionBank;
import dev.rehearse.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Known-groups validity: pairs of answers to bank questions, written so that the strong one is
 * better in one named dimension and no worse otherwise ({@code known-groups.jsonl}). The strong one
 * must score higher on that dimension and on the overall (the mean of the assessed dimensions) in
 * at least 90% of the pairs.
 */
class KnownGroupsTest {

  /** One pair; durations (seconds) for the spoken ones, whose pace and fluency are scored. */
  record Pair(
      String questionId,
      String dimension,
      String strong,
      String weak,
      Optional<Integer> strongSeconds,
      Optional<Integer> weakSeconds) {}

  private static final AnswerDimensions DIMENSIONS = AnswerDimensions.builtIn();
  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();

  static List<Pair> pairs() throws IOException {
    ObjectMapper mapper = Json.newMapper();
    List<Pair> pairs = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                KnownGroupsTest.class.getResourceAsStream("known-groups.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          pairs.add(mapper.readValue(line, Pair.class));
        }
      }
    }
    return pairs;
  }

  /** The question as a candidate would hear it, its placeholders filled. */
  static String asked(Question q) {
    return q.text().replace("{role}", "data analyst").replace("{company}", "Northwind");
  }

  static Map<Dimension, Double> score(Question q, String text, Optional<Integer> seconds) {
    Answer answer = new Answer(text, seconds.map(s -> s * 1000L), null, null, null, null);
    return DIMENSIONS.score(
        AnswerDimensions.Asked.of(q, asked(q)),
        text,
        ANALYZER.analyze(new AnalysisRequest(Optional.empty(), answer, null)));
  }

  /** The mean of the assessed dimensions. */
  static double overall(Map<Dimension, Double> scores) {
    return scores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void theStrongAnswerWinsOnItsDimensionAndOverallInNineOfTenPairs() throws IOException {
    Map<String, Question> bank =
        QuestionBank.builtIn().questions().stream()
            .collect(Collectors.toMap(Question::id, Function.identity()));
    List<Pair> pairs = pairs();
    assertThat(pairs.stream().map(Pair::questionId).distinct().count()).isGreaterThanOrEqualTo(40);

    int passed = 0;
    List<String> failures = new ArrayList<>();
    for (Pair p : pairs) {
      Question q = bank.get(p.questionId());
      assertThat(q).as(p.questionId()).isNotNull();
      Dimension d = Dimension.of(p.dimension()).orElseThrow();
      Map<Dimension, Double> strong = score(q, p.strong(), p.strongSeconds());
      Map<Dimension, Double> weak = score(q, p.weak(), p.weakSeconds());
      assertThat(strong).as(p.questionId() + " " + d.wireName()).containsKey(d);
      assertThat(weak).as(p.questionId() + " " + d.wireName()).containsKey(d);
      boolean onDimension = strong.get(d) > weak.get(d);
      boolean onOverall = overall(strong) > overall(weak);
      if (onDimension && onOverall) {
        passed++;
      } else {
        failures.add(
            String.format(
                "%s %s: %s %.1f vs %.1f, overall %.1f vs %.1f",
                p.questionId(),
                d.wireName(),
                d.wireName(),
                strong.get(d),
                weak.get(d),
                overall(strong),
                overall(weak)));
      }
    }
    double rate = passed / (double) pairs.size();
    System.out.printf(
        "known groups: %d of %d pairs (%.1f%%) pass on their dimension and overall%n",
        passed, pairs.size(), 100 * rate);
    failures.forEach(f -> System.out.println("  failed: " + f));
    assertThat(rate).isGreaterThanOrEqualTo(0.9);
  }
}
