package dev.rehearse.core.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The word lists of one language: fillers with the rule that tells a filler from the same word used
 * for its meaning, hedges, a sentiment lexicon with negators and intensifiers, STAR cue phrases and
 * the phrases that mark an answer as hypothetical; contrast words ("but": the clause after weighs
 * more), sarcasm openers ("oh great"), words that tell a problem was solved ("fixed"), and the
 * language's most common words (for detecting the language). Read from {@code
 * lexicon-<language>.json}.
 */
record Lexicon(
    String language,
    List<FillerRule> fillers,
    List<HedgeRule> hedges,
    Map<String, Double> sentiment,
    Set<String> negators,
    Set<String> intensifiers,
    Set<String> diminishers,
    StarCues star,
    List<String> hypothetical,
    Set<String> actionSubjects,
    Set<String> pastTense,
    Set<String> contrast,
    List<String> sarcasm,
    Set<String> resolution,
    Set<String> stopwords) {

  Lexicon {
    actionSubjects = actionSubjects == null ? Set.of() : actionSubjects;
    pastTense = pastTense == null ? Set.of() : pastTense;
    contrast = contrast == null ? Set.of() : contrast;
    sarcasm = orEmpty(sarcasm);
    resolution = resolution == null ? Set.of() : resolution;
    stopwords = stopwords == null ? Set.of() : stopwords;
  }

  /** The languages that have a lexicon. */
  static final List<String> LANGUAGES = List.of("en", "es", "fr", "de");

  /**
   * When a filler phrase counts.
   *
   * <ul>
   *   <li>{@code always}: every time ("um", "uh");
   *   <li>{@code detached}: set off from the sentence — a comma before it, or punctuation after it
   *       (", like, really hard", "you know, it was"), or between a word of {@code alsoAfter} and a
   *       word of {@code alsoBefore} ("it was like really hard"); never "I like Kafka";
   *   <li>{@code set-off}: as {@code detached}, but a comma before it is not enough: followed by
   *       punctuation (", like, really", "du coup, euh"), or between a word of {@code alsoAfter}
   *       and one of {@code alsoBefore}; ", like drafting replies" gives an example, and ", du coup
   *       il n'attend pas" a consequence;
   *   <li>{@code opening}: opening a sentence ("So, we started"), if {@code onlyBefore} is given
   *       only before one of its tokens;
   *   <li>{@code answer-opening}: opening the answer's first sentence, whatever follows ("So I
   *       joined the team…"); later sentences need the {@code opening} rule;
   *   <li>{@code tag}: a question tag after a comma (", right?").
   * </ul>
   *
   * {@code notAfter} and {@code notBefore} cancel a match next to those words ("so that", "what I
   * mean").
   */
  record FillerRule(
      String phrase,
      String when,
      List<String> notAfter,
      List<String> notBefore,
      List<String> onlyBefore,
      List<String> alsoAfter,
      List<String> alsoBefore) {

    FillerRule {
      notAfter = orEmpty(notAfter);
      notBefore = orEmpty(notBefore);
      onlyBefore = orEmpty(onlyBefore);
      alsoAfter = orEmpty(alsoAfter);
      alsoBefore = orEmpty(alsoBefore);
    }
  }

  /** A hedge phrase; {@code notAfter} cancels it after those words ("what kind of"). */
  record HedgeRule(String phrase, List<String> notAfter) {
    HedgeRule {
      notAfter = orEmpty(notAfter);
    }
  }

  /** Cue phrases of each STAR part. */
  record StarCues(
      List<String> situation, List<String> task, List<String> action, List<String> result) {}

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** The lexicon of a language; English for a language without one. */
  static Lexicon forLanguage(String language) {
    String lang = LANGUAGES.contains(language) ? language : "en";
    ObjectMapper mapper = Json.newMapper();
    try (InputStream in = Lexicon.class.getResourceAsStream("lexicon-" + lang + ".json")) {
      Objects.requireNonNull(in, "lexicon-" + lang + ".json is missing from the classpath");
      return mapper.readValue(in, Lexicon.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + lang + " lexicon", e);
    }
  }
}
