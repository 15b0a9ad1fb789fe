package dev.rehearse.core.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A transcript cut into lower-case tokens: words (letters and digits, with apostrophes and hyphens
 * inside them, and decimal points between digits) and the punctuation that matters to the metrics
 * ({@code , . ! ? ; : … %}). Each token knows its sentence. Any script is accepted.
 */
final class Tokens {

  final String[] text;
  final boolean[] word;
  final int[] sentence;
  final int size;
  final int wordCount;
  final int sentences;

  private Tokens(List<String> text, List<Boolean> word, List<Integer> sentence) {
    this.size = text.size();
    this.text = text.toArray(new String[0]);
    this.word = new boolean[size];
    this.sentence = new int[size];
    int words = 0;
    for (int i = 0; i < size; i++) {
      this.word[i] = word.get(i);
      this.sentence[i] = sentence.get(i);
      if (this.word[i]) {
        words++;
      }
    }
    this.wordCount = words;
    this.sentences = size == 0 ? 0 : this.sentence[size - 1] + 1;
  }

  static Tokens of(String input) {
    List<String> text = new ArrayList<>();
    List<Boolean> word = new ArrayList<>();
    List<Integer> sentence = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int s = 0;
    boolean sentenceHasTokens = false;
    int n = input.length();
    for (int i = 0; i < n; ) {
      int cp = input.codePointAt(i);
      int len = Character.charCount(cp);
      int next = i + len < n ? input.codePointAt(i + len) : -1;
      boolean inWord = current.length() > 0;
      if (Character.isLetterOrDigit(cp) || isMark(cp)) {
        current.appendCodePoint(cp);
      } else if (inWord && isJoiner(cp, current, next)) {
        current.appendCodePoint(cp == '\u2019' ? '\'' : cp);
      } else {
        if (inWord) {
          add(text, word, sentence, current.toString(), true, s);
          sentenceHasTokens = true;
          current.setLength(0);
        }
        String punct = punctuation(cp);
        if (punct != null) {
          add(text, word, sentence, punct, false, s);
          sentenceHasTokens = true;
        }
        if ((endsSentence(cp) || cp == '\n') && sentenceHasTokens) {
          s++;
          sentenceHasTokens = false;
        }
      }
      i += len;
    }
    if (current.length() > 0) {
      add(text, word, sentence, current.toString(), true, s);
    }
    return new Tokens(text, word, sentence);
  }

  private static void add(
      List<String> text,
      List<Boolean> word,
      List<Integer> sentence,
      String t,
      boolean isWord,
      int s) {
    if (t.isEmpty()) {
      return;
    }
    text.add(isWord ? t.toLowerCase(Locale.ROOT) : t);
    word.add(isWord);
    sentence.add(s);
  }

  /** Combining marks belong to the letter before them (Devanagari, Arabic vowels, accents). */
  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Apostrophes and hyphens inside a word, decimal points between digits. */
  private static boolean isJoiner(int cp, StringBuilder current, int next) {
    if (next < 0 || !Character.isLetterOrDigit(next)) {
      return false;
    }
    if (cp == '\'' || cp == '\u2019' || cp == '-') {
      return true;
    }
    return (cp == '.' || cp == ',')
        && Character.isDigit(current.codePointBefore(current.length()))
        && Character.isDigit(next);
  }

  private static String punctuation(int cp) {
    return switch (cp) {
      case ',', '\u060C', '\u3001' -> ",";
      case '.', '\u3002' -> ".";
      case '!' -> "!";
      case '?', '\u061F' -> "?";
      case ';' -> ";";
      case ':' -> ":";
      case '\u2026' -> "…";
      case '%' -> "%";
      default -> null;
    };
  }

  private static boolean endsSentence(int cp) {
    return cp == '.'
        || cp == '!'
        || cp == '?'
        || cp == '\u2026'
        || cp == '\u3002'
        || cp == '\u061F';
  }

  /** The token before {@code i} in the same sentence, or null. */
  String before(int i) {
    return i > 0 && sentence[i - 1] == sentence[i] ? text[i - 1] : null;
  }

  /** The token at {@code i} if it is in the same sentence as {@code of}, or null. */
  String at(int i, int of) {
    return i < size && i >= 0 && sentence[i] == sentence[of] ? text[i] : null;
  }

  /** Whether token {@code i} exists and is punctuation (sentence ends count as punctuation). */
  boolean punctuationAt(int i) {
    return i >= 0 && i < size && !word[i];
  }
}
