package dev.rehearse.core.corpus;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One hand-labelled answer of the corpus ({@code corpus/answers-<lang>.jsonl}); the labels and
 * their guideline are in {@code docs/labelling.md}.
 *
 * @param clauses the answer cut into clauses, each with one STAR label ({@code S T A R none})
 * @param fillers every filler as spoken, in order, lower-cased
 * @param hedges every hedge as spoken, in order, lower-cased
 * @param sentiment {@code positive}, {@code negative} or {@code neutral}
 */
public record CorpusAnswer(
    String id,
    String language,
    String interviewType,
    String questionType,
    String question,
    String register,
    String strength,
    List<Clause> clauses,
    List<String> fillers,
    List<String> hedges,
    String sentiment) {

  public CorpusAnswer {
    clauses = clauses == null ? List.of() : List.copyOf(clauses);
    fillers = fillers == null ? List.of() : List.copyOf(fillers);
    hedges = hedges == null ? List.of() : List.copyOf(hedges);
  }

  /** One clause and its STAR part. */
  public record Clause(String text, String star) {}

  /** The answer as spoken: the clause texts joined with one space. */
  public String text() {
    return clauses.stream().map(Clause::text).collect(Collectors.joining(" "));
  }

  /**
   * Whether any clause is labelled with this STAR part ({@code S}, {@code T}, {@code A} or {@code
   * R}).
   */
  public boolean hasPart(String part) {
    return clauses.stream().anyMatch(c -> c.star().equals(part));
  }
}
