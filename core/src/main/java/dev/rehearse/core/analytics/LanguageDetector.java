package dev.rehearse.core.analytics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The language of an answer given without one, deterministic and small. A script used only by one
 * language names it (kana: Japanese, Han alone: Chinese, Hangul: Korean, Thai, …). Latin-script
 * text is told apart by each lexicon's most common words, its fillers and hedges, and letters that
 * only some of the languages use (ñ ¿ ¡: Spanish; ß ä ö ü: German; ç œ è ê à ù: French); without
 * evidence it is English.
 */
final class LanguageDetector {

  private static final Map<String, Set<String>> WORDS = new HashMap<>();

  static {
    for (String language : Lexicon.LANGUAGES) {
      Lexicon lexicon = Lexicon.forLanguage(language);
      Set<String> words = new HashSet<>(lexicon.stopwords());
      for (Lexicon.FillerRule f : lexicon.fillers()) {
        if (f.phrase().indexOf(' ') < 0) {
          words.add(f.phrase());
        }
      }
      WORDS.put(language, Set.copyOf(words));
    }
  }

  private LanguageDetector() {}

  static String detect(Tokens t) {
    Map<Character.UnicodeScript, Integer> scripts = new HashMap<>();
    int[] latin = new int[Lexicon.LANGUAGES.size()];
    for (int i = 0; i < t.size; i++) {
      if (!t.word[i]) {
        continue;
      }
      String w = t.text[i];
      int cp = w.codePointAt(0);
      if (cp >= 128) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script != Character.UnicodeScript.LATIN) {
          scripts.merge(script, 1, Integer::sum);
          continue;
        }
      }
      for (int l = 0; l < latin.length; l++) {
        if (WORDS.get(Lexicon.LANGUAGES.get(l)).contains(w)) {
          latin[l] += 2;
        }
      }
      for (int k = 0; k < w.length(); k++) {
        switch (w.charAt(k)) {
          case 'ñ' -> latin[1] += 3;
          case 'ß', 'ä', 'ö', 'ü' -> latin[3] += 3;
          case 'ç', 'œ', 'è', 'ê', 'à', 'ù', 'â', 'î', 'ô', 'û' -> latin[2] += 3;
          case 'á', 'í', 'ó', 'ú' -> latin[1] += 1;
          default -> {}
        }
      }
    }
    int nonLatin = scripts.values().stream().mapToInt(Integer::intValue).sum();
    int latinWords = t.wordCount - nonLatin;
    if (nonLatin > latinWords) {
      if (scripts.containsKey(Character.UnicodeScript.HIRAGANA)
          || scripts.containsKey(Character.UnicodeScript.KATAKANA)) {
        return "ja";
      }
      Character.UnicodeScript main =
          scripts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      return switch (main) {
        case HAN -> "zh";
        case HANGUL -> "ko";
        case THAI -> "th";
        case CYRILLIC -> "ru";
        case GREEK -> "el";
        case ARABIC -> "ar";
        case HEBREW -> "he";
        case DEVANAGARI -> "hi";
        default -> "und";
      };
    }
    int best = 0;
    for (int l = 1; l < latin.length; l++) {
      if (latin[l] > latin[best]) {
        best = l;
      }
    }
    return Lexicon.LANGUAGES.get(best);
  }
}
