package dev.rehearse.core.analytics;

/**
 * A transcript cut into lower-case tokens: words (letters and digits, with apostrophes and hyphens
 * inside them, and decimal points between digits) and the punctuation that matters to the metrics
 * ({@code , . ! ? ; : … %}). Each token knows its sentence. Any script is accepted.
 */
final class Tokens {

  final String[] text;
  final boolean[] word;
  final int[] sentence;

  /** Where each token starts in the input (a UTF-16 index), and where it ends (exclusive). */
  final int[] start;

  final int[] end;
  final int size;
  final int wordCount;
  final int sentences;

  /** Per sentence, whether it is hypothetical; filled once by {@link LanguageModel}. */
  boolean[] hypothetical;

  /**
   * Per token, the known word it is ({@link #canonicalize}), or null; the array is null until then.
   */
  private Vocabulary.Word[] known;

  private Tokens(
      String[] text,
      boolean[] word,
      int[] sentence,
      int[] start,
      int[] end,
      int size,
      int wordCount) {
    this.text = text;
    this.word = word;
    this.sentence = sentence;
    this.start = start;
    this.end = end;
    this.size = size;
    this.wordCount = wordCount;
    this.sentences = size == 0 ? 0 : sentence[size - 1] + 1;
  }

  /** Growing token arrays. */
  private static final class Builder {
    String[] text = new String[64];
    boolean[] word = new boolean[64];
    int[] sentence = new int[64];
    int[] start = new int[64];
    int[] end = new int[64];
    int size;
    int words;

    void add(String t, boolean isWord, int s, int from, int to) {
      if (size == text.length) {
        int n = size * 2;
        text = java.util.Arrays.copyOf(text, n);
        word = java.util.Arrays.copyOf(word, n);
        sentence = java.util.Arrays.copyOf(sentence, n);
        start = java.util.Arrays.copyOf(start, n);
        end = java.util.Arrays.copyOf(end, n);
      }
      text[size] = t;
      word[size] = isWord;
      sentence[size] = s;
      start[size] = from;
      end[size] = to;
      size++;
      if (isWord) {
        words++;
      }
    }
  }

  static Tokens of(String input) {
    Builder tokens = new Builder();
    StringBuilder current = new StringBuilder(24);
    int s = 0;
    int from = 0;
    boolean sentenceHasTokens = false;
    int n = input.length();
    for (int i = 0; i < n; ) {
      int cp = input.codePointAt(i);
      int len = Character.charCount(cp);
      if (cp >= 128 && WordBreaks.unspaced(cp)) {
        // scripts written without spaces: words by Unicode (dictionary) word boundaries
        if (current.length() > 0) {
          tokens.add(current.toString(), true, s, from, i);
          current.setLength(0);
        }
        int runEnd = WordBreaks.runEnd(input, i);
        for (int[] w : WordBreaks.words(input, i, runEnd)) {
          tokens.add(
              input.substring(w[0], w[1]).toLowerCase(java.util.Locale.ROOT), true, s, w[0], w[1]);
        }
        sentenceHasTokens = true;
        i = runEnd;
        continue;
      }
      if (cp < 128 ? isAsciiLetterOrDigit(cp) : Character.isLetterOrDigit(cp) || isMark(cp)) {
        if (current.length() == 0) {
          from = i;
        }
        current.appendCodePoint(cp < 128 ? asciiLower(cp) : Character.toLowerCase(cp));
      } else if (current.length() > 0
          && isJoiner(cp, current, i + len < n ? input.codePointAt(i + len) : -1)) {
        current.append(cp == '\u2019' ? '\'' : (char) cp);
      } else {
        if (current.length() > 0) {
          tokens.add(current.toString(), true, s, from, i);
          sentenceHasTokens = true;
          current.setLength(0);
        }
        String punct = punctuation(cp);
        if (punct != null) {
          tokens.add(punct, false, s, i, i + len);
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
      tokens.add(current.toString(), true, s, from, n);
    }
    return new Tokens(
        tokens.text,
        tokens.word,
        tokens.sentence,
        tokens.start,
        tokens.end,
        tokens.size,
        tokens.words);
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static int asciiLower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** Combining marks belong to the letter before them (Devanagari, Arabic vowels, accents). */
  static boolean isCombiningMark(int cp) {
    return isMark(cp);
  }

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
      case ',', '\u060C', '\u3001', '\uFF0C' -> ",";
      case '.', '\u3002' -> ".";
      case '!', '\uFF01' -> "!";
      case '?', '\u061F', '\uFF1F' -> "?";
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
        || cp == '\uFF01'
        || cp == '\uFF1F'
        || cp == '\u061F';
  }

  /**
   * Looks each word up in {@code vocabulary} once: a known word takes the interned instance the
   * lexicon's and models' maps are keyed by, and its entry answers their questions about it ({@link
   * #known}); a word the vocabulary does not hold is one no map knows ({@link #mayBeKnown}).
   */
  void canonicalize(Vocabulary vocabulary) {
    known = new Vocabulary.Word[size];
    for (int i = 0; i < size; i++) {
      if (word[i]) {
        Vocabulary.Word w = vocabulary.get(text[i]);
        if (w != null) {
          text[i] = w.text;
          known[i] = w;
        }
      }
    }
  }

  /** Whether {@link #canonicalize} ran on these tokens. */
  boolean canonical() {
    return known != null;
  }

  /** The known word token {@code i} is, once {@link #canonicalize} ran; else null. */
  Vocabulary.Word known(int i) {
    return known == null ? null : known[i];
  }

  /**
   * Whether token {@code i} may be a word the lexicon or models know: false only for a word that
   * {@link #canonicalize} did not find, so its lookups can be skipped.
   */
  boolean mayBeKnown(int i) {
    return known == null || known[i] != null;
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
