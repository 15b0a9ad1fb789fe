package dev.rehearse.core.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds phrases (sequences of tokens) in a token stream. Phrases are indexed by their first token;
 * longer phrases are tried first.
 */
final class PhraseMatcher<T> {

  /** A phrase, as tokens, with what it stands for. */
  record Phrase<T>(String[] tokens, String text, T value) {}

  private final Map<String, List<Phrase<T>>> byFirst = new HashMap<>();

  void add(String phrase, T value) {
    Tokens t = Tokens.of(phrase);
    if (t.size == 0) {
      return;
    }
    byFirst
        .computeIfAbsent(t.text[0], k -> new ArrayList<>())
        .add(new Phrase<>(t.text, phrase, value));
    byFirst.get(t.text[0]).sort(Comparator.comparingInt((Phrase<T> p) -> -p.tokens().length));
  }

  /** The phrases that start at token {@code i}, longest first (empty list if none). */
  List<Phrase<T>> at(Tokens tokens, int i) {
    List<Phrase<T>> candidates = byFirst.get(tokens.text[i]);
    if (candidates == null) {
      return List.of();
    }
    List<Phrase<T>> found = null;
    for (Phrase<T> p : candidates) {
      if (matches(tokens, i, p.tokens())) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(p);
      }
    }
    return found == null ? List.of() : found;
  }

  private static boolean matches(Tokens tokens, int i, String[] phrase) {
    if (i + phrase.length > tokens.size) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (!phrase[k].equals(tokens.text[i + k]) || tokens.sentence[i + k] != tokens.sentence[i]) {
        return false;
      }
    }
    return true;
  }
}
