package dev.rehearse.core.assessment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cue words of one language that {@link AnswerDimensions} reads an answer with, from {@code
 * cues-<language>.json} in this package: stopwords (with the words that frame a question: "tell",
 * "describe", "time"), the suffixes a light stemmer strips, first-person pronouns, signposts
 * (opening, middle, closing, conclusion), what announces an enumeration, number words, causal
 * links, trade-offs, diagnosis, alternatives, verification, and technology names. Words are
 * compared folded: lower case, accents removed, ß as ss.
 */
final class Cues implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The languages that have cues (those of the answer analyzer). */
  static final List<String> LANGUAGES = List.of("en", "es", "fr", "de");

  /** The file's shape. */
  record File(
      String language,
      List<String> stopwords,
      List<String> suffixes,
      List<String> singular,
      List<String> plural,
      List<String> opening,
      List<String> middle,
      List<String> closing,
      List<String> conclusion,
      List<String> enumerationNouns,
      List<String> numberWords,
      List<String> causal,
      List<String> tradeoff,
      List<String> diagnosis,
      List<String> alternatives,
      List<String> verification,
      List<String> technologies) {}

  final String language;
  final Set<String> stopwords;
  final List<String> suffixes;
  final Set<String> singular;
  final Set<String> plural;
  final Phrases opening;
  final Phrases middle;
  final Phrases closing;
  final Phrases conclusion;
  final Set<String> enumerationNouns;
  final Phrases numberWords;
  final Phrases causal;
  final Phrases tradeoff;
  final Phrases diagnosis;
  final Phrases alternatives;
  final Phrases verification;
  final Set<String> technologies;

  /** At most this many derived values are kept ({@link #memo}); past it they are computed anew. */
  private static final int MEMO_LIMIT = 10_000;

  /** Values derived from the bank's questions and claims, which recur across answers. */
  private transient volatile ConcurrentHashMap<List<Object>, Object> memo;

  /**
   * The value {@code compute} derives from {@code key}, kept for the next answer: a claim's
   * phrases, a question's content words. The value must not be changed by its users.
   */
  @SuppressWarnings("unchecked")
  <T> T memo(String kind, Object key, Supplier<T> compute) {
    ConcurrentHashMap<List<Object>, Object> m = memo;
    if (m == null) {
      synchronized (this) {
        if (memo == null) {
          memo = new ConcurrentHashMap<>();
        }
        m = memo;
      }
    }
    List<Object> k = List.of(kind, key);
    Object v = m.get(k);
    if (v == null) {
      v = compute.get();
      if (m.size() < MEMO_LIMIT) {
        m.putIfAbsent(k, v);
      }
    }
    return (T) v;
  }

  private Cues(File f) {
    language = f.language();
    stopwords = folded(f.stopwords());
    suffixes = List.copyOf(f.suffixes());
    singular = folded(f.singular());
    plural = folded(f.plural());
    opening = new Phrases(f.opening(), this);
    middle = new Phrases(f.middle(), this);
    closing = new Phrases(f.closing(), this);
    conclusion = new Phrases(f.conclusion(), this);
    enumerationNouns = new HashSet<>();
    f.enumerationNouns().forEach(n -> enumerationNouns.add(stem(fold(n))));
    numberWords = new Phrases(f.numberWords(), this);
    causal = new Phrases(f.causal(), this);
    tradeoff = new Phrases(f.tradeoff(), this);
    diagnosis = new Phrases(f.diagnosis(), this);
    alternatives = new Phrases(f.alternatives(), this);
    verification = new Phrases(f.verification(), this);
    technologies = folded(f.technologies());
  }

  /** The cues of a language; English for a language without them. */
  static Cues forLanguage(String language) {
    String lang = LANGUAGES.contains(language) ? language : "en";
    ObjectMapper mapper = Json.newMapper();
    try (InputStream in = Cues.class.getResourceAsStream("cues-" + lang + ".json")) {
      Objects.requireNonNull(in, "cues-" + lang + ".json is missing from the classpath");
      return new Cues(mapper.readValue(in, File.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + lang + " cues", e);
    }
  }

  /** Every language's cues, by language. */
  static Map<String, Cues> all() {
    Map<String, Cues> all = new HashMap<>();
    LANGUAGES.forEach(l -> all.put(l, forLanguage(l)));
    return all;
  }

  private static Set<String> folded(List<String> words) {
    Set<String> set = new HashSet<>();
    words.forEach(w -> set.add(fold(w)));
    return set;
  }

  /** Lower case, without accents, ß as ss, curly apostrophes straight. */
  static String fold(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'').replace("ß", "ss");
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The stem of a folded word: the first listed suffix it ends with stripped, if at least three
   * letters remain; after a plural ("s", "es") once more ("trees", "tree", "tre"). An English
   * plural "s" is kept after "s" ("process"). Words of three letters or fewer and words with digits
   * are their own stem.
   */
  String stem(String word) {
    String once = strip(word);
    return once.length() < word.length() && word.endsWith("s") ? strip(once) : once;
  }

  private String strip(String word) {
    if (word.length() <= 3 || !letters(word)) {
      return word;
    }
    for (String suffix : suffixes) {
      if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
        if (suffix.equals("s") && word.endsWith("ss")) {
          continue;
        }
        return word.substring(0, word.length() - suffix.length());
      }
    }
    return word;
  }

  private static boolean letters(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isLetter(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The words of a text, in order, each with its folded form, its stem and its sentence. */
  Words words(String text) {
    List<String> original = new ArrayList<>();
    List<Integer> sentence = new ArrayList<>();
    int s = 0;
    StringBuilder current = new StringBuilder();
    String input = text == null ? "" : text;
    for (int i = 0; i <= input.length(); i++) {
      char c = i < input.length() ? input.charAt(i) : '.';
      boolean inner =
          (c == '\'' || c == '\u2019')
              && current.length() > 0
              && i + 1 < input.length()
              && Character.isLetter(input.charAt(i + 1));
      boolean decimal =
          c == '.'
              && current.length() > 0
              && Character.isDigit(current.charAt(current.length() - 1))
              && i + 1 < input.length()
              && Character.isDigit(input.charAt(i + 1));
      if (Character.isLetterOrDigit(c) || inner || decimal || c == '+' && current.length() > 0) {
        current.append(c == '\u2019' ? '\'' : c);
        continue;
      }
      if (current.length() > 0) {
        addWord(current.toString(), s, original, sentence);
        current.setLength(0);
      }
      if ((c == '.' || c == '!' || c == '?' || c == '\n') && !original.isEmpty()) {
        if (sentence.get(sentence.size() - 1) == s) {
          s++;
        }
      }
    }
    String[] orig = original.toArray(String[]::new);
    String[] folded = new String[orig.length];
    String[] stems = new String[orig.length];
    int[] sentences = new int[orig.length];
    for (int i = 0; i < orig.length; i++) {
      folded[i] = fold(orig[i]);
      stems[i] = stem(folded[i]);
      sentences[i] = sentence.get(i);
    }
    String[] heads = new String[orig.length];
    for (int i = 0; i < orig.length; i++) {
      heads[i] = Phrases.head(stems[i]);
    }
    return new Words(orig, folded, stems, sentences, heads);
  }

  /** French elisions ("j'ai", "l'index") are two words: "j'" and "ai". */
  private void addWord(String w, int s, List<String> original, List<Integer> sentence) {
    int apostrophe = w.indexOf('\'');
    if (language.equals("fr") && apostrophe > 0 && apostrophe <= 2) {
      original.add(w.substring(0, apostrophe + 1));
      sentence.add(s);
      w = w.substring(apostrophe + 1);
    }
    original.add(w);
    sentence.add(s);
  }

  /**
   * A text's words: as written, folded, stemmed, the sentence (from 0) of each, and the head of
   * each stem ({@link Phrases}: cut once, looked up in every phrase table).
   */
  record Words(String[] original, String[] folded, String[] stems, int[] sentence, String[] heads) {
    int size() {
      return stems.length;
    }

    int sentences() {
      return stems.length == 0 ? 0 : sentence[stems.length - 1] + 1;
    }
  }

  /** Phrases matched on stems, indexed by the {@link #head} of their first stem. */
  static final class Phrases implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The phrases by the head of their first stem: a word can start only the phrases of its own
     * head (a first stem matches the word itself, or, from five letters on, a word it begins), so a
     * word costs one look-up.
     */
    private final Map<String, List<String[]>> byHead = new HashMap<>();

    Phrases(List<String> phrases, Cues cues) {
      for (String p : phrases) {
        String[] stems = cues.words(p).stems();
        if (stems.length > 0) {
          byHead.computeIfAbsent(head(stems[0]), k -> new ArrayList<>()).add(stems);
        }
      }
    }

    /** The first five letters of a stem (the whole of a shorter one). */
    private static String head(String stem) {
      return stem.length() <= 5 ? stem : stem.substring(0, 5);
    }

    /**
     * The positions where a phrase starts, and which phrase, at most one match per position (the
     * longest). Matches do not overlap.
     */
    List<Match> find(Words words) {
      List<Match> found = new ArrayList<>();
      String[] stems = words.stems();
      int i = 0;
      while (i < stems.length) {
        List<String[]> candidates = byHead.get(words.heads()[i]);
        String[] best = null;
        if (candidates != null) {
          for (String[] p : candidates) {
            if (i + p.length <= stems.length
                && (best == null || p.length > best.length)
                && matches(stems, i, p)) {
              best = p;
            }
          }
        }
        if (best == null) {
          i++;
        } else {
          found.add(new Match(i, String.join(" ", best)));
          i += best.length;
        }
      }
      return found;
    }

    /** How many different phrases occur. */
    int distinct(Words words) {
      return (int) find(words).stream().map(Match::phrase).distinct().count();
    }

    /**
     * Whether the phrase's stems start at {@code at}; a stem of five letters or more also matches
     * the stems it begins ("measur" matches "measurement", "regulari" "regularis").
     */
    private static boolean matches(String[] stems, int at, String[] phrase) {
      for (int k = 0; k < phrase.length; k++) {
        String p = phrase[k];
        if (!(stems[at + k].equals(p) || p.length() >= 5 && stems[at + k].startsWith(p))) {
          return false;
        }
      }
      return true;
    }
  }

  /** A phrase found at a word position. */
  record Match(int at, String phrase) {}
}
