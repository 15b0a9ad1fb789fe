package dev.rehearse.core.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds phrases (sequences of tokens) in a token stream. Phrases are indexed by their first token
 * and then by their second, so a token is compared only with the few phrases that can start there;
 * longer phrases come first.
 */
final class PhraseMatcher<T> {

  /** A phrase, as tokens, with what it stands for. */
  record Phrase<T>(String[] tokens, String text, T value) {}

  /** The phrases that share a first token. */
  private static final class Node<T> {
    final List<Phrase<T>> single = new ArrayList<>(1);
    final Map<String, List<Phrase<T>>> bySecond = new HashMap<>();
  }

  /** How many matchers a language has (fillers, hedges, STAR cues, hypotheticals, sarcasm). */
  static final int SLOTS = 5;

  private final Map<String, Node<T>> byFirst = new HashMap<>();

  /** Where a {@link Vocabulary.Word} keeps this matcher's phrases that start with it. */
  final int slot;

  PhraseMatcher(int slot) {
    if (slot < 0 || slot >= SLOTS) {
      throw new IllegalArgumentException("slot " + slot + " of " + SLOTS);
    }
    this.slot = slot;
  }

  /** Notes in {@code word} the phrases that start with it. */
  void describe(Vocabulary.Word word) {
    word.phraseStarts[slot] = byFirst.get(word.text);
  }

  void add(String phrase, T value) {
    Tokens t = Tokens.of(phrase);
    if (t.size == 0) {
      return;
    }
    String[] tokens = new String[t.size];
    for (int i = 0; i < t.size; i++) {
      tokens[i] = t.text[i].intern();
    }
    Phrase<T> p = new Phrase<>(tokens, phrase, value);
    Node<T> node = byFirst.computeIfAbsent(p.tokens()[0], k -> new Node<>());
    if (p.tokens().length == 1) {
      node.single.add(p);
    } else {
      List<Phrase<T>> list = node.bySecond.computeIfAbsent(p.tokens()[1], k -> new ArrayList<>(1));
      list.add(p);
      list.sort(Comparator.comparingInt((Phrase<T> q) -> -q.tokens().length));
    }
  }

  /** Adds every token of every phrase to {@code out}. */
  void tokensInto(java.util.Set<String> out) {
    byFirst
        .values()
        .forEach(
            node -> {
              node.single.forEach(p -> out.addAll(Arrays.asList(p.tokens())));
              node.bySecond
                  .values()
                  .forEach(l -> l.forEach(p -> out.addAll(Arrays.asList(p.tokens()))));
            });
  }

  /** The phrases that start at token {@code i}, longest first (empty list if none). */
  @SuppressWarnings("unchecked") // describe() put this matcher's own node in the slot
  List<Phrase<T>> at(Tokens tokens, int i) {
    Node<T> node;
    if (tokens.canonical()) {
      Vocabulary.Word word = tokens.known(i);
      node = word == null ? null : (Node<T>) word.phraseStarts[slot];
    } else {
      node = byFirst.get(tokens.text[i]);
    }
    if (node == null) {
      return List.of();
    }
    List<Phrase<T>> found = null;
    if (i + 1 < tokens.size && tokens.sentence[i + 1] == tokens.sentence[i]) {
      List<Phrase<T>> longer = node.bySecond.get(tokens.text[i + 1]);
      if (longer != null) {
        for (Phrase<T> p : longer) {
          if (matches(tokens, i, p.tokens())) {
            found = found == null ? new ArrayList<>(2) : found;
            found.add(p);
          }
        }
      }
    }
    if (found == null) {
      return node.single; // never modified once built
    }
    found.addAll(node.single);
    return found;
  }

  private static boolean matches(Tokens tokens, int i, String[] phrase) {
    if (i + phrase.length > tokens.size) {
      return false;
    }
    for (int k = 2; k < phrase.length; k++) {
      if (!phrase[k].equals(tokens.text[i + k]) || tokens.sentence[i + k] != tokens.sentence[i]) {
        return false;
      }
    }
    return true;
  }
}
