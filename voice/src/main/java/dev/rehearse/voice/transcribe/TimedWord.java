package dev.rehearse.voice.transcribe;

/**
 * One recognised word and when it was said, in milliseconds from the start of the audio.
 *
 * @param word the word as the recogniser wrote it (Whisper keeps punctuation, PocketSphinx gives
 *     lower-case dictionary words)
 */
public record TimedWord(String word, long startMs, long endMs) {

  public TimedWord {
    if (startMs < 0 || endMs < startMs) {
      throw new IllegalArgumentException(
          "a word's times must satisfy 0 <= start <= end: " + startMs + ", " + endMs);
    }
  }
}
