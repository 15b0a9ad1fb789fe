package dev.rehearse.core.analytics;

import dev.rehearse.core.analytics.AnswerMetrics.FillerCount;
import dev.rehearse.core.analytics.AnswerMetrics.Star;
import dev.rehearse.core.analytics.AnswerMetrics.StarShares;
import dev.rehearse.core.analytics.LanguageModel.Part;
import dev.rehearse.core.analytics.Lexicon.FillerRule;
import dev.rehearse.core.analytics.Lexicon.HedgeRule;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.AnswerFields;
import dev.rehearse.core.events.WordTiming;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one answer into its {@link AnswerMetrics}: pure, deterministic, thread-safe, no I/O once
 * built. Invalid input (an answer without words, negative or inverted timings, a latency below
 * zero) is an {@link IllegalArgumentException} whose message starts with the field at fault.
 */
public final class AnswerAnalyzer {

  private static final double SENTIMENT_ALPHA = 15.0;
  private static final double NEGATION = -0.74;
  private static final double INTENSIFY = 1.3;
  private static final double DIMINISH = 0.7;
  private static final int TOP_FILLERS = 5;

  private final AnalyzerSettings settings;
  private final Map<String, LanguageModel> languages = new HashMap<>();

  public AnswerAnalyzer() {
    this(AnalyzerSettings.DEFAULTS);
  }

  public AnswerAnalyzer(AnalyzerSettings settings) {
    this.settings = settings;
    for (String language : Lexicon.LANGUAGES) {
      languages.put(language, new LanguageModel(Lexicon.forLanguage(language)));
    }
  }

  /** The languages with their own lexicons; others are analysed with English's. */
  public static List<String> languages() {
    return Lexicon.LANGUAGES;
  }

  /** Analyses an answer known only by its text, in English. */
  public AnswerMetrics analyze(Answer answer) {
    return analyze(AnalysisRequest.of(answer));
  }

  public AnswerMetrics analyze(AnalysisRequest request) {
    Answer answer = request.answer();
    if (answer.text() == null) {
      throw new IllegalArgumentException("text: is required");
    }
    Tokens tokens = Tokens.of(answer.text());
    if (tokens.wordCount == 0 && answer.audioRef().isPresent() && answer.words().isEmpty()) {
      return untranscribed(answer);
    }
    if (tokens.wordCount == 0) {
      throw new IllegalArgumentException("text: the answer has no words");
    }
    LanguageModel model = languages.getOrDefault(request.language(), languages.get("en"));
    Timing timing = timing(answer);
    int words = tokens.wordCount;

    Optional<Long> span = timing.span.or(answer::durationMs).filter(ms -> ms > 0);
    Optional<Double> wpm = span.map(ms -> round(words * 60_000.0 / ms, 2));
    Optional<Double> articulation =
        timing
            .span
            .filter(ms -> ms - timing.silenceMs > 0)
            .map(ms -> round(words * 60_000.0 / (ms - timing.silenceMs), 2));

    Map<String, Integer> fillers = fillers(tokens, model);
    int[] ids = wordIds(tokens);
    int fillerCount = fillers.values().stream().mapToInt(Integer::intValue).sum();
    Optional<Double> fillersPerMinute = span.map(ms -> round(fillerCount * 60_000.0 / ms, 2));

    return new AnswerMetrics(
        words,
        span,
        wpm,
        articulation,
        fillerCount,
        fillersPerMinute,
        top(fillers),
        timing.pauses,
        timing.longPauses,
        timing.longest,
        timing.span.filter(ms -> ms > 0).map(ms -> round((double) timing.silenceMs / ms, 3)),
        latency(answer),
        round(mattr(ids, settings.diversityWindow()), 3),
        round(repetition(ids), 3),
        hedges(tokens, model),
        round(sentiment(tokens, model.lexicon), 3),
        star(tokens, model),
        Bands.pace(wpm),
        Bands.fluency(fillerCount, words, fillersPerMinute),
        Bands.conciseness(words),
        Optional.empty());
  }

  /**
   * A spoken answer that no transcriber turned into words: only its duration and latency are known;
   * every text measure is zero or absent and the bands are {@code unknown}. Its delivery is in
   * {@link AnswerMetrics#audio()}, added by the stream.
   */
  private AnswerMetrics untranscribed(Answer answer) {
    answer
        .durationMs()
        .filter(d -> d < 0)
        .ifPresent(d -> fail(AnswerFields.DURATION_MS, "must not be negative"));
    return new AnswerMetrics(
        0,
        answer.durationMs().filter(ms -> ms > 0),
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        latency(answer),
        0,
        0,
        0,
        0,
        new AnswerMetrics.Star(
            false, false, false, false, 0, new AnswerMetrics.StarShares(0, 0, 0, 0)),
        Bands.UNKNOWN,
        Bands.UNKNOWN,
        Bands.UNKNOWN,
        Optional.empty());
  }

  /** Every filler of a text by phrase (the metrics keep only the top ones); for evaluation. */
  Map<String, Integer> fillerCounts(String text, String language) {
    return fillers(Tokens.of(text), languages.getOrDefault(language, languages.get("en")));
  }

  // ---- timings

  private record Timing(
      Optional<Long> span,
      long silenceMs,
      Optional<Integer> pauses,
      Optional<Integer> longPauses,
      Optional<Long> longest) {}

  private Timing timing(Answer answer) {
    List<WordTiming> words = answer.words();
    answer
        .durationMs()
        .filter(d -> d < 0)
        .ifPresent(d -> fail(AnswerFields.DURATION_MS, "must not be negative"));
    if (words.isEmpty()) {
      return new Timing(Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty());
    }
    for (int i = 0; i < words.size(); i++) {
      WordTiming w = words.get(i);
      if (w.startMs() < 0) {
        fail("words[" + i + "].startMs", "must not be negative");
      }
      if (w.endMs() < w.startMs()) {
        fail("words[" + i + "].endMs", "must not be before startMs");
      }
    }
    List<WordTiming> ordered = words;
    for (int i = 1; i < words.size(); i++) {
      if (words.get(i).startMs() < words.get(i - 1).startMs()) {
        ordered = new ArrayList<>(words);
        ordered.sort(Comparator.comparingLong(WordTiming::startMs));
        break;
      }
    }
    long start = ordered.get(0).startMs();
    long end = ordered.get(0).endMs();
    long silence = 0;
    long longest = 0;
    int pauses = 0;
    int longPauses = 0;
    for (int i = 1; i < ordered.size(); i++) {
      WordTiming w = ordered.get(i);
      long gap = w.startMs() - end; // overlapping words leave no gap
      if (gap >= settings.pauseMs()) {
        pauses++;
        longest = Math.max(longest, gap);
        silence += gap;
        if (gap >= settings.longPauseMs()) {
          longPauses++;
        }
      }
      end = Math.max(end, w.endMs());
    }
    long span = end - start;
    return new Timing(
        span > 0 ? Optional.of(span) : Optional.empty(),
        silence,
        Optional.of(pauses),
        Optional.of(longPauses),
        Optional.of(longest));
  }

  private static Optional<Long> latency(Answer answer) {
    if (answer.questionAskedAtMs().isEmpty() || answer.answerStartedAtMs().isEmpty()) {
      return Optional.empty();
    }
    long latency = answer.answerStartedAtMs().get() - answer.questionAskedAtMs().get();
    if (latency < 0) {
      fail(
          AnswerFields.ANSWER_STARTED_AT_MS,
          "must not be before " + AnswerFields.QUESTION_ASKED_AT_MS);
    }
    return Optional.of(latency);
  }

  // ---- fillers and hedges

  private static Map<String, Integer> fillers(Tokens t, LanguageModel model) {
    Map<String, Integer> counts = new HashMap<>();
    // whether everything so far in the sentence was punctuation or fillers ("Um, so, we…")
    boolean opening = true;
    for (int i = 0; i < t.size; ) {
      if (i > 0 && t.sentence[i] != t.sentence[i - 1]) {
        opening = true;
      }
      int next = i + 1;
      if (t.word[i]) {
        boolean matched = false;
        for (PhraseMatcher.Phrase<FillerRule> p : model.fillers.at(t, i)) {
          int end = i + p.tokens().length;
          if (LanguageModel.fillerHolds(t, i, end, p.value(), opening)) {
            counts.merge(p.value().phrase(), 1, Integer::sum);
            next = end;
            matched = true;
            break;
          }
        }
        opening &= matched;
      }
      i = next;
    }
    return counts;
  }

  private static List<FillerCount> top(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_FILLERS)
        .map(e -> new FillerCount(e.getKey(), e.getValue()))
        .toList();
  }

  private static int hedges(Tokens t, LanguageModel model) {
    int count = 0;
    for (int i = 0; i < t.size; ) {
      int next = i + 1;
      if (t.word[i]) {
        for (PhraseMatcher.Phrase<HedgeRule> p : model.hedges.at(t, i)) {
          String before = t.before(i);
          if (before == null || !p.value().notAfter().contains(before)) {
            count++;
            next = i + p.tokens().length;
            break;
          }
        }
      }
      i = next;
    }
    return count;
  }

  // ---- vocabulary

  /** Each word as a small integer, equal words equal ids; ids run from 0 to the distinct count. */
  static int[] wordIds(Tokens t) {
    Map<String, Integer> ids = new HashMap<>(Math.max(16, t.wordCount * 2));
    int[] out = new int[t.wordCount];
    for (int i = 0, k = 0; i < t.size; i++) {
      if (t.word[i]) {
        Integer id = ids.putIfAbsent(t.text[i], ids.size());
        out[k++] = id == null ? ids.size() - 1 : id;
      }
    }
    return out;
  }

  /** Moving-average type-token ratio: the mean share of distinct words in each window. */
  static double mattr(int[] words, int window) {
    int n = words.length;
    int[] counts = new int[n];
    int distinct = 0;
    int first = Math.min(window, n);
    for (int i = 0; i < first; i++) {
      if (counts[words[i]]++ == 0) {
        distinct++;
      }
    }
    if (n <= window) {
      return (double) distinct / n;
    }
    double sum = distinct;
    for (int i = window; i < n; i++) {
      if (counts[words[i]]++ == 0) {
        distinct++;
      }
      if (--counts[words[i - window]] == 0) {
        distinct--;
      }
      sum += distinct;
    }
    return sum / (n - window + 1) / window;
  }

  /** Share of word trigrams that repeat one seen earlier in the answer. */
  static double repetition(int[] words) {
    int trigrams = words.length - 2;
    if (trigrams <= 0) {
      return 0;
    }
    // ids fit in 21 bits for up to two million distinct words: each trigram is one exact long
    long[] keys = new long[trigrams];
    for (int i = 0; i < trigrams; i++) {
      keys[i] = ((long) words[i] << 42) | ((long) words[i + 1] << 21) | words[i + 2];
    }
    java.util.Arrays.sort(keys);
    int repeated = 0;
    for (int i = 1; i < trigrams; i++) {
      if (keys[i] == keys[i - 1]) {
        repeated++;
      }
    }
    return (double) repeated / trigrams;
  }

  // ---- sentiment

  /**
   * Sum of the lexicon scores of the answer's words, each flipped and damped when a negator stands
   * within the three words before it ("not good"), raised after an intensifier ("really good") and
   * lowered after a diminisher; normalised to -1..1 by {@code x / sqrt(x² + 15)}.
   */
  static double sentiment(Tokens t, Lexicon lexicon) {
    double sum = 0;
    for (int i = 0; i < t.size; i++) {
      if (!t.word[i]) {
        continue;
      }
      Double score = lexicon.sentiment().get(t.text[i]);
      if (score == null) {
        continue;
      }
      double s = score;
      String previous = t.before(i);
      if (previous != null && lexicon.intensifiers().contains(previous)) {
        s *= INTENSIFY;
      } else if (previous != null && lexicon.diminishers().contains(previous)) {
        s *= DIMINISH;
      }
      for (int k = i - 1, seen = 0; k >= 0 && seen < 3 && t.sentence[k] == t.sentence[i]; k--) {
        if (!t.word[k]) {
          break;
        }
        if (lexicon.negators().contains(t.text[k])) {
          s *= NEGATION;
          break;
        }
        seen++;
      }
      sum += s;
    }
    return sum / Math.sqrt(sum * sum + SENTIMENT_ALPHA);
  }

  // ---- STAR

  /**
   * Each sentence gets at most one STAR part, from its cue phrases (a Result cue wins over Task,
   * Task over Action, Action over Situation); a subject followed by a past-tense verb ("I
   * migrated") is an Action. Hypothetical sentences ("I would…") describe no past experience and
   * get no part.
   */
  private static Star star(Tokens t, LanguageModel model) {
    Part[] parts = new Part[t.sentences];
    boolean[] hypothetical = new boolean[t.sentences];
    int[] wordsIn = new int[t.sentences];
    for (int i = 0; i < t.size; i++) {
      int s = t.sentence[i];
      if (t.word[i]) {
        wordsIn[s]++;
      }
      if (!model.hypothetical.at(t, i).isEmpty()) {
        hypothetical[s] = true;
      }
      for (PhraseMatcher.Phrase<Part> p : model.star.at(t, i)) {
        parts[s] = stronger(parts[s], p.value());
      }
      if (t.word[i] && model.pastAction(t, i)) {
        parts[s] = stronger(parts[s], Part.ACTION);
      }
    }
    int[] partWords = new int[Part.values().length];
    for (int s = 0; s < t.sentences; s++) {
      if (parts[s] != null && !hypothetical[s]) {
        partWords[parts[s].ordinal()] += wordsIn[s];
      }
    }
    double total = t.wordCount;
    boolean situation = partWords[Part.SITUATION.ordinal()] > 0;
    boolean task = partWords[Part.TASK.ordinal()] > 0;
    boolean action = partWords[Part.ACTION.ordinal()] > 0;
    boolean result = partWords[Part.RESULT.ordinal()] > 0;
    int present = (situation ? 1 : 0) + (task ? 1 : 0) + (action ? 1 : 0) + (result ? 1 : 0);
    return new Star(
        situation,
        task,
        action,
        result,
        present / 4.0,
        new StarShares(
            round(partWords[Part.SITUATION.ordinal()] / total, 3),
            round(partWords[Part.TASK.ordinal()] / total, 3),
            round(partWords[Part.ACTION.ordinal()] / total, 3),
            round(partWords[Part.RESULT.ordinal()] / total, 3)));
  }

  private static Part stronger(Part current, Part candidate) {
    return current == null || candidate.ordinal() < current.ordinal() ? candidate : current;
  }

  // ---- helpers

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static void fail(String field, String problem) {
    throw new IllegalArgumentException(field + ": " + problem);
  }
}
