package dev.rehearse.core.analytics;

import dev.rehearse.core.corpus.CorpusAnswer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * k-fold cross-validation within the dev split: the models are trained on k-1 folds of a language's
 * dev answers and the analyzer's pipeline (clause cutting, STAR labels, sentiment score with
 * thresholds chosen on the training folds) is scored on the fold left out. Used to choose the
 * trainer's settings; a held-out answer never gets here.
 */
final class DevCrossValidation {

  static final int FOLDS = 5;

  /** Per part S T A R: clause F1 (per labelled clause) and presence F1 (per answer). */
  record Result(double[] clauseF1, double[] presenceF1, double sentiment, double argmax) {
    double meanClauseF1() {
      return Arrays.stream(clauseF1).average().orElse(0);
    }

    String format() {
      return String.format(
          Locale.ROOT,
          "clause S %.2f T %.2f A %.2f R %.2f | answer S %.2f T %.2f A %.2f R %.2f | sentiment"
              + " %.2f (most probable direction %.2f)",
          clauseF1[0],
          clauseF1[1],
          clauseF1[2],
          clauseF1[3],
          presenceF1[0],
          presenceF1[1],
          presenceF1[2],
          presenceF1[3],
          sentiment,
          argmax);
    }
  }

  private DevCrossValidation() {}

  static Result run(
      String language,
      List<CorpusAnswer> dev,
      DevTrainer.Settings settings,
      StarModel.CueRules cueRules) {
    LanguageModel model = DevTrainer.model(language);
    int[][] clause = new int[4][3]; // tp fp fn
    int[][] presence = new int[4][3];
    int right = 0;
    int rightArgmax = 0;
    for (int fold = 0; fold < FOLDS; fold++) {
      List<CorpusAnswer> train = new ArrayList<>();
      List<CorpusAnswer> test = new ArrayList<>();
      for (int i = 0; i < dev.size(); i++) {
        (i % FOLDS == fold ? test : train).add(dev.get(i));
      }
      StarModel star =
          new StarModel(
              DevTrainer.weights(
                  DevTrainer.trainStar(DevTrainer.starExamples(train, model), settings)),
              model,
              cueRules);
      SentimentModel sentiment =
          new SentimentModel(
              DevTrainer.weights(
                  DevTrainer.trainSentiment(DevTrainer.sentimentExamples(train, model), settings)),
              model);
      double[] trainScores =
          train.stream().mapToDouble(a -> sentiment.score(Tokens.of(a.text()))).toArray();
      int[] trainLabels = train.stream().mapToInt(a -> direction(a.sentiment())).toArray();
      double[] cut = cuts(trainScores, trainLabels);
      for (CorpusAnswer a : test) {
        Tokens t = Tokens.of(a.text());
        int[] starts = StarModel.clauses(t);
        int[] labels = star.label(t, starts);
        boolean[] found = new boolean[4];
        for (int label : labels) {
          if (label < 4) {
            found[label] = true;
          }
        }
        for (int p = 0; p < 4; p++) {
          boolean gold = a.hasPart(StarModel.LABELS[p]);
          count(presence[p], found[p], gold);
        }
        int at = 0;
        for (CorpusAnswer.Clause c : a.clauses()) {
          int start = at;
          int end = start + c.text().length();
          at = end + 1;
          int predicted = 4;
          int most = 0;
          for (int k = 0; k < starts.length; k++) {
            int from = t.start[starts[k]];
            int to = t.end[(k + 1 < starts.length ? starts[k + 1] : t.size) - 1];
            int overlap = Math.min(end, to) - Math.max(start, from);
            if (overlap > most) {
              most = overlap;
              predicted = labels[k];
            }
          }
          int gold = List.of(StarModel.LABELS).indexOf(c.star());
          for (int p = 0; p < 4; p++) {
            count(clause[p], predicted == p, gold == p);
          }
        }
        double score = sentiment.score(t);
        right += direction(score, cut) == direction(a.sentiment()) ? 1 : 0;
        double[] p = sentiment.probabilities(t);
        int most = p[0] > p[1] && p[0] > p[2] ? -1 : p[2] > p[1] ? 1 : 0;
        rightArgmax += most == direction(a.sentiment()) ? 1 : 0;
      }
    }
    double[] clauseF1 = new double[4];
    double[] presenceF1 = new double[4];
    for (int p = 0; p < 4; p++) {
      clauseF1[p] = f1(clause[p]);
      presenceF1[p] = f1(presence[p]);
    }
    return new Result(
        clauseF1, presenceF1, (double) right / dev.size(), (double) rightArgmax / dev.size());
  }

  private static void count(int[] c, boolean predicted, boolean gold) {
    if (predicted && gold) {
      c[0]++;
    } else if (predicted) {
      c[1]++;
    } else if (gold) {
      c[2]++;
    }
  }

  private static double f1(int[] c) {
    int d = 2 * c[0] + c[1] + c[2];
    return d == 0 ? 1 : 2.0 * c[0] / d;
  }

  static int direction(String sentiment) {
    return switch (sentiment) {
      case "positive" -> 1;
      case "negative" -> -1;
      default -> 0;
    };
  }

  static int direction(double score, double[] cut) {
    return score < cut[0] ? -1 : score > cut[1] ? 1 : 0;
  }

  /** The two thresholds with the best accuracy on these scores, as the held-out report chooses. */
  static double[] cuts(double[] scores, int[] labels) {
    double[] sorted = Arrays.stream(scores).distinct().sorted().toArray();
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
