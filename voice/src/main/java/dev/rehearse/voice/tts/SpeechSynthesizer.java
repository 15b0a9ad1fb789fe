package dev.rehearse.voice.tts;

import dev.rehearse.voice.provider.ProviderException;

/** Text to speech. Implementations are thread-safe. */
public interface SpeechSynthesizer {

  /** The longest text spoken in one call (Murf's documented limit is 3000 characters). */
  int MAX_TEXT_CHARS = 3000;

  /** The provider's name, as {@link Speech#provider()} gives it. */
  String name();

  /**
   * {@code text} spoken in {@code voice}, as a WAV file.
   *
   * @throws IllegalArgumentException when {@code text} is blank or longer than {@link
   *     #MAX_TEXT_CHARS}
   * @throws ProviderException when the provider gave nothing usable ({@link
   *     ProviderException.Reason#UNSUPPORTED} for a voice it has no mapping of)
   */
  Speech speak(String text, Voice voice);

  /** {@code text}, checked against the limits every synthesizer shares. */
  static String checkText(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("nothing to speak: the text is blank");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "the text is "
              + text.length()
              + " characters; at most "
              + MAX_TEXT_CHARS
              + " are spoken");
    }
    return text.strip();
  }
}
