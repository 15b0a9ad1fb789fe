package dev.rehearse.voice.tts;

/**
 * A voice Rehearse speaks in, independent of the provider: each provider's settings map its name to
 * one of the provider's voices. Part of the cache key, so one question in one voice is synthesised
 * once, whichever provider made it.
 *
 * @param name lower-case letters, digits and dashes
 */
public record Voice(String name) {

  /** The interviewer's voice. */
  public static final Voice INTERVIEWER = new Voice("interviewer");

  public Voice {
    if (!name.matches("[a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("a voice name is 1 to 40 of [a-z0-9-]: '" + name + "'");
    }
  }
}
