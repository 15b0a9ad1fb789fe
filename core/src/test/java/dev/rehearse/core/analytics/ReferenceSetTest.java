package dev.rehearse.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.WordTiming;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detection quality on the hand-labelled reference set ({@code reference-answers.jsonl}): fillers
 * are marked in the text as {@code [um]}, STAR parts, the tone and, for some answers, the pauses
 * are labelled beside it. Prints precision and recall; fails below the floors set here.
 */
class ReferenceSetTest {

  private static final Pattern MARK = Pattern.compile("\\[([^\\]]+)]");
  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();
  private static final List<JsonNode> ANSWERS = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                ReferenceSetTest.class.getResourceAsStream("/reference-answers.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          ANSWERS.add(mapper.readTree(line));
        }
      }
    }
  }

  private static String plain(JsonNode a) {
    return MARK.matcher(a.path("text").asText()).replaceAll("$1");
  }

  private static String normalized(String phrase) {
    Tokens t = Tokens.of(phrase);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < t.size; i++) {
      if (t.word[i]) {
        words.add(t.text[i]);
      }
    }
    return String.join(" ", words);
  }

  private record Score(int tp, int fp, int fn) {
    double precision() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    Score plus(Score o) {
      return new Score(tp + o.tp, fp + o.fp, fn + o.fn);
    }
  }

  @Test
  void theSetHasAtLeastFortyAnswersInFourLanguages() {
    assertThat(ANSWERS).hasSizeGreaterThanOrEqualTo(40);
    assertThat(ANSWERS.stream().map(a -> a.path("language").asText()).distinct())
        .contains("en", "es", "fr", "de");
  }

  @Test
  void fillerDetection() {
    Score total = new Score(0, 0, 0);
    List<String> misses = new ArrayList<>();
    for (JsonNode a : ANSWERS) {
      Map<String, Integer> expected = new HashMap<>();
      Matcher m = MARK.matcher(a.path("text").asText());
      while (m.find()) {
        expected.merge(normalized(m.group(1)), 1, Integer::sum);
      }
      Map<String, Integer> found = ANALYZER.fillerCounts(plain(a), a.path("language").asText());
      Score score = new Score(0, 0, 0);
      for (String phrase : union(expected, found)) {
        int e = expected.getOrDefault(phrase, 0);
        int f = found.getOrDefault(phrase, 0);
        score = score.plus(new Score(Math.min(e, f), Math.max(0, f - e), Math.max(0, e - f)));
        if (e != f) {
          misses.add(a.path("id").asText() + ": '" + phrase + "' labelled " + e + ", found " + f);
        }
      }
      total = total.plus(score);
    }
    System.out.printf(
        "reference set, fillers: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)%n  differences: %s%n",
        total.precision(), total.recall(), total.tp(), total.fp(), total.fn(), misses);
    assertThat(total.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(total.recall()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void starDetection() {
    Score total = new Score(0, 0, 0);
    List<String> misses = new ArrayList<>();
    for (JsonNode a : ANSWERS) {
      AnswerMetrics.Star star =
          ANALYZER
              .analyze(
                  new AnalysisRequest(
                      Optional.empty(), Answer.ofText(plain(a)), a.path("language").asText()))
              .star();
      boolean[] found = {star.situation(), star.task(), star.action(), star.result()};
      String[] parts = {"situation", "task", "action", "result"};
      for (int i = 0; i < 4; i++) {
        boolean e = a.path("star").path(parts[i]).asBoolean();
        total =
            total.plus(
                new Score(e && found[i] ? 1 : 0, !e && found[i] ? 1 : 0, e && !found[i] ? 1 : 0));
        if (e != found[i]) {
          misses.add(a.path("id").asText() + ": " + parts[i] + " labelled " + e);
        }
      }
    }
    System.out.printf(
        "reference set, STAR parts: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)%n  differences: %s%n",
        total.precision(), total.recall(), total.tp(), total.fp(), total.fn(), misses);
    assertThat(total.precision()).isGreaterThanOrEqualTo(0.85);
    assertThat(total.recall()).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void sentimentDirection() {
    int right = 0;
    List<String> misses = new ArrayList<>();
    for (JsonNode a : ANSWERS) {
      double s =
          ANALYZER
              .analyze(
                  new AnalysisRequest(
                      Optional.empty(), Answer.ofText(plain(a)), a.path("language").asText()))
              .sentiment();
      String found = s > 0.2 ? "positive" : s < -0.2 ? "negative" : "neutral";
      if (found.equals(a.path("sentiment").asText())) {
        right++;
      } else {
        misses.add(
            a.path("id").asText()
                + ": labelled "
                + a.path("sentiment").asText()
                + ", found "
                + found);
      }
    }
    double accuracy = (double) right / ANSWERS.size();
    System.out.printf(
        "reference set, sentiment: accuracy %.3f%n  differences: %s%n", accuracy, misses);
    // This set was written together with the lexicon and cut at fixed thresholds; sentiment is
    // now a model trained on the corpus's dev split and measured on its held-out split
    // (HeldOutEvaluationTest). Here it only has to stay well above chance (1/3).
    assertThat(accuracy).isGreaterThanOrEqualTo(0.45);
  }

  @Test
  void pausesMatchTheLabels() {
    int labelled = 0;
    for (JsonNode a : ANSWERS) {
      if (!a.has("pauses")) {
        continue;
      }
      labelled++;
      String text = plain(a);
      int words = Tokens.of(text).wordCount;
      List<WordTiming> timings = new ArrayList<>();
      long t = 0;
      for (int i = 0; i < words; i++) {
        timings.add(new WordTiming("w" + i, t, t + 250));
        t += 250 + a.path("pausesAfter").path(String.valueOf(i)).asLong(80);
      }
      AnswerMetrics m =
          ANALYZER.analyze(
              new AnalysisRequest(
                  Optional.empty(),
                  new Answer(text, Optional.empty(), timings, null, null, null),
                  a.path("language").asText()));
      assertThat(m.pauseCount()).as(a.path("id").asText()).contains(a.path("pauses").asInt());
      assertThat(m.longPauseCount())
          .as(a.path("id").asText())
          .contains(a.path("longPauses").asInt());
    }
    assertThat(labelled).isGreaterThanOrEqualTo(5);
  }

  private static List<String> union(Map<String, Integer> a, Map<String, Integer> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }
}
