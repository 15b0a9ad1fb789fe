package dev.rehearse.core.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The words a language's lexicon and models know, each with what they say of it, so that a token is
 * looked up once ({@link Tokens#canonicalize}) and every later question about it is a field read,
 * not another lookup by its characters.
 */
final class Vocabulary {

  /** One known word and what the lexicon and the STAR model say of it. */
  static final class Word {
    /** The word, as the interned instance the lexicon's and models' maps are keyed by. */
    final String text;

    LanguageModel.WordInfo info = LanguageModel.WordInfo.PLAIN;

    /** Per phrase matcher ({@link PhraseMatcher#slot}): its phrases that start with this word. */
    final Object[] phraseStarts = new Object[PhraseMatcher.SLOTS];

    /** The summed weights of the word's own STAR features ({@link StarModel#wordFeatures}). */
    float[] starRow;

    Word(String text) {
      this.text = text;
    }
  }

  private final Map<String, Word> words;

  /**
   * @param words every word any map of the language is keyed by, as the interned instances
   * @param describe fills in what the lexicon and models say of each word
   */
  Vocabulary(Set<String> words, Consumer<Word> describe) {
    this.words = new HashMap<>(words.size() * 2);
    for (String w : words) {
      Word word = new Word(w.intern());
      describe.accept(word);
      this.words.put(word.text, word);
    }
  }

  /** The known word {@code token} is, or null. */
  Word get(String token) {
    return words.get(token);
  }
}
