package dev.rehearse.core.analytics;

/**
 * Word segmentation shared by every metric: a word is a run of letters and digits, with apostrophes
 * inside it ("don't" is one word).
 */
public final class Words {

  private Words() {}

  /** The number of words in {@code text}, in any script. */
  public static int count(String text) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean apostrophe = cp == '\'' || cp == '\u2019';
      boolean wordChar = Character.isLetterOrDigit(cp) || (inWord && apostrophe);
      if (wordChar && !inWord) {
        count++;
      }
      inWord = wordChar;
      i += Character.charCount(cp);
    }
    return count;
  }
}
