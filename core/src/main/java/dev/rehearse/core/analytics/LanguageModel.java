package dev.rehearse.core.analytics;

import dev.rehearse.core.analytics.Lexicon.FillerRule;
import dev.rehearse.core.analytics.Lexicon.HedgeRule;
import java.util.List;
import java.util.Set;

/** A lexicon compiled for matching: phrase indexes built once, used by every analysis. */
final class LanguageModel {

  /** The STAR parts, in the order a sentence is tested for them. */
  enum Part {
    RESULT,
    TASK,
    ACTION,
    SITUATION
  }

  private static final Set<String> ADVERBS_BEFORE_VERB =
      Set.of(
          "then",
          "also",
          "quickly",
          "finally",
          "immediately",
          "eventually",
          "personally",
          "just",
          "first",
          "later",
          "actually");
  private static final Set<String> NOT_PAST =
      Set.of(
          "need", "feed", "seed", "speed", "bleed", "indeed", "embed", "proceed", "succeed",
          "exceed", "breed", "shed", "red", "bed");

  final Lexicon lexicon;
  final PhraseMatcher<FillerRule> fillers = new PhraseMatcher<>(0);
  final PhraseMatcher<HedgeRule> hedges = new PhraseMatcher<>(1);
  final PhraseMatcher<Part> star = new PhraseMatcher<>(2);
  final PhraseMatcher<Boolean> hypothetical = new PhraseMatcher<>(3);
  final PhraseMatcher<Boolean> sarcasm = new PhraseMatcher<>(4);

  /** What the sentiment model needs to know of a word, found with one lookup. */
  record WordInfo(
      Double sentiment,
      boolean negator,
      boolean intensifier,
      boolean diminisher,
      boolean contrast,
      boolean resolution,
      boolean stopword,
      boolean opensSarcasm) {
    static final WordInfo PLAIN =
        new WordInfo(null, false, false, false, false, false, false, false);
  }

  private final java.util.Map<String, WordInfo> words = new java.util.HashMap<>();

  LanguageModel(Lexicon lexicon) {
    this.lexicon = lexicon;
    lexicon.fillers().forEach(f -> fillers.add(f.phrase(), f));
    lexicon.hedges().forEach(h -> hedges.add(h.phrase(), h));
    lexicon.star().situation().forEach(p -> star.add(p, Part.SITUATION));
    lexicon.star().task().forEach(p -> star.add(p, Part.TASK));
    lexicon.star().action().forEach(p -> star.add(p, Part.ACTION));
    lexicon.star().result().forEach(p -> star.add(p, Part.RESULT));
    lexicon.hypothetical().forEach(p -> hypothetical.add(p, Boolean.TRUE));
    lexicon.sarcasm().forEach(p -> sarcasm.add(p, Boolean.TRUE));
    java.util.Set<String> known = new java.util.HashSet<>(lexicon.sentiment().keySet());
    known.addAll(lexicon.negators());
    known.addAll(lexicon.intensifiers());
    known.addAll(lexicon.diminishers());
    known.addAll(lexicon.contrast());
    known.addAll(lexicon.resolution());
    known.addAll(lexicon.stopwords());
    java.util.Set<String> sarcasmStarts = new java.util.HashSet<>();
    for (String phrase : lexicon.sarcasm()) {
      Tokens t = Tokens.of(phrase);
      if (t.size > 0) {
        sarcasmStarts.add(t.text[0]);
      }
    }
    known.addAll(sarcasmStarts);
    for (String w : known) {
      words.put(
          w.intern(),
          new WordInfo(
              lexicon.sentiment().get(w),
              lexicon.negators().contains(w),
              lexicon.intensifiers().contains(w),
              lexicon.diminishers().contains(w),
              lexicon.contrast().contains(w),
              lexicon.resolution().contains(w),
              lexicon.stopwords().contains(w),
              sarcasmStarts.contains(w)));
    }
  }

  /**
   * Whether the filler phrase matched at tokens {@code [i, end)} is used as a filler there; {@code
   * opening} tells that only punctuation and fillers precede it in its sentence.
   */
  static boolean fillerHolds(Tokens t, int i, int end, FillerRule rule, boolean opening) {
    String before = t.before(i);
    String after = t.at(end, i);
    if (in(rule.notAfter(), before) || in(rule.notBefore(), after)) {
      return false;
    }
    boolean nextIsPunctuation =
        end >= t.size || t.punctuationAt(end) || t.sentence[end] != t.sentence[i];
    return switch (rule.when()) {
      case "always" -> true;
      case "detached" ->
          nextIsPunctuation
              || ",".equals(before)
              || (in(rule.alsoAfter(), before)
                  && (rule.alsoBefore().isEmpty() || in(rule.alsoBefore(), after)));
      case "set-off" ->
          nextIsPunctuation
              || (in(rule.alsoAfter(), before)
                  && (rule.alsoBefore().isEmpty() || in(rule.alsoBefore(), after)));
      case "opening" -> opening && (rule.onlyBefore().isEmpty() || in(rule.onlyBefore(), after));
      case "answer-opening" -> opening && t.sentence[i] == 0;
      case "tag" ->
          ",".equals(before)
              && (after == null || after.equals("?") || after.equals(".") || after.equals("!"));
      default -> throw new IllegalStateException("unknown filler rule: " + rule.when());
    };
  }

  /** Whether {@code token} (null at a sentence edge) is one of {@code words}. */
  private static boolean in(List<String> words, String token) {
    return token != null && words.contains(token);
  }

  /**
   * Adds the words the lexicon knows (its word list and the tokens of its phrases) to {@code out},
   * as the instances its maps hold.
   */
  void vocabularyInto(java.util.Set<String> out) {
    out.addAll(words.keySet());
    fillers.tokensInto(out);
    hedges.tokensInto(out);
    star.tokensInto(out);
    hypothetical.tokensInto(out);
    sarcasm.tokensInto(out);
  }

  /** What the lexicon says of a word. */
  WordInfo word(String token) {
    return words.getOrDefault(token, WordInfo.PLAIN);
  }

  /** What the lexicon says of token {@code i} of {@code t}. */
  WordInfo word(Tokens t, int i) {
    if (t.canonical()) {
      Vocabulary.Word w = t.known(i);
      return w == null ? WordInfo.PLAIN : w.info;
    }
    return word(t.text[i]);
  }

  /** Notes in {@code word} what the lexicon says of it and the phrases that start with it. */
  void describe(Vocabulary.Word word) {
    word.info = word(word.text);
    fillers.describe(word);
    hedges.describe(word);
    star.describe(word);
    hypothetical.describe(word);
    sarcasm.describe(word);
  }

  /** Whether sentence {@code s} of {@code t} holds a hypothetical phrase ("I would…"). */
  boolean hypothetical(Tokens t, int s) {
    if (t.hypothetical == null) {
      boolean[] flags = new boolean[Math.max(1, t.sentences)];
      for (int i = 0; i < t.size; i++) {
        if (t.word[i] && !flags[t.sentence[i]] && !hypothetical.at(t, i).isEmpty()) {
          flags[t.sentence[i]] = true;
        }
      }
      t.hypothetical = flags;
    }
    return t.hypothetical[s];
  }

  /** Whether token {@code i} is a subject ("I", "we") followed by a past-tense verb. */
  boolean pastAction(Tokens t, int i) {
    if (!lexicon.actionSubjects().contains(t.text[i])) {
      return false;
    }
    int k = i + 1;
    if (k < t.size && t.sentence[k] == t.sentence[i] && ADVERBS_BEFORE_VERB.contains(t.text[k])) {
      k++;
    }
    if (k >= t.size || t.sentence[k] != t.sentence[i] || !t.word[k]) {
      return false;
    }
    String verb = t.text[k];
    return lexicon.pastTense().contains(verb)
        || (verb.length() > 4 && verb.endsWith("ed") && !NOT_PAST.contains(verb));
  }
}
