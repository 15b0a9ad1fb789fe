package dev.rehearse.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.core.corpus.CorpusAnswer;
import dev.rehearse.core.corpus.CorpusSplit;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The shipped models ({@code model-<language>.json}) are exactly what {@link DevTrainer} trains on
 * the dev split. To retrain after changing the features or the dev answers: {@code mvn -pl core
 * test -Dtest=DevModelTest -Drehearse.train=write}. Two tools for tuning, dev split only: {@code
 * -Drehearse.devErrors=true} lists the analyzer's mistakes on dev answers, {@code
 * -Drehearse.cv=true} prints 5-fold cross-validation of the STAR model within the dev split.
 */
class DevModelTest {

  private static final Path RESOURCES = Path.of("src/main/resources/dev/rehearse/core/analytics");
  private static final ObjectMapper MAPPER = Json.newMapper();

  @Test
  void theShippedModelsAreTrainedOnTheDevSplitOnly() throws IOException {
    boolean write = "write".equals(System.getProperty("rehearse.train"));
    for (Map.Entry<String, List<CorpusAnswer>> e : DevTrainer.dev().entrySet()) {
      assertThat(e.getValue())
          .allMatch(a -> CorpusSplit.of(a.id()) == CorpusSplit.Split.DEV, "dev answers only");
      ObjectNode trained = DevTrainer.modelFile(e.getKey(), e.getValue(), MAPPER);
      Path file = RESOURCES.resolve("model-" + e.getKey() + ".json");
      if (write) {
        Files.writeString(
            file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(trained) + "\n");
      }
      if (!write) {
        JsonNode shipped = LinearWeights.file(e.getKey()).orElseThrow();
        assertThat(shipped).as(file.toString()).isEqualTo(trained);
      }
    }
  }

  /** Lists the analyzer's mistakes on dev answers (never on held-out ones). */
  @Test
  @EnabledIfSystemProperty(named = "rehearse.devErrors", matches = ".+")
  void listDevErrors() {
    String only = System.getProperty("rehearse.devErrors");
    AnswerAnalyzer analyzer = new AnswerAnalyzer();
    DevTrainer.dev()
        .forEach(
            (language, answers) -> {
              if (!only.equals("all") && !only.contains(language)) {
                return;
              }
              for (CorpusAnswer a : answers) {
                String text = a.text();
                AnswerMetrics m =
                    analyzer.analyze(
                        new AnalysisRequest(Optional.empty(), Answer.ofText(text), language));
                StringBuilder out = new StringBuilder();
                int at = 0;
                for (CorpusAnswer.Clause c : a.clauses()) {
                  int start = text.indexOf(c.text(), at);
                  int end = start + c.text().length();
                  at = end;
                  String found = partAt(m.star().clauses(), start, end);
                  if (!found.equals(c.star())) {
                    out.append(
                        String.format(
                            Locale.ROOT,
                            "  STAR gold %s found %s: %s%n",
                            c.star(),
                            found,
                            c.text()));
                  }
                }
                Map<String, Integer> gold = new HashMap<>();
                a.fillers().forEach(f -> gold.merge(f.toLowerCase(Locale.ROOT), 1, Integer::sum));
                Map<String, Integer> fillers = analyzer.fillerCounts(text, language);
                if (!gold.equals(fillers)) {
                  out.append("  fillers gold " + gold + " found " + fillers + "\n");
                }
                if (a.hedges().size() != m.hedgeCount()) {
                  out.append("  hedges gold " + a.hedges() + " found " + m.hedgeCount() + "\n");
                }
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  sentiment gold %s score %.3f%n",
                        a.sentiment(),
                        m.sentiment()));
                System.out.println("== " + a.id() + "\n" + out);
              }
            });
  }

  /** The label of the analyzer's clause that overlaps characters [start, end) the most. */
  static String partAt(List<AnswerMetrics.Clause> clauses, int start, int end) {
    String best = "none";
    int most = 0;
    for (AnswerMetrics.Clause c : clauses) {
      int overlap = Math.min(end, c.end()) - Math.max(start, c.start());
      if (overlap > most) {
        most = overlap;
        best = c.part();
      }
    }
    return switch (best) {
      case "situation" -> "S";
      case "task" -> "T";
      case "action" -> "A";
      case "result" -> "R";
      default -> "none";
    };
  }

  /** 5-fold cross-validation of the clause model within the dev split. */
  @Test
  @EnabledIfSystemProperty(named = "rehearse.cv", matches = ".+")
  void crossValidateOnDev() {
    DevTrainer.dev()
        .forEach(
            (language, answers) -> {
              LanguageModel model = DevTrainer.model(language);
              int k = DevTrainer.STAR_LABELS.length;
              int[][] confusion = new int[k][k];
              for (int fold = 0; fold < 5; fold++) {
                List<CorpusAnswer> train = new ArrayList<>();
                List<CorpusAnswer> test = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                  (i % 5 == fold ? test : train).add(answers.get(i));
                }
                DevTrainer.Trained t = DevTrainer.trainStar(DevTrainer.starExamples(train, model));
                Map<String, float[]> rows = new HashMap<>();
                for (int f = 0; f < t.features().size(); f++) {
                  float[] r = new float[k];
                  for (int c = 0; c < k; c++) {
                    r[c] = (float) t.weights()[f][c];
                  }
                  rows.put(t.features().get(f), r);
                }
                for (CorpusAnswer a : test) {
                  String previous = "start";
                  for (int c = 0; c < a.clauses().size(); c++) {
                    Tokens tokens = Tokens.of(a.clauses().get(c).text());
                    double[] score = t.bias().clone();
                    StarModel.features(
                        tokens,
                        0,
                        tokens.size,
                        c,
                        a.clauses().size(),
                        previous,
                        model,
                        (kind, key) -> {
                          float[] r = rows.get(kind + ":" + key);
                          if (r != null) {
                            for (int j = 0; j < k; j++) {
                              score[j] += r[j];
                            }
                          }
                        });
                    int best = k - 1;
                    for (int j = 0; j < k; j++) {
                      if (score[j] > score[best]) {
                        best = j;
                      }
                    }
                    best =
                        StarModel.rules(
                            model, !language.equals("en"), tokens, 0, tokens.size, best);
                    int gold = List.of(DevTrainer.STAR_LABELS).indexOf(a.clauses().get(c).star());
                    confusion[gold][best]++;
                    previous = DevTrainer.STAR_LABELS[best];
                  }
                }
              }
              StringBuilder out = new StringBuilder("cv " + language + ":");
              for (int j = 0; j < k - 1; j++) {
                int tp = confusion[j][j];
                int fp = 0;
                int fn = 0;
                for (int i = 0; i < k; i++) {
                  if (i != j) {
                    fp += confusion[i][j];
                    fn += confusion[j][i];
                  }
                }
                out.append(
                    String.format(
                        Locale.ROOT,
                        " %s F1 %.2f",
                        DevTrainer.STAR_LABELS[j],
                        2.0 * tp / Math.max(1, 2 * tp + fp + fn)));
              }
              System.out.println(out + " | sentiment accuracy " + sentimentCv(answers, model));
            });
  }

  /** 5-fold accuracy of the sentiment model, thresholds chosen on each training part. */
  static String sentimentCv(List<CorpusAnswer> answers, LanguageModel model) {
    int right = 0;
    int rightLexicon = 0;
    for (int fold = 0; fold < 5; fold++) {
      List<CorpusAnswer> train = new ArrayList<>();
      List<CorpusAnswer> test = new ArrayList<>();
      for (int i = 0; i < answers.size(); i++) {
        (i % 5 == fold ? test : train).add(answers.get(i));
      }
      List<DevTrainer.Example> trainExamples = DevTrainer.sentimentExamples(train, model);
      DevTrainer.Trained t = DevTrainer.trainSentiment(trainExamples);
      Map<String, Double> w = new HashMap<>();
      for (int f = 0; f < t.features().size(); f++) {
        w.put(t.features().get(f), t.weights()[f][0]);
      }
      double[] trainScores =
          trainExamples.stream().mapToDouble(e -> score(t.bias()[0], w, e.features())).toArray();
      double[] trainLex =
          trainExamples.stream()
              .mapToDouble(e -> e.features().getOrDefault("x:lexicon", 0.0))
              .toArray();
      double[] labels = trainExamples.stream().mapToDouble(DevTrainer.Example::label).toArray();
      double[] cut = bestCuts(trainScores, labels);
      double[] cutLex = bestCuts(trainLex, labels);
      for (DevTrainer.Example e : DevTrainer.sentimentExamples(test, model)) {
        double sc = score(t.bias()[0], w, e.features());
        double lx = e.features().getOrDefault("x:lexicon", 0.0);
        right += direction(sc, cut) == e.label() ? 1 : 0;
        rightLexicon += direction(lx, cutLex) == e.label() ? 1 : 0;
      }
    }
    return String.format(
        Locale.ROOT,
        "%.2f (lexicon mean alone %.2f)",
        (double) right / answers.size(),
        (double) rightLexicon / answers.size());
  }

  private static double score(double bias, Map<String, Double> w, Map<String, Double> x) {
    double z = bias;
    for (Map.Entry<String, Double> f : x.entrySet()) {
      z += w.getOrDefault(f.getKey(), 0.0) * f.getValue();
    }
    return Math.tanh(z);
  }

  private static int direction(double score, double[] cut) {
    return score < cut[0] ? -1 : score > cut[1] ? 1 : 0;
  }

  private static double[] bestCuts(double[] scores, double[] labels) {
    double[] sorted = java.util.Arrays.stream(scores).distinct().sorted().toArray();
    double[] best = {-2, 2};
    int bestRight = -1;
    for (int i = 0; i <= sorted.length; i++) {
      double lo = i == 0 ? -2 : i == sorted.length ? 2 : (sorted[i - 1] + sorted[i]) / 2;
      for (int j = i; j <= sorted.length; j++) {
        double hi = j == 0 ? -2 : j == sorted.length ? 2 : (sorted[j - 1] + sorted[j]) / 2;
        int right = 0;
        for (int k = 0; k < scores.length; k++) {
          right += direction(scores[k], new double[] {lo, hi}) == labels[k] ? 1 : 0;
        }
        if (right > bestRight) {
          bestRight = right;
          best = new double[] {lo, hi};
        }
      }
    }
    return best;
  }
}
