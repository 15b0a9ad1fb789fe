package dev.rehearse.core.interview;

import java.io.Serializable;
import java.util.List;

/**
 * A statement an answer to a bank question may make — a key point the question expects, or a common
 * misconception — and the terms that recognise it in an answer. A term is a word or a phrase; it
 * matches an answer that contains its words in order, each compared by its stem ("cached" matches
 * "cache"). Any one term is enough.
 *
 * @param text the statement, for people (docs, feedback)
 * @param terms the words and phrases that show the answer makes it
 */
public record Claim(String text, List<String> terms) implements Serializable {

  public Claim {
    terms = terms == null ? List.of() : List.copyOf(terms);
  }
}
