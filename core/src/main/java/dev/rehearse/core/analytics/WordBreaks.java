package dev.rehearse.core.analytics;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Words of the scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
 * Myanmar), by ICU's dictionary-based Unicode word boundaries. Text in other scripts never reaches
 * this class, so spaced languages pay nothing for it.
 */
final class WordBreaks {

  /** ICU's break iterators are not thread-safe; one per thread, cloned from a prototype. */
  private static final BreakIterator PROTOTYPE = BreakIterator.getWordInstance(ULocale.ROOT);

  private static final ThreadLocal<BreakIterator> ITERATOR =
      ThreadLocal.withInitial(() -> (BreakIterator) PROTOTYPE.clone());

  private WordBreaks() {}

  /** Whether a code point belongs to a script written without spaces between words. */
  static boolean unspaced(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return switch (script) {
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
      default -> cp == 0x30FC; // the katakana length mark is in script COMMON
    };
  }

  /** The end of the run of unspaced-script code points that starts at {@code from}. */
  static int runEnd(String input, int from) {
    int i = from;
    while (i < input.length()) {
      int cp = input.codePointAt(i);
      if (!unspaced(cp) && !Tokens.isCombiningMark(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** The words of {@code input[from, to)}, as {start, end} pairs. */
  static List<int[]> words(String input, int from, int to) {
    BreakIterator it = ITERATOR.get();
    String run = input.substring(from, to);
    it.setText(run);
    List<int[]> words = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      if (it.getRuleStatus() != BreakIterator.WORD_NONE) {
        words.add(new int[] {from + start, from + end});
      }
    }
    return words;
  }
}
