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
 * -Drehearse.devErrors=all} (or a list of languages, {@code =es,fr}) lists the analyzer's mistakes
 * on dev answers, {@code -Drehearse.cv=all} (or a list of languages) prints 5-fold cross-validation
 * within the dev split of the trainer's settings (STAR clause and answer F1, sentiment accuracy)
 * for each language; {@code -Drehearse.cvGrid=shipped} tries the shipped settings only, and {@code
 * -Drehearse.cvCues=NONE|TASK|TASK_AND_FILL} other cue rules for STAR.
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

  /** The analyzer's cue rules, or those of {@code -Drehearse.cvCues=NONE|TASK|TASK_AND_FILL}. */
  private static StarModel.CueRules cueRules(String language) {
    String tried = System.getProperty("rehearse.cvCues");
    return tried == null ? AnswerAnalyzer.cueRules(language) : StarModel.CueRules.valueOf(tried);
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

  /**
   * 5-fold cross-validation within the dev split of the trainer's settings: each row trains on four
   * folds of a language's dev answers and scores the analyzer on the fifth. The shipped settings
   * ({@link DevTrainer#SETTINGS}) are the best mean over the languages.
   */
  @Test
  @EnabledIfSystemProperty(named = "rehearse.cv", matches = ".+")
  void crossValidateOnDev() {
    List<DevTrainer.Settings> grid = new ArrayList<>();
    for (double starL2 : new double[] {1e-4, 1e-3, 1e-2}) {
      for (double sentimentL2 : new double[] {1e-3, 3e-3, 1e-2, 3e-2, 1e-1}) {
        for (int minCount : new int[] {2, 3}) {
          grid.add(new DevTrainer.Settings(starL2, sentimentL2, minCount));
        }
      }
    }
    List<DevTrainer.Settings> tried =
        "shipped".equals(System.getProperty("rehearse.cvGrid"))
            ? List.of(DevTrainer.SETTINGS)
            : grid;
    String only = System.getProperty("rehearse.cv");
    DevTrainer.dev()
        .forEach(
            (language, answers) -> {
              if (!only.equals("all") && !only.contains(language)) {
                return;
              }
              for (DevTrainer.Settings s : tried) {
                System.out.printf(
                    Locale.ROOT,
                    "cv %s starL2 %.0e sentimentL2 %.0e min %d%s: %s%n",
                    language,
                    s.starL2(),
                    s.sentimentL2(),
                    s.minCount(),
                    s.equals(DevTrainer.SETTINGS) ? " (shipped)" : "",
                    DevCrossValidation.run(language, answers, s, cueRules(language)).format());
              }
            });
  }
}
