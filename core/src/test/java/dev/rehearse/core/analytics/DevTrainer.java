package dev.rehearse.core.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.core.corpus.Corpus;
import dev.rehearse.core.corpus.CorpusAnswer;
import dev.rehearse.core.corpus.CorpusSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the analyzer's linear models ({@code model-<language>.json}: clause-level STAR and
 * sentiment) on the corpus's dev split only. Deterministic: fixed example order, fixed seed, fixed
 * epochs; the same corpus gives the same file byte for byte.
 */
final class DevTrainer {

  static final String[] STAR_LABELS = StarModel.LABELS;
  private static final int STAR_EPOCHS = 30;
  private static final double STAR_RATE = 0.1;
  private static final int SENTIMENT_EPOCHS = 60;
  private static final double SENTIMENT_RATE = 0.05;
  private static final double LEXICON_PRIOR = 1.0;

  /**
   * The trainer's settings: the L2 penalty of each model and the fewest examples a feature must be
   * seen in. The shipped ones ({@link #SETTINGS}) were chosen by 5-fold cross-validation within the
   * dev split ({@code DevModelTest}, {@code -Drehearse.cv=true}).
   */
  record Settings(double starL2, double sentimentL2, int minCount) {}

  static final Settings SETTINGS = new Settings(1e-4, 3e-2, 2);

  /** One example: its features with values, and its label (a class, or a target in -1..1). */
  record Example(Map<String, Double> features, double label) {}

  private DevTrainer() {}

  /** The dev answers of each language; a held-out answer never gets here. */
  static Map<String, List<CorpusAnswer>> dev() {
    Map<String, List<CorpusAnswer>> dev = new TreeMap<>();
    Corpus.load()
        .forEach(
            (language, answers) ->
                dev.put(
                    language,
                    answers.stream()
                        .filter(a -> CorpusSplit.of(a.id()) == CorpusSplit.Split.DEV)
                        .toList()));
    return dev;
  }

  static LanguageModel model(String language) {
    return new LanguageModel(Lexicon.forLanguage(language));
  }

  // ---- examples

  /**
   * One example per labelled clause, with its position among the answer's labelled clauses. 5-fold
   * cross-validation on dev (DevModelTest) also tried training on the analyzer's own clauses, alone
   * and together with these; see docs/labelling.md for why it is not shipped.
   */
  static List<Example> starExamples(List<CorpusAnswer> answers, LanguageModel model) {
    List<Example> out = new ArrayList<>();
    for (CorpusAnswer a : answers) {
      String previous = "start";
      int count = a.clauses().size();
      for (int c = 0; c < count; c++) {
        CorpusAnswer.Clause clause = a.clauses().get(c);
        Tokens t = Tokens.of(clause.text());
        if (t.size == 0) {
          continue;
        }
        Map<String, Double> features = new HashMap<>();
        StarModel.features(
            t, 0, t.size, c, count, previous, model, (k, v) -> features.put(k + ":" + v, 1.0));
        out.add(new Example(features, List.of(STAR_LABELS).indexOf(clause.star())));
        previous = clause.star();
      }
    }
    return out;
  }

  /**
   * The languages whose sentiment model leaves out the share of positive and negative sentences:
   * 5-fold cross-validation on dev showed no gain from them in German (direction accuracy 0.77
   * without, 0.76 with), while English, Spanish and French gained.
   */
  static final Set<String> WITHOUT_SENTENCE_SHARES = Set.of("de");

  static List<Example> sentimentExamples(List<CorpusAnswer> answers, LanguageModel model) {
    List<Example> out = new ArrayList<>();
    for (CorpusAnswer a : answers) {
      int label = List.of(SentimentModel.LABELS).indexOf(a.sentiment());
      Map<String, Double> features = sentimentFeatures(a.text(), model);
      if (WITHOUT_SENTENCE_SHARES.contains(a.language())) {
        features.keySet().removeIf(SentimentModel.SENTENCE_SHARES::contains);
      }
      out.add(new Example(features, label));
    }
    return out;
  }

  /** The answer's sentiment features: the mean over its sentences. */
  static Map<String, Double> sentimentFeatures(String text, LanguageModel model) {
    Tokens t = Tokens.of(text);
    Map<String, Double> sum = new HashMap<>();
    int solved = SentimentModel.lastSolved(t, model);
    for (int from = 0; from < t.size; ) {
      int to = from + 1;
      while (to < t.size && t.sentence[to] == t.sentence[from]) {
        to++;
      }
      SentimentModel.features(
          t,
          model,
          solved,
          from,
          to,
          (k, key, v) -> sum.merge(k + ":" + key, (double) v, Double::sum));
      from = to;
    }
    Map<String, Double> mean = new HashMap<>();
    int sentences = Math.max(1, t.sentences);
    sum.forEach((k, v) -> mean.put(k, v / sentences));
    return mean;
  }

  // ---- training

  /** Features seen in at least {@code minCount} examples, in a fixed order. */
  static List<String> vocabulary(List<Example> examples, int minCount) {
    Map<String, Integer> counts = new TreeMap<>();
    examples.forEach(e -> e.features().keySet().forEach(f -> counts.merge(f, 1, Integer::sum)));
    return counts.entrySet().stream()
        .filter(e -> e.getValue() >= minCount || e.getKey().startsWith("x:"))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A trained linear model: a bias row and one row per feature. */
  record Trained(List<String> features, double[] bias, double[][] weights) {}

  /** Multinomial logistic regression by stochastic gradient descent. */
  static Trained trainStar(List<Example> examples, Settings settings) {
    List<String> vocabulary = vocabulary(examples, settings.minCount());
    Map<String, Integer> index = indexOf(vocabulary);
    int k = STAR_LABELS.length;
    double[] bias = new double[k];
    double[][] w = new double[vocabulary.size()][k];
    List<Example> order = new ArrayList<>(examples);
    Random random = new Random(20261202L);
    double[] p = new double[k];
    for (int epoch = 0; epoch < STAR_EPOCHS; epoch++) {
      java.util.Collections.shuffle(order, random);
      double rate = STAR_RATE / (1 + 0.1 * epoch);
      for (Example e : order) {
        int[] active = active(e, index);
        for (int c = 0; c < k; c++) {
          p[c] = bias[c];
          for (int f : active) {
            p[c] += w[f][c];
          }
        }
        softmax(p);
        int label = (int) e.label();
        for (int c = 0; c < k; c++) {
          double g = p[c] - (c == label ? 1 : 0);
          bias[c] -= rate * g;
          for (int f : active) {
            w[f][c] -= rate * (g + settings.starL2() * w[f][c]);
          }
        }
      }
    }
    return new Trained(vocabulary, bias, w);
  }

  /**
   * Multinomial logistic regression (negative, neutral, positive) by stochastic gradient descent
   * over the mean sentence features, with an L2 penalty. The lexicon's own judgement is the prior:
   * the lexicon feature's weights are pulled towards -{@link #LEXICON_PRIOR}, 0 and +{@link
   * #LEXICON_PRIOR} instead of 0.
   */
  static Trained trainSentiment(List<Example> examples, Settings settings) {
    List<String> vocabulary = vocabulary(examples, settings.minCount());
    Map<String, Integer> index = indexOf(vocabulary);
    int k = SentimentModel.LABELS.length;
    double[] bias = new double[k];
    double[][] w = new double[vocabulary.size()][k];
    double[][] prior = new double[vocabulary.size()][k];
    int lexicon = index.getOrDefault("x:lexicon", -1);
    if (lexicon >= 0) {
      prior[lexicon] = new double[] {-LEXICON_PRIOR, 0, LEXICON_PRIOR};
      w[lexicon] = prior[lexicon].clone();
    }
    List<Example> order = new ArrayList<>(examples);
    Random random = new Random(20261202L);
    double[] p = new double[k];
    for (int epoch = 0; epoch < SENTIMENT_EPOCHS; epoch++) {
      java.util.Collections.shuffle(order, random);
      for (Example e : order) {
        int[] active = active(e, index);
        double[] value = new double[active.length];
        for (int a = 0; a < active.length; a++) {
          value[a] = e.features().get(vocabulary.get(active[a]));
        }
        for (int c = 0; c < k; c++) {
          p[c] = bias[c];
          for (int a = 0; a < active.length; a++) {
            p[c] += w[active[a]][c] * value[a];
          }
        }
        softmax(p);
        int label = (int) e.label();
        for (int c = 0; c < k; c++) {
          double g = p[c] - (c == label ? 1 : 0);
          bias[c] -= SENTIMENT_RATE * g;
          for (int a = 0; a < active.length; a++) {
            int f = active[a];
            w[f][c] -=
                SENTIMENT_RATE * (g * value[a] + settings.sentimentL2() * (w[f][c] - prior[f][c]));
          }
        }
      }
    }
    return new Trained(vocabulary, bias, w);
  }

  private static Map<String, Integer> indexOf(List<String> vocabulary) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      index.put(vocabulary.get(i), i);
    }
    return index;
  }

  private static int[] active(Example e, Map<String, Integer> index) {
    return e.features().keySet().stream()
        .map(index::get)
        .filter(java.util.Objects::nonNull)
        .mapToInt(Integer::intValue)
        .sorted()
        .toArray();
  }

  private static void softmax(double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : p) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(p[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
  }

  /** A trained model as the analyzer reads it. */
  static LinearWeights weights(Trained m) {
    int outputs = m.bias().length;
    float[] bias = new float[outputs];
    for (int k = 0; k < outputs; k++) {
      bias[k] = (float) m.bias()[k];
    }
    Map<String, Map<String, float[]>> byKind = new HashMap<>();
    for (int f = 0; f < m.features().size(); f++) {
      String feature = m.features().get(f);
      int colon = feature.indexOf(':');
      float[] row = new float[outputs];
      for (int k = 0; k < outputs; k++) {
        row[k] = (float) m.weights()[f][k];
      }
      byKind
          .computeIfAbsent(feature.substring(0, colon), k -> new HashMap<>())
          .put(feature.substring(colon + 1), row);
    }
    return new LinearWeights(outputs, bias, byKind);
  }

  // ---- the model file

  /** The model file of one language, trained on its dev answers. */
  static ObjectNode modelFile(String language, List<CorpusAnswer> dev, ObjectMapper mapper) {
    LanguageModel model = model(language);
    ObjectNode file = mapper.createObjectNode();
    file.put(
        "source",
        "trained by DevTrainer on the dev split of core/src/test/resources/corpus/answers-"
            + language
            + ".jsonl ("
            + dev.size()
            + " answers); the corpus is the project's own, under the project's licence");
    file.set("starModel", json(trainStar(starExamples(dev, model), SETTINGS), mapper));
    file.set(
        "sentimentModel", json(trainSentiment(sentimentExamples(dev, model), SETTINGS), mapper));
    return file;
  }

  private static ObjectNode json(Trained m, ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.set("bias", row(m.bias(), mapper));
    ObjectNode weights = mapper.createObjectNode();
    for (int i = 0; i < m.features().size(); i++) {
      double[] r = m.weights()[i];
      boolean any = false;
      for (double v : r) {
        any |= Math.abs(v) >= 5e-4;
      }
      if (any) {
        weights.set(
            m.features().get(i),
            r.length == 1 ? mapper.getNodeFactory().numberNode(round(r[0])) : row(r, mapper));
      }
    }
    node.set("weights", weights);
    return node;
  }

  private static JsonNode row(double[] r, ObjectMapper mapper) {
    ArrayNode a = mapper.createArrayNode();
    for (double v : r) {
      a.add(round(v));
    }
    return a;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
