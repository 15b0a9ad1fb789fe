package dev.rehearse.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every corpus file keeps the format and the variety of {@code docs/labelling.md}: valid labels,
 * unique ids, clauses that join into the answer, filler and hedge labels found in the text in the
 * order given, and every interview type and register represented.
 */
class CorpusFormatTest {

  private static final Map<String, List<CorpusAnswer>> CORPUS = Corpus.load();
  private static final Set<String> TYPES =
      Set.of("behavioral", "technical", "system-design", "case");
  private static final Set<String> REGISTERS =
      Set.of("student", "junior", "senior", "non-native", "executive");
  private static final Set<String> STRENGTHS = Set.of("strong", "weak", "mixed");
  private static final Set<String> SENTIMENTS = Set.of("positive", "negative", "neutral");
  private static final Set<String> STAR = Set.of("S", "T", "A", "R", "none");

  /** The issue's minimum answers per language. */
  private static final Map<String, Integer> MINIMUM =
      Map.of("en", 250, "es", 50, "fr", 50, "de", 50);

  @Test
  void theEnglishFileIsPresentAndLargeEnough() {
    assertThat(CORPUS).containsKey("en");
    CORPUS.forEach(
        (language, answers) ->
            assertThat(answers).as(language).hasSizeGreaterThanOrEqualTo(MINIMUM.get(language)));
  }

  @Test
  void everyAnswerHasValidLabelsAndAUniqueId() {
    List<String> problems = new ArrayList<>();
    CORPUS.forEach(
        (language, answers) -> {
          Set<String> ids = new HashSet<>();
          Pattern idPattern = Pattern.compile(Pattern.quote(language) + "-\\d{4}");
          for (CorpusAnswer a : answers) {
            String at = language + " " + a.id() + ": ";
            check(problems, ids.add(a.id()), at + "the id is not unique");
            check(problems, idPattern.matcher(a.id()).matches(), at + "the id is not " + idPattern);
            check(problems, language.equals(a.language()), at + "language " + a.language());
            check(problems, TYPES.contains(a.interviewType()), at + "interviewType");
            check(problems, TYPES.contains(a.questionType()), at + "questionType");
            check(problems, REGISTERS.contains(a.register()), at + "register " + a.register());
            check(problems, STRENGTHS.contains(a.strength()), at + "strength " + a.strength());
            check(problems, SENTIMENTS.contains(a.sentiment()), at + "sentiment " + a.sentiment());
            check(problems, a.question() != null && !a.question().isBlank(), at + "no question");
            check(problems, !a.clauses().isEmpty(), at + "no clauses");
            for (CorpusAnswer.Clause c : a.clauses()) {
              String text = c.text() == null ? "" : c.text();
              check(problems, STAR.contains(c.star()), at + "STAR label " + c.star());
              check(
                  problems,
                  !text.isBlank() && text.equals(text.strip()) && !text.contains("  "),
                  at + "clause spacing '" + text + "'");
              check(problems, !text.matches("^[,.;:!?].*"), at + "clause starts with punctuation");
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void fillerAndHedgeLabelsAreFoundInTheTextInOrder() {
    List<String> problems = new ArrayList<>();
    CORPUS.forEach(
        (language, answers) -> {
          for (CorpusAnswer a : answers) {
            String text = normalized(a.text());
            for (String f : missingInOrder(text, a.fillers())) {
              problems.add(language + " " + a.id() + ": filler '" + f + "' not found in order");
            }
            for (String h : missingInOrder(text, a.hedges())) {
              problems.add(language + " " + a.id() + ": hedge '" + h + "' not found in order");
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyInterviewTypeAndRegisterIsRepresentedInEveryFile() {
    CORPUS.forEach(
        (language, answers) -> {
          assertThat(answers.stream().map(CorpusAnswer::interviewType).collect(Collectors.toSet()))
              .as(language + " interview types")
              .containsAll(TYPES);
          assertThat(answers.stream().map(CorpusAnswer::register).collect(Collectors.toSet()))
              .as(language + " registers")
              .containsAll(REGISTERS);
          assertThat(answers.stream().map(CorpusAnswer::sentiment).collect(Collectors.toSet()))
              .as(language + " sentiments")
              .containsAll(SENTIMENTS);
        });
  }

  @Test
  void labelsAreSearchedAsWholeWordsInOrder() {
    assertThat(missingInOrder("i'd like it, like, likely", List.of("like", "like"))).isEmpty();
    assertThat(missingInOrder("it is likely", List.of("like"))).containsExactly("like");
    assertThat(missingInOrder("maybe so, um", List.of("um", "maybe"))).containsExactly("maybe");
    assertThat(missingInOrder("je pense qu'il a raison", List.of("je pense qu'"))).isEmpty();
  }

  private static void check(List<String> problems, boolean holds, String problem) {
    if (!holds) {
      problems.add(problem);
    }
  }

  static String normalized(String text) {
    return text.replace('\u2019', '\'').toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The labels not found as whole words in the text, each searched after the previous one. A label
   * that ends in an apostrophe (French "je pense qu'") runs into the next word.
   */
  static List<String> missingInOrder(String text, List<String> labels) {
    int from = 0;
    List<String> missing = new ArrayList<>();
    for (String label : labels) {
      String l = normalized(label);
      if (l.isBlank()) {
        missing.add(label);
        continue;
      }
      String before = Character.isLetterOrDigit(l.codePointAt(0)) ? "(?<![\\p{L}\\p{N}'])" : "";
      String after =
          Character.isLetterOrDigit(l.codePointBefore(l.length())) ? "(?![\\p{L}\\p{N}'])" : "";
      Matcher m = Pattern.compile(before + Pattern.quote(l) + after).matcher(text);
      if (m.find(from)) {
        from = m.end();
      } else {
        missing.add(label);
      }
    }
    return missing;
  }
}
