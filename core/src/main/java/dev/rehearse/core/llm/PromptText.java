package dev.rehearse.core.llm;

import java.util.regex.Pattern;

/**
 * The two rules of text crossing an LLM boundary: candidate text goes into a prompt only as fenced
 * data, stripped of anything that could close the fence; model output shown to users carries no
 * markup and no links.
 */
public final class PromptText {

  private PromptText() {}

  private static final Pattern MARKUP = Pattern.compile("[<>`*#{}\\[\\]|\\\\]|https?://|www\\.");

  /** Candidate text for a fence: angle brackets gone, whitespace flattened, at most 1,000 chars. */
  public static String clean(String text) {
    String flat = text.replace('<', ' ').replace('>', ' ').replaceAll("\\s+", " ").strip();
    return flat.length() > 1_000 ? flat.substring(0, 1_000) : flat;
  }

  /** Whether model output has markup or a link: such output is refused. */
  public static boolean hasMarkup(String text) {
    return MARKUP.matcher(text).find();
  }
}
