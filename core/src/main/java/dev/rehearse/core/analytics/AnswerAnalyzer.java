package dev.rehearse.core.analytics;

import dev.rehearse.core.analytics.AnswerMetrics.Clause;
import dev.rehearse.core.analytics.AnswerMetrics.FillerCount;
import dev.rehearse.core.analytics.AnswerMetrics.Star;
import dev.rehearse.core.analytics.AnswerMetrics.StarShares;
import dev.rehearse.core.analytics.Lexicon.FillerRule;
import dev.rehearse.core.analytics.Lexicon.HedgeRule;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.AnswerFields;
import dev.rehearse.core.events.WordTiming;
import java.util.ArrayList;
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

  private static final int TOP_FILLERS = 5;

  /** Above this many words a minute the input is not speech (fast speech is about 250). */
  public static final double MAX_WORDS_PER_MINUTE = 450;

  /** No answer lasts a day; a larger time is a unit error (seconds since 1970, nanoseconds). */
  public static final long MAX_MS = 24L * 60 * 60 * 1000;

  /** The share of words that timings must cover to be used at all. */
  public static final double MIN_TIMING_COVERAGE = 0.5;

  /** Timings for at least this share of the words are taken as covering the whole answer. */
  static final double FULL_TIMING_COVERAGE = 0.9;

  /** Below this many words the pace is not checked: a word or two may be said in a blink. */
  private static final int MIN_WORDS_FOR_PACE_CHECK = 5;

  private final AnalyzerSettings settings;
  private final Map<String, LanguageModel> languages = new HashMap<>();
  private final Map<String, StarModel> starModels = new HashMap<>();
  private final Map<String, SentimentModel> sentimentModels = new HashMap<>();

  /** Per language, every word its lexicon and models look up ({@link Tokens#canonicalize}). */
  private final Map<String, Vocabulary> vocabularies = new HashMap<>();

  public AnswerAnalyzer() {
    this(AnalyzerSettings.DEFAULTS);
  }

  public AnswerAnalyzer(AnalyzerSettings settings) {
    this.settings = settings;
    for (String language : Lexicon.LANGUAGES) {
      LanguageModel model = new LanguageModel(Lexicon.forLanguage(language));
      languages.put(language, model);
      var file = LinearWeights.file(language);
      LinearWeights star =
          LinearWeights.of(file.map(f -> f.get("starModel")).orElse(null), StarModel.LABELS.length);
      LinearWeights sentiment =
          LinearWeights.of(
              file.map(f -> f.get("sentimentModel")).orElse(null), SentimentModel.LABELS.length);
      StarModel starModel = new StarModel(star, model, cueRules(language));
      starModels.put(language, starModel);
      sentimentModels.put(language, new SentimentModel(sentiment, model));
      java.util.Set<String> words = new java.util.HashSet<>();
      model.vocabularyInto(words);
      star.keysInto(words, StarModel.TOKEN_KINDS);
      sentiment.keysInto(words, SentimentModel.TOKEN_KINDS);
      vocabularies.put(
          language,
          new Vocabulary(
              words,
              w -> {
                model.describe(w);
                starModel.describe(w);
              }));
    }
  }

  /**
   * How far the cue phrases overrule the STAR model in {@code language}, chosen by 5-fold
   * cross-validation on the dev split ({@code DevModelTest}): all cue rules for Spanish, French and
   * German, whose dev splits are small; none for English.
   */
  static StarModel.CueRules cueRules(String language) {
    return language.equals("en") ? StarModel.CueRules.NONE : StarModel.CueRules.TASK_AND_FILL;
  }

  /** The languages with their own lexicons; others are analysed with English's. */
  public static List<String> languages() {
    return Lexicon.LANGUAGES;
  }

  /** Analyses an answer known only by its text, in English. */
  /**
   * The language of a text (ISO 639-1) as {@link #analyze} detects it for an answer given without
   * one; English without evidence.
   */
  public static String detectLanguage(String text) {
    return LanguageDetector.detect(Tokens.of(text == null ? "" : text));
  }

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
      // nothing to detect the language from: the one given, else the default
      return untranscribed(answer, request.language() != null ? request.language() : "en");
    }
    if (tokens.wordCount == 0) {
      throw new IllegalArgumentException("text: the answer has no words");
    }
    String language =
        request.language() != null ? request.language() : LanguageDetector.detect(tokens);
    String lexiconLanguage = languages.containsKey(language) ? language : "en";
    LanguageModel model = languages.get(lexiconLanguage);
    tokens.canonicalize(vocabularies.get(lexiconLanguage));
    int words = tokens.wordCount;
    checkPlausible(answer, words);
    Timing timing = timing(answer, words);

    // timings that cover only part of the answer give pauses, not the pace
    Optional<Long> span =
        (timing.full
                ? timing.span.or(answer::durationMs)
                : answer.durationMs().or(() -> timing.span))
            .filter(ms -> ms > 0);
    int paced =
        timing.full || answer.durationMs().filter(ms -> ms > 0).isPresent()
            ? words
            : timing.covered;
    Optional<Double> wpm = span.map(ms -> round(paced * 60_000.0 / ms, 2));
    Optional<Double> articulation =
        timing
            .span
            .filter(ms -> ms - timing.silenceMs > 0)
            .map(ms -> round(timing.covered * 60_000.0 / (ms - timing.silenceMs), 2));

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
        round(sentimentModels.get(lexiconLanguage).score(tokens), 3),
        star(answer.text(), tokens, starModels.get(lexiconLanguage)),
        Bands.pace(wpm),
        Bands.fluency(fillerCount, words, fillersPerMinute),
        Bands.conciseness(words),
        language,
        Optional.empty());
  }

  /**
   * A spoken answer that no transcriber turned into words: only its duration and latency are known;
   * every text measure is zero or absent and the bands are {@code unknown}. Its delivery is in
   * {@link AnswerMetrics#audio()}, added by the stream.
   */
  private AnswerMetrics untranscribed(Answer answer, String language) {
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
            false, false, false, false, 0, new AnswerMetrics.StarShares(0, 0, 0, 0), List.of()),
        Bands.UNKNOWN,
        Bands.UNKNOWN,
        Bands.UNKNOWN,
        language,
        Optional.empty());
  }

  /** Every filler of a text by phrase (the metrics keep only the top ones); for evaluation. */
  Map<String, Integer> fillerCounts(String text, String language) {
    return fillers(Tokens.of(text), languages.getOrDefault(language, languages.get("en")));
  }

  /**
   * Checks an answer's timings and duration as {@link #analyze} does, without analysing it, so the
   * API can reject implausible input before it stores anything. Throws an {@link
   * IllegalArgumentException} whose message starts with the field at fault.
   */
  public static void checkPlausible(Answer answer) {
    if (answer.text() == null) {
      fail(AnswerFields.TEXT, "is required");
    }
    checkPlausible(answer, Tokens.of(answer.text()).wordCount);
  }

  // ---- timings

  /**
   * What the word timings tell: the speaking span, the silence in it and the pauses; {@code
   * covered} words have a timing, and {@code full} tells whether that is (nearly) all of them.
   */
  private record Timing(
      Optional<Long> span,
      long silenceMs,
      Optional<Integer> pauses,
      Optional<Integer> longPauses,
      Optional<Long> longest,
      int covered,
      boolean full) {}

  /**
   * Checks and reads the timings: each word inside the answer (not negative, not past {@code
   * durationMs}, below a day), in order and not overlapping the one before; timings for fewer than
   * half the words are invalid input (they cannot stand for the answer).
   */
  private static void checkPlausible(Answer answer, int wordCount) {
    List<WordTiming> words = answer.words();
    Optional<Long> duration = answer.durationMs();
    duration
        .filter(d -> d < 0)
        .ifPresent(d -> fail(AnswerFields.DURATION_MS, "must not be negative"));
    duration
        .filter(d -> d >= MAX_MS)
        .ifPresent(d -> fail(AnswerFields.DURATION_MS, "must be below 24 h (" + MAX_MS + " ms)"));
    if (words.isEmpty()) {
      checkPace(wordCount, duration, AnswerFields.DURATION_MS);
      return;
    }
    if (words.size() < MIN_TIMING_COVERAGE * wordCount) {
      fail(
          AnswerFields.WORDS,
          words.size()
              + " timings for "
              + wordCount
              + " words: timings must cover at least half the words, or be left out");
    }
    for (int i = 0; i < words.size(); i++) {
      WordTiming w = words.get(i);
      if (w.startMs() >= 0
          && w.endMs() >= w.startMs()
          && w.endMs() < MAX_MS
          && (duration.isEmpty() || w.endMs() <= duration.get())
          && (i == 0 || w.startMs() >= words.get(i - 1).endMs())) {
        continue; // the usual case, without building the field's name
      }
      String at = AnswerFields.WORDS + "[" + i + "]";
      if (w.startMs() < 0) {
        fail(at + ".startMs", "must not be negative");
      }
      if (w.endMs() < w.startMs()) {
        fail(at + ".endMs", "must not be before startMs");
      }
      if (w.endMs() >= MAX_MS) {
        fail(at + ".endMs", "must be below 24 h (" + MAX_MS + " ms)");
      }
      if (duration.isPresent() && w.endMs() > duration.get()) {
        fail(at + ".endMs", "must not be after " + AnswerFields.DURATION_MS);
      }
      if (i > 0 && w.startMs() < words.get(i - 1).endMs()) {
        fail(
            at + ".startMs",
            "must not be before the end of "
                + AnswerFields.WORDS
                + "["
                + (i - 1)
                + "]: timings are in order and do not overlap");
      }
    }
    boolean full = words.size() >= FULL_TIMING_COVERAGE * wordCount;
    long span = words.get(words.size() - 1).endMs() - words.get(0).startMs();
    if (full && span > 0) {
      checkPace(wordCount, Optional.of(span), AnswerFields.WORDS);
    } else {
      checkPace(wordCount, duration, AnswerFields.DURATION_MS);
    }
  }

  /** More than {@link #MAX_WORDS_PER_MINUTE} over the span is not speech. */
  private static void checkPace(int words, Optional<Long> span, String field) {
    if (words < MIN_WORDS_FOR_PACE_CHECK || span.isEmpty() || span.get() <= 0) {
      return;
    }
    double wpm = words * 60_000.0 / span.get();
    if (wpm > MAX_WORDS_PER_MINUTE) {
      fail(
          field,
          words
              + " words in "
              + span.get()
              + " ms is "
              + Math.round(wpm)
              + " words a minute, above the "
              + Math.round(MAX_WORDS_PER_MINUTE)
              + " of the fastest speech");
    }
  }

  /** Reads the timings, once {@link #checkPlausible(Answer, int)} has accepted them. */
  private Timing timing(Answer answer, int wordCount) {
    List<WordTiming> words = answer.words();
    if (words.isEmpty()) {
      return new Timing(
          Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), 0, false);
    }
    long start = words.get(0).startMs();
    long end = words.get(0).endMs();
    long silence = 0;
    long longest = 0;
    int pauses = 0;
    int longPauses = 0;
    for (int i = 1; i < words.size(); i++) {
      WordTiming w = words.get(i);
      long gap = w.startMs() - end;
      if (gap >= settings.pauseMs()) {
        pauses++;
        longest = Math.max(longest, gap);
        silence += gap;
        if (gap >= settings.longPauseMs()) {
          longPauses++;
        }
      }
      end = w.endMs();
    }
    long span = end - start;
    int covered = Math.min(words.size(), wordCount);
    return new Timing(
        span > 0 ? Optional.of(span) : Optional.empty(),
        silence,
        Optional.of(pauses),
        Optional.of(longPauses),
        Optional.of(longest),
        covered,
        words.size() >= FULL_TIMING_COVERAGE * wordCount);
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
    // an open-addressing set of the trigrams seen (at most half full); a key of 0 is the trigram
    // of word 0 three times, kept apart from the empty slots
    long[] seen = new long[Integer.highestOneBit(trigrams) << 2];
    int mask = seen.length - 1;
    boolean zeroSeen = false;
    int repeated = 0;
    for (long key : keys) {
      if (key == 0) {
        if (zeroSeen) {
          repeated++;
        }
        zeroSeen = true;
        continue;
      }
      int slot = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
      while (seen[slot] != 0 && seen[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (seen[slot] == key) {
        repeated++;
      } else {
        seen[slot] = key;
      }
    }
    return (double) repeated / trigrams;
  }

  // ---- STAR

  private static final String[] PART_NAMES = {"situation", "task", "action", "result", "none"};

  /**
   * Cuts the answer into clauses and labels each with its STAR part ({@link StarModel}); a part is
   * present when a clause holds it, and its share is its clauses' share of the words.
   */
  private static Star star(String text, Tokens t, StarModel model) {
    int[] starts = StarModel.clauses(t);
    int[] labels = model.label(t, starts);
    int[] partWords = new int[StarModel.LABELS.length];
    List<Clause> clauses = new ArrayList<>(starts.length);
    for (int c = 0; c < starts.length; c++) {
      int from = starts[c];
      int to = c + 1 < starts.length ? starts[c + 1] : t.size;
      int words = 0;
      for (int i = from; i < to; i++) {
        if (t.word[i]) {
          words++;
        }
      }
      partWords[labels[c]] += words;
      clauses.add(new Clause(t.start[from], t.end[to - 1], PART_NAMES[labels[c]]));
    }
    double total = t.wordCount;
    boolean situation = partWords[0] > 0;
    boolean task = partWords[1] > 0;
    boolean action = partWords[2] > 0;
    boolean result = partWords[3] > 0;
    int present = (situation ? 1 : 0) + (task ? 1 : 0) + (action ? 1 : 0) + (result ? 1 : 0);
    return new Star(
        situation,
        task,
        action,
        result,
        present / 4.0,
        new StarShares(
            round(partWords[0] / total, 3),
            round(partWords[1] / total, 3),
            round(partWords[2] / total, 3),
            round(partWords[3] / total, 3)),
        clauses);
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
