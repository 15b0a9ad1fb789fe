package dev.rehearse.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.analytics.AnswerMetrics.FillerCount;
import dev.rehearse.core.analytics.RulesOnlyStar;
import dev.rehearse.core.corpus.CorpusSplit.Split;
import dev.rehearse.core.events.Answer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the analyzer over the labelled corpus and prints, per language and label, precision, recall
 * and F1 (sentiment: direction accuracy) on the dev and the held-out split; fails when a held-out
 * figure drops below its floor.
 *
 * <p>What is compared, given what {@link AnswerMetrics} exposes:
 *
 * <ul>
 *   <li>STAR per answer: whether each part is present in the answer (gold: any clause carries the
 *       part).
 *   <li>STAR per clause: the analyzer labels its own clauses (character spans of the text); each
 *       labelled clause takes the part of the analyzer's clause that overlaps it most (or none),
 *       and is a true positive of its part when the two agree. The word shares are printed as well,
 *       with no floor.
 *   <li>Fillers: per answer and per filler phrase, tp = min(found, labelled) for the phrases of
 *       {@code topFillers}; fillers beyond the top list have no phrase, and match the labelled
 *       fillers of other phrases by count.
 *   <li>Hedges: only a count is exposed, so per answer tp = min(found, labelled).
 *   <li>Sentiment: the score (-1..1) is mapped to negative / neutral / positive with two thresholds
 *       per language, chosen to maximise accuracy on that language's dev split only.
 * </ul>
 */
class HeldOutEvaluationTest {

  // ---- the issue's targets (issue 13), in one place

  static final double TARGET_STAR_F1 = 0.90;
  static final double TARGET_FILLER_F1 = 0.95;
  static final double TARGET_SENTIMENT_ACCURACY = 0.85;

  /**
   * Ratchet floors: the held-out figures measured when the corpus was added, rounded down to 0.05,
   * per "language label". The build fails when a figure drops below its floor. When the analyzer
   * improves, raise the floor to the new figure rounded down; never lower one to make a build pass.
   * A language whose file is present but has no floor here is reported as "unset" and not checked
   * until its floors are recorded. Raised to the figures of the clause-level STAR and sentiment
   * models trained on the dev split; "clause" rows score STAR per labelled clause. One floor went
   * down: es STAR T (per answer) from 0.60 to 0.50, 5 of 11 held-out answers with a task found
   * against the cue phrases' 0.60, while every other Spanish figure rose; it is recorded as
   * measured, not tuned on held-out answers. Sentiment floors raised to the multinomial sentiment
   * model (negative, neutral, positive; L2 chosen by 5-fold cross-validation on dev), and en
   * fillers to the filler rules that tell a set-off "like" from an example, and es/fr/de STAR T and
   * clause S/T to the task cue phrases overruling the model in those languages. Sentiment floors of
   * en, es and fr raised to the share of positive and negative sentences and a sentence opening
   * with a contrast word ("But it held") weighing more (en 0.816 to 0.827, es 0.737 to 0.763, fr
   * 0.808 to 0.846); these floors are rounded down to 0.01. STAR floors of es and fr raised to the
   * task cue phrases added to their lexicons ("mi objetivo", "me tocó", "j'ai dû", "mon rôle", ...)
   * and their models retrained on dev: es STAR T 0.571 to 0.706, clause S 0.708 to 0.727, clause T
   * 0.545 to 0.667, clause R 0.688 to 0.698 (es STAR A went down, 0.864 to 0.857, above its floor);
   * fr STAR S 0.909 to 0.971, clause S 0.837 to 0.889, clause T 0.571 to 0.714. Spanish
   * first-person past action verbs added as action cue phrases ("cambié", "monté", "pedí",
   * "migramos", ...), model retrained on dev: es STAR S 0.875 to 0.898, STAR A 0.857 to 0.927,
   * clause S 0.727 to 0.776, clause A 0.679 to 0.769, clause R 0.698 to 0.721 (es STAR R went down,
   * 0.923 to 0.920, above its floor). es fillers raised to the rules for "pues" after "y" or
   * "porque" or set off mid-sentence and for an empty "es que" opening a sentence, from the
   * labelling guideline: 0.935 to 0.954.
   */
  static final Map<String, Double> FLOORS =
      Map.ofEntries(
          Map.entry("en STAR S", 0.90),
          Map.entry("en STAR T", 0.75),
          Map.entry("en STAR A", 0.90),
          Map.entry("en STAR R", 0.90),
          Map.entry("en clause S", 0.85),
          Map.entry("en clause T", 0.60),
          Map.entry("en clause A", 0.85),
          Map.entry("en clause R", 0.75),
          Map.entry("en fillers", 0.95),
          Map.entry("en hedges", 1.00),
          Map.entry("en sentiment", 0.82),
          Map.entry("es STAR S", 0.89),
          Map.entry("es STAR T", 0.70),
          Map.entry("es STAR A", 0.92),
          Map.entry("es STAR R", 0.90),
          Map.entry("es clause S", 0.77),
          Map.entry("es clause T", 0.66),
          Map.entry("es clause A", 0.76),
          Map.entry("es clause R", 0.72),
          Map.entry("es fillers", 0.95),
          Map.entry("es hedges", 1.00),
          Map.entry("es sentiment", 0.76),
          Map.entry("fr STAR S", 0.97),
          Map.entry("fr STAR T", 0.70),
          Map.entry("fr STAR A", 0.90),
          Map.entry("fr STAR R", 0.85),
          Map.entry("fr clause S", 0.88),
          Map.entry("fr clause T", 0.71),
          Map.entry("fr clause A", 0.80),
          Map.entry("fr clause R", 0.85),
          Map.entry("fr fillers", 0.90),
          Map.entry("fr hedges", 0.80),
          Map.entry("fr sentiment", 0.84),
          Map.entry("de STAR S", 0.90),
          Map.entry("de STAR T", 0.90),
          Map.entry("de STAR A", 0.85),
          Map.entry("de STAR R", 0.95),
          Map.entry("de clause S", 0.80),
          Map.entry("de clause T", 0.90),
          Map.entry("de clause A", 0.90),
          Map.entry("de clause R", 0.90),
          Map.entry("de fillers", 0.90),
          Map.entry("de hedges", 0.75),
          Map.entry("de sentiment", 0.85));

  static final List<String> STAR_PARTS = List.of("S", "T", "A", "R");
  static final List<String> LABELS =
      List.of(
          "STAR S",
          "STAR T",
          "STAR A",
          "STAR R",
          "fillers",
          "hedges",
          "sentiment",
          "clause S",
          "clause T",
          "clause A",
          "clause R");

  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();
  private static final Pattern WORD = Pattern.compile("\\s+");
  private static final Map<String, List<Scored>> SCORED = new LinkedHashMap<>();
  private static final Map<String, Thresholds> THRESHOLDS = new LinkedHashMap<>();

  /** One corpus answer with the analyzer's metrics for it, and its clauses by the rules alone. */
  record Scored(
      CorpusAnswer gold, Split split, AnswerMetrics found, List<AnswerMetrics.Clause> rules) {}

  /** True positives, false positives and false negatives of one label. */
  record Counts(int tp, int fp, int fn) {
    static final Counts ZERO = new Counts(0, 0, 0);

    Counts plus(Counts o) {
      return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
    }

    static Counts of(int found, int labelled, int matched) {
      return new Counts(matched, found - matched, labelled - matched);
    }

    Optional<Double> precision() {
      return tp + fp == 0 ? Optional.empty() : Optional.of((double) tp / (tp + fp));
    }

    Optional<Double> recall() {
      return tp + fn == 0 ? Optional.empty() : Optional.of((double) tp / (tp + fn));
    }

    Optional<Double> f1() {
      return tp + fp + fn == 0 ? Optional.empty() : Optional.of(2.0 * tp / (2 * tp + fp + fn));
    }
  }

  /** Sentiment score above {@code positive} is positive, below {@code negative} negative. */
  record Thresholds(double negative, double positive) {
    String direction(double score) {
      return score > positive ? "positive" : score < negative ? "negative" : "neutral";
    }
  }

  /** The figure a floor applies to: F1, or accuracy for sentiment, with its counts. */
  record Measure(String label, Optional<Double> value, String detail) {}

  @BeforeAll
  static void analyzeTheCorpus() {
    Corpus.load()
        .forEach(
            (language, answers) -> {
              List<Scored> scored = new ArrayList<>();
              for (CorpusAnswer a : answers) {
                AnswerMetrics m =
                    ANALYZER.analyze(
                        new AnalysisRequest(
                            Optional.of(a.question()), Answer.ofText(a.text()), language));
                scored.add(
                    new Scored(
                        a, CorpusSplit.of(a.id()), m, RulesOnlyStar.clauses(a.text(), language)));
              }
              SCORED.put(language, scored);
              THRESHOLDS.put(language, chooseThresholds(only(scored, Split.DEV)));
            });
  }

  @Test
  void heldOutFiguresStayAboveTheirFloors() {
    printReport(Split.DEV);
    printReport(Split.HELD_OUT);

    List<String> belowFloor = new ArrayList<>();
    System.out.println("held-out floors (targets from issue 13; floors are a ratchet):");
    for (String language : SCORED.keySet()) {
      for (Measure m : measures(language, Split.HELD_OUT)) {
        String key = language + " " + m.label();
        Double floor = FLOORS.get(key);
        String measured = m.value().map(HeldOutEvaluationTest::fmt).orElse("n/a");
        System.out.printf(
            Locale.ROOT,
            "  %-14s target %s, floor %s, measured %s%n",
            key,
            target(m.label()).map(HeldOutEvaluationTest::fmt).orElse("-"),
            floor == null ? "unset" : fmt(floor),
            measured);
        if (floor != null && m.value().isPresent()) {
          if (m.value().get() < floor) {
            belowFloor.add(key + " " + measured + " < floor " + fmt(floor));
          }
        }
      }
    }
    assertThat(belowFloor).as("held-out figures below their floors").isEmpty();
  }

  @Test
  void everyLanguageHasHeldOutAnswersForEveryLabel() {
    assertThat(SCORED).containsKey("en");
    SCORED.forEach(
        (language, scored) -> {
          List<Scored> heldOut = only(scored, Split.HELD_OUT);
          assertThat(heldOut).as(language).isNotEmpty();
          for (String part : STAR_PARTS) {
            assertThat(heldOut.stream().filter(s -> s.gold().hasPart(part)))
                .as(language + " held-out answers with " + part)
                .isNotEmpty();
          }
          assertThat(heldOut.stream().filter(s -> !s.gold().fillers().isEmpty()))
              .as(language + " held-out answers with fillers")
              .isNotEmpty();
        });
  }

  @Test
  void theChosenSentimentThresholdsAreAtLeastAsGoodOnDevAsFixedOnes() {
    SCORED.forEach(
        (language, scored) -> {
          List<Scored> dev = only(scored, Split.DEV);
          Thresholds chosen = THRESHOLDS.get(language);
          assertThat(chosen.negative()).isLessThanOrEqualTo(chosen.positive());
          for (Thresholds fixed :
              List.of(
                  new Thresholds(-0.2, 0.2), new Thresholds(0, 0), new Thresholds(-0.05, 0.3))) {
            assertThat(right(dev, chosen)).as(language).isGreaterThanOrEqualTo(right(dev, fixed));
          }
        });
  }

  // ---- measures

  static List<Measure> measures(String language, Split split) {
    List<Scored> scored = only(SCORED.get(language), split);
    List<Measure> out = new ArrayList<>();
    for (String part : STAR_PARTS) {
      Counts c = star(scored, part);
      out.add(new Measure("STAR " + part, c.f1(), counts(c)));
    }
    Counts f = fillers(scored);
    out.add(new Measure("fillers", f.f1(), counts(f)));
    Counts h = hedges(scored);
    out.add(new Measure("hedges", h.f1(), counts(h)));
    long right = right(scored, THRESHOLDS.get(language));
    out.add(
        new Measure(
            "sentiment",
            scored.isEmpty() ? Optional.empty() : Optional.of((double) right / scored.size()),
            right + "/" + scored.size()));
    for (String part : STAR_PARTS) {
      Counts c = starClauses(scored, part);
      out.add(new Measure("clause " + part, c.f1(), counts(c)));
    }
    return out;
  }

  static Counts star(List<Scored> scored, String part) {
    Counts total = Counts.ZERO;
    for (Scored s : scored) {
      AnswerMetrics.Star star = s.found().star();
      boolean found =
          switch (part) {
            case "S" -> star.situation();
            case "T" -> star.task();
            case "A" -> star.action();
            default -> star.result();
          };
      boolean labelled = s.gold().hasPart(part);
      total = total.plus(Counts.of(found ? 1 : 0, labelled ? 1 : 0, found && labelled ? 1 : 0));
    }
    return total;
  }

  /**
   * STAR per labelled clause: the clause takes the part of the analyzer's clause that overlaps its
   * characters most ("none" without overlap).
   */
  static Counts starClauses(List<Scored> scored, String part) {
    return starClauses(scored, part, s -> s.found().star().clauses());
  }

  /** {@link #starClauses(List, String)} for the clauses {@code labelling} gives an answer. */
  static Counts starClauses(
      List<Scored> scored,
      String part,
      java.util.function.Function<Scored, List<AnswerMetrics.Clause>> labelling) {
    Counts total = Counts.ZERO;
    for (Scored s : scored) {
      int at = 0;
      for (CorpusAnswer.Clause c : s.gold().clauses()) {
        int start = at;
        int end = start + c.text().length();
        at = end + 1; // the clause texts are joined with one space
        String found = foundPart(labelling.apply(s), start, end);
        boolean labelled = c.star().equals(part);
        boolean predicted = found.equals(part);
        total =
            total.plus(
                Counts.of(predicted ? 1 : 0, labelled ? 1 : 0, predicted && labelled ? 1 : 0));
      }
    }
    return total;
  }

  /** The part (S T A R none) of the analyzer's clause that overlaps {@code [start, end)} most. */
  static String foundPart(List<AnswerMetrics.Clause> clauses, int start, int end) {
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
   * STAR by word share: the analyzer gives each part's share of the answer's words but not which
   * words, so per answer and part tp = min(found words, labelled words). This is an upper bound on
   * word-level agreement, printed for information; the floors use per-answer presence.
   */
  static Counts starWords(List<Scored> scored, String part) {
    Counts total = Counts.ZERO;
    for (Scored s : scored) {
      AnswerMetrics.StarShares shares = s.found().star().shares();
      double share =
          switch (part) {
            case "S" -> shares.situation();
            case "T" -> shares.task();
            case "A" -> shares.action();
            default -> shares.result();
          };
      int words = s.found().wordCount();
      int found = (int) Math.round(share * words);
      int all = 0;
      int inPart = 0;
      for (CorpusAnswer.Clause c : s.gold().clauses()) {
        int n = WORD.split(c.text().strip()).length;
        all += n;
        inPart += c.star().equals(part) ? n : 0;
      }
      int labelled = all == 0 ? 0 : (int) Math.round((double) inPart / all * words);
      total = total.plus(Counts.of(found, labelled, Math.min(found, labelled)));
    }
    return total;
  }

  static Counts fillers(List<Scored> scored) {
    Counts total = Counts.ZERO;
    for (Scored s : scored) {
      Map<String, Integer> labelled = new HashMap<>();
      s.gold().fillers().forEach(f -> labelled.merge(phrase(f), 1, Integer::sum));
      int matched = 0;
      int listed = 0;
      Set<String> seen = new TreeSet<>();
      for (FillerCount fc : s.found().topFillers()) {
        String p = phrase(fc.filler());
        seen.add(p);
        listed += fc.count();
        matched += Math.min(fc.count(), labelled.getOrDefault(p, 0));
      }
      int unlisted = s.found().fillerCount() - listed;
      int labelledElsewhere =
          labelled.entrySet().stream()
              .filter(e -> !seen.contains(e.getKey()))
              .mapToInt(Map.Entry::getValue)
              .sum();
      matched += Math.min(unlisted, labelledElsewhere);
      total = total.plus(Counts.of(s.found().fillerCount(), s.gold().fillers().size(), matched));
    }
    return total;
  }

  static Counts hedges(List<Scored> scored) {
    Counts total = Counts.ZERO;
    for (Scored s : scored) {
      int found = s.found().hedgeCount();
      int labelled = s.gold().hedges().size();
      total = total.plus(Counts.of(found, labelled, Math.min(found, labelled)));
    }
    return total;
  }

  /**
   * The two thresholds with the best accuracy on these answers, tried at the midpoints between
   * consecutive distinct scores (and beyond both ends); the first best pair wins.
   */
  static Thresholds chooseThresholds(List<Scored> dev) {
    double[] score = dev.stream().mapToDouble(s -> s.found().sentiment()).toArray();
    String[] label = dev.stream().map(s -> s.gold().sentiment()).toArray(String[]::new);
    double[] distinct = Arrays.stream(score).distinct().sorted().toArray();
    double[] cuts = new double[distinct.length + 1];
    cuts[0] = -1.01;
    for (int i = 1; i < distinct.length; i++) {
      cuts[i] = (distinct[i - 1] + distinct[i]) / 2;
    }
    cuts[distinct.length] = 1.01;
    Thresholds best = new Thresholds(-1.01, 1.01);
    int bestRight = -1;
    for (int i = 0; i < cuts.length; i++) {
      for (int j = i; j < cuts.length; j++) {
        Thresholds t = new Thresholds(cuts[i], cuts[j]);
        int right = 0;
        for (int k = 0; k < score.length; k++) {
          if (t.direction(score[k]).equals(label[k])) {
            right++;
          }
        }
        if (right > bestRight) {
          bestRight = right;
          best = t;
        }
      }
    }
    return best;
  }

  static long right(List<Scored> scored, Thresholds t) {
    return scored.stream()
        .filter(s -> t.direction(s.found().sentiment()).equals(s.gold().sentiment()))
        .count();
  }

  // ---- report

  static void printReport(Split split) {
    System.out.printf(
        Locale.ROOT,
        "%n== %s split (SHA-256 of id with salt %s; %d%% dev) ==%n",
        split.label(),
        CorpusSplit.SALT,
        CorpusSplit.DEV_PERCENT);
    System.out.println(
        "STAR: per answer, presence of each part; clause: per labelled clause, the part of the"
            + " analyzer's clause overlapping it most.");
    System.out.println(
        "fillers: per answer and phrase, tp = min(found, labelled); hedges: per answer, tp ="
            + " min(found, labelled).");
    System.out.printf(
        Locale.ROOT,
        "%-4s %-9s %5s %5s %5s %5s %5s %9s %7s %6s%n",
        "lang",
        "label",
        "gold",
        "found",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "F1");
    for (String language : SCORED.keySet()) {
      List<Scored> scored = only(SCORED.get(language), split);
      for (String part : STAR_PARTS) {
        row(language, "STAR " + part, star(scored, part));
      }
      for (String part : STAR_PARTS) {
        row(language, "clause " + part, starClauses(scored, part));
      }
      row(language, "fillers", fillers(scored));
      row(language, "hedges", hedges(scored));
      Thresholds t = THRESHOLDS.get(language);
      Measure sentiment = measures(language, split).get(LABELS.indexOf("sentiment"));
      System.out.printf(
          Locale.ROOT,
          "%-4s %-9s accuracy %s (%s right; positive > %s, negative < %s, chosen on dev)%n",
          language,
          "sentiment",
          sentiment.value().map(HeldOutEvaluationTest::fmt).orElse("n/a"),
          sentiment.detail(),
          fmt(t.positive()),
          fmt(t.negative()));
    }
    System.out.println(
        "STAR per clause, the lexicon's cue rules alone (no trained model) beside the shipped"
            + " classifier (model and rules):");
    for (String language : SCORED.keySet()) {
      List<Scored> scored = only(SCORED.get(language), split);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-4s", language));
      for (String part : STAR_PARTS) {
        line.append(
            String.format(
                Locale.ROOT,
                " %s rules %s classifier %s;",
                part,
                starClauses(scored, part, Scored::rules)
                    .f1()
                    .map(HeldOutEvaluationTest::fmt)
                    .orElse("n/a"),
                starClauses(scored, part).f1().map(HeldOutEvaluationTest::fmt).orElse("n/a")));
      }
      System.out.println(line);
    }
    System.out.println(
        "STAR by word share (no positions exposed; tp = min(found, labelled words) per answer and"
            + " part, an upper bound on word-level agreement; not floored):");
    for (String language : SCORED.keySet()) {
      List<Scored> scored = only(SCORED.get(language), split);
      for (String part : STAR_PARTS) {
        row(language, "words " + part, starWords(scored, part));
      }
    }
  }

  private static void row(String language, String label, Counts c) {
    System.out.printf(
        Locale.ROOT,
        "%-4s %-9s %5d %5d %5d %5d %5d %9s %7s %6s%n",
        language,
        label,
        c.tp() + c.fn(),
        c.tp() + c.fp(),
        c.tp(),
        c.fp(),
        c.fn(),
        c.precision().map(HeldOutEvaluationTest::fmt).orElse("n/a"),
        c.recall().map(HeldOutEvaluationTest::fmt).orElse("n/a"),
        c.f1().map(HeldOutEvaluationTest::fmt).orElse("n/a"));
  }

  // ---- helpers

  static Optional<Double> target(String label) {
    if (label.startsWith("STAR") || label.startsWith("clause")) {
      return Optional.of(TARGET_STAR_F1);
    }
    return switch (label) {
      case "fillers" -> Optional.of(TARGET_FILLER_F1);
      case "sentiment" -> Optional.of(TARGET_SENTIMENT_ACCURACY);
      default -> Optional.empty();
    };
  }

  static List<Scored> only(List<Scored> scored, Split split) {
    return scored.stream().filter(s -> s.split() == split).toList();
  }

  private static String phrase(String filler) {
    return filler.replace('\u2019', '\'').toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
  }

  private static String counts(Counts c) {
    return "tp " + c.tp() + ", fp " + c.fp() + ", fn " + c.fn();
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
