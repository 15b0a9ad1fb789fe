package dev.rehearse.voice.transcribe;

import java.util.List;
import java.util.Optional;

/**
 * What a transcriber heard.
 *
 * @param text the whole text
 * @param words the words with their timings, in order; empty when the provider gave none
 * @param language the language the provider reports (Whisper names it, e.g. {@code english};
 *     PocketSphinx is English only and says {@code en}), when it says
 * @param provider who transcribed: {@code groq}, {@code openai} or {@code pocketsphinx}
 */
public record Transcript(
    String text, List<TimedWord> words, Optional<String> language, String provider) {

  public Transcript {
    words = List.copyOf(words);
  }
}
