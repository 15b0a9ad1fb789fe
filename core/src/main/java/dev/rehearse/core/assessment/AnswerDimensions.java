package dev.rehearse.core.assessment;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.interview.Claim;
import dev.rehearse.core.interview.Question;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-answer dimension scores of the offline assessment: pure, deterministic, no model and no
 * network. Each dimension is 0–100, or absent ("not assessed") when the answer does not give what
 * it needs. The definitions ({@code docs/validity.md} has them with their measured validity):
 *
 * <ul>
 *   <li><b>pace</b>: 100 from 120 to 160 words a minute, 1.25 off per word a minute beyond (0 at 80
 *       off). Absent without a duration.
 *   <li><b>fluency</b>: 100 less 8 per filler a minute. Absent without a duration.
 *   <li><b>conciseness</b>: 100 from 80 to 250 words; shorter rises from 40, longer falls to 20.
 *   <li><b>clarity</b>: 60% lexical diversity (full at 0.75) + 40% freedom from repeated trigrams
 *       (none at 20% repeated).
 *   <li><b>relevance</b>: how much of the question's content the answer takes up. The question's
 *       content words (stopwords and question framing like "tell", "describe", "time" removed, each
 *       word by its stem) covered by the answer, full at 40%; with key points, 60% that and 40% the
 *       share of key points the answer touches (full at half of them).
 *   <li><b>depth</b>: specificity, not length: distinct numbers (2 for full marks), named systems
 *       and technologies (3), trade-offs (1) and causal links ("because", "so that", "which meant":
 *       2), weighted 30/25/20/25. A long answer without any of them scores 0.
 *   <li><b>structure</b>: signposting and order: distinct sequence markers ("first", "then",
 *       "finally": 3 for full marks) 45%, markers in a logical order 15%, an announced enumeration
 *       ("three things") 15%, a conclusion in the last third (in short, to sum up) 25%.
 *   <li><b>technicalAccuracy</b>: for a question with key points only: the key points covered (full
 *       at 60% of them, at least two) less 35 points per misconception stated. Absent otherwise.
 *   <li><b>starAdherence</b>: for behavioural questions only: the STAR completeness (parts present
 *       of situation, task, action, result).
 *   <li><b>ownership</b>: "I" over "I" and "we". Absent when the answer uses neither.
 *   <li><b>problemSolving</b>: diagnosis (root cause, measured, investigated: 2 distinct cues for
 *       full marks) 40%, alternatives considered (options, instead, rather than) 30%, verification
 *       (tested, monitored, validated) 30%.
 * </ul>
 *
 * <p>The delivery dimensions (vocal variety, composure, engagement) come from a recording, not from
 * here: they are never scored from text.
 *
 * <p>Relevance and technical accuracy compare words by their stems, not by meaning: an answer that
 * says the same thing in other words ("teammate" for "colleague") is not credited. Embeddings would
 * credit it, but they cost a model per executor and ~2.5 ms per sentence on one core, which the
 * batch does not spend per answer.
 */
public final class AnswerDimensions implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * The version of these definitions (and of the cues they read). The lake keeps each answer's
   * scores with the version that computed them, and the assessment scores again the answers whose
   * stored version is not this one: raise it with every change that moves a score.
   */
  public static final int VERSION = 1;

  private final Map<String, Cues> cues;

  private AnswerDimensions(Map<String, Cues> cues) {
    this.cues = cues;
  }

  /** The scorer with the cue words of every language the analyzer supports. */
  public static AnswerDimensions builtIn() {
    return new AnswerDimensions(Cues.all());
  }

  /**
   * The question an answer replies to.
   *
   * @param text the question as asked
   * @param type its type; absent for a question of unknown type, taken as behavioural (the
   *     assessment's default)
   * @param keyPoints what a good answer covers, from the bank; empty when the question has none
   * @param misconceptions common wrong statements, from the bank
   */
  public record Asked(
      String text, Optional<InterviewType> type, List<Claim> keyPoints, List<Claim> misconceptions)
      implements Serializable {

    public Asked {
      text = text == null ? "" : text;
      type = type == null ? Optional.empty() : type;
      keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
      misconceptions = misconceptions == null ? List.of() : List.copyOf(misconceptions);
    }

    /** A bank question, asked with this text (its placeholders filled). */
    public static Asked of(Question q, String askedText) {
      return new Asked(askedText, Optional.of(q.type()), q.keyPoints(), q.misconceptions());
    }

    /** A question known only by its text and type. */
    public static Asked of(String text, Optional<InterviewType> type) {
      return new Asked(text, type, List.of(), List.of());
    }

    boolean behavioural() {
      return type.map(t -> t == InterviewType.BEHAVIORAL).orElse(true);
    }
  }

  /**
   * The scores of one answer: each dimension scored here to 0–100 (one decimal), absent when not
   * assessed. The language is the metrics' (English cues for a language without its own).
   */
  public Map<Dimension, Double> score(Asked question, String answer, AnswerMetrics metrics) {
    Cues c = cues.getOrDefault(metrics.language(), cues.get("en"));
    Cues.Words a = c.words(answer);
    Map<Dimension, Double> s = new EnumMap<>(Dimension.class);
    metrics.wordsPerMinute().ifPresent(wpm -> s.put(Dimension.PACE, pace(wpm)));
    metrics.fillersPerMinute().ifPresent(f -> s.put(Dimension.FLUENCY, Math.max(0, 100 - 8 * f)));
    s.put(Dimension.CONCISENESS, conciseness(metrics.wordCount()));
    s.put(
        Dimension.CLARITY,
        60 * clamp01(metrics.lexicalDiversity() / 0.75)
            + 40 * (1 - clamp01(metrics.repetition() * 5)));
    relevance(c, question, a).ifPresent(v -> s.put(Dimension.RELEVANCE, v));
    s.put(Dimension.DEPTH, depth(c, a));
    s.put(Dimension.STRUCTURE, structure(c, a));
    technicalAccuracy(c, question, a).ifPresent(v -> s.put(Dimension.TECHNICAL_ACCURACY, v));
    if (question.behavioural()) {
      s.put(Dimension.STAR_ADHERENCE, 100 * metrics.star().completeness());
    }
    ownership(c, a).ifPresent(v -> s.put(Dimension.OWNERSHIP, v));
    s.put(Dimension.PROBLEM_SOLVING, problemSolving(c, a));
    s.replaceAll((d, v) -> Math.round(v * 10) / 10.0);
    return s;
  }

  /** 120–160 words a minute is 100; each word a minute further off costs 1.25. */
  static double pace(double wpm) {
    return 100 - Math.min(80, Math.max(0, Math.abs(wpm - 140) - 20)) * 1.25;
  }

  /** 80–250 words is 100; shorter rises from 40, longer falls to 20. */
  static double conciseness(int words) {
    if (words < 80) {
      return 40 + words / 80.0 * 60;
    }
    if (words <= 250) {
      return 100;
    }
    return Math.max(20, 100 - (words - 250) / 5.0);
  }

  private static Optional<Double> relevance(Cues c, Asked q, Cues.Words a) {
    Set<String> content =
        c.memo("question content words", q.text(), () -> contentStems(c, q.text()));
    if (content.isEmpty() && q.keyPoints().isEmpty()) {
      return Optional.empty();
    }
    Set<String> said = new HashSet<>(List.of(a.stems()));
    long shared = content.stream().filter(said::contains).count();
    double topic = content.isEmpty() ? 0 : clamp01(shared / (0.4 * content.size()));
    if (q.keyPoints().isEmpty()) {
      return Optional.of(100 * topic);
    }
    double touched = covered(c, q.keyPoints(), a) / (double) q.keyPoints().size();
    double points = clamp01(touched / 0.5);
    return Optional.of(100 * (content.isEmpty() ? points : 0.6 * topic + 0.4 * points));
  }

  /** The stems of a question's content words: no stopwords, no placeholders, three letters up. */
  private static Set<String> contentStems(Cues c, String question) {
    Set<String> content = new HashSet<>();
    Cues.Words qw = c.words(question.replaceAll("\\{[a-z]+}", " "));
    for (int i = 0; i < qw.size(); i++) {
      if (!c.stopwords.contains(qw.folded()[i]) && qw.folded()[i].length() > 2) {
        content.add(qw.stems()[i]);
      }
    }
    return Set.copyOf(content);
  }

  private static Optional<Double> technicalAccuracy(Cues c, Asked q, Cues.Words a) {
    if (q.keyPoints().isEmpty()) {
      return Optional.empty();
    }
    int n = q.keyPoints().size();
    double needed = Math.max(2, Math.round(0.6 * n));
    double coverage = clamp01(covered(c, q.keyPoints(), a) / needed);
    int wrong = covered(c, q.misconceptions(), a);
    return Optional.of(100 * clamp01(coverage - 0.35 * wrong));
  }

  /** How many of the claims the answer makes (any one of a claim's terms is enough). */
  private static int covered(Cues c, List<Claim> claims, Cues.Words a) {
    int n = 0;
    for (Claim claim : claims) {
      Cues.Phrases terms =
          c.memo("claim phrases", claim.terms(), () -> new Cues.Phrases(claim.terms(), c));
      if (terms.find(a).size() > 0) {
        n++;
      }
    }
    return n;
  }

  private static double depth(Cues c, Cues.Words a) {
    Set<String> numbers = new HashSet<>();
    Set<String> named = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      String w = a.original()[i];
      String f = a.folded()[i];
      if (count(f, Character::isDigit) > 0) {
        numbers.add(f);
      } else if (c.technologies.contains(f) || looksNamed(c, a, i, w)) {
        named.add(f);
      }
    }
    c.numberWords.find(a).forEach(m -> numbers.add(m.phrase()));
    double numberPart = clamp01(numbers.size() / 2.0);
    double namedPart = clamp01(named.size() / 3.0);
    double tradeoffPart = clamp01(c.tradeoff.find(a).size() / 1.0);
    double causalPart = clamp01(c.causal.find(a).size() / 2.0);
    return 100 * (0.30 * numberPart + 0.25 * namedPart + 0.20 * tradeoffPart + 0.25 * causalPart);
  }

  /**
   * A name as written: an acronym ("SQL", "CDN"), a word with a capital inside ("PostgreSQL",
   * "iOS"), or a capitalised word that does not open a sentence and is not a pronoun or stopword.
   */
  private static boolean looksNamed(Cues c, Cues.Words a, int i, String w) {
    if (w.length() < 2
        || c.stopwords.contains(a.folded()[i])
        || c.singular.contains(a.folded()[i])) {
      return false;
    }
    int upper = count(w, Character::isUpperCase);
    if (upper >= 2) {
      return true;
    }
    boolean opensSentence = i == 0 || a.sentence()[i - 1] != a.sentence()[i];
    if (upper == 1 && !Character.isUpperCase(w.charAt(0))) {
      return true;
    }
    return upper == 1 && !opensSentence;
  }

  private static double structure(Cues c, Cues.Words a) {
    List<int[]> markers = new ArrayList<>();
    Set<String> distinct = new HashSet<>();
    int rank = 0;
    for (Cues.Phrases p : List.of(c.opening, c.middle, c.closing)) {
      for (Cues.Match m : p.find(a)) {
        markers.add(new int[] {m.at(), rank});
        distinct.add(m.phrase());
      }
      rank++;
    }
    markers.sort((x, y) -> Integer.compare(x[0], y[0]));
    boolean ordered = markers.size() >= 2;
    for (int i = 1; i < markers.size() && ordered; i++) {
      ordered = markers.get(i)[1] >= markers.get(i - 1)[1];
    }
    ordered = ordered && markers.get(0)[1] == 0;
    Set<Integer> counts = new HashSet<>();
    c.numberWords.find(a).forEach(m -> counts.add(m.at()));
    for (int i = 0; i < a.size(); i++) {
      String f = a.folded()[i];
      if (count(f, Character::isDigit) == f.length()) {
        counts.add(i);
      }
    }
    boolean enumeration = false;
    for (int i : counts) {
      for (int k = i + 1; k <= Math.min(i + 3, a.size() - 1); k++) {
        enumeration |= c.enumerationNouns.contains(a.stems()[k]);
      }
    }
    int lastThird = a.size() * 2 / 3;
    boolean conclusion = c.conclusion.find(a).stream().anyMatch(m -> m.at() >= lastThird);
    return 100
        * (0.45 * clamp01(distinct.size() / 3.0)
            + 0.15 * (ordered ? 1 : 0)
            + 0.15 * (enumeration ? 1 : 0)
            + 0.25 * (conclusion ? 1 : 0));
  }

  private static Optional<Double> ownership(Cues c, Cues.Words a) {
    int singular = 0;
    int plural = 0;
    for (String f : a.folded()) {
      if (c.singular.contains(f)) {
        singular++;
      } else if (c.plural.contains(f)) {
        plural++;
      }
    }
    return singular + plural == 0
        ? Optional.empty()
        : Optional.of(100.0 * singular / (singular + plural));
  }

  private static double problemSolving(Cues c, Cues.Words a) {
    return 100
        * (0.4 * clamp01(c.diagnosis.distinct(a) / 2.0)
            + 0.3 * clamp01(c.alternatives.distinct(a) / 1.0)
            + 0.3 * clamp01(c.verification.distinct(a) / 1.0));
  }

  /** How many of a word's characters pass the test (a loop: a stream per word costs more). */
  private static int count(String word, java.util.function.IntPredicate test) {
    int n = 0;
    for (int i = 0; i < word.length(); i++) {
      if (test.test(word.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
