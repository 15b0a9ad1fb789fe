package dev.rehearse.core.events;

import dev.rehearse.fieldnames.FieldNames;
import java.util.List;
import java.util.Optional;

/**
 * One answer as the candidate gave it: the transcript and, when a client measured them, its
 * duration, word timings, an audio reference and the times the question was asked and answered.
 */
@FieldNames
public record Answer(
    String text,
    Optional<Long> durationMs,
    List<WordTiming> words,
    Optional<String> audioRef,
    Optional<Long> questionAskedAtMs,
    Optional<Long> answerStartedAtMs) {

  public Answer {
    durationMs = durationMs == null ? Optional.empty() : durationMs;
    words = words == null ? List.of() : List.copyOf(words);
    audioRef = audioRef == null ? Optional.empty() : audioRef;
    questionAskedAtMs = questionAskedAtMs == null ? Optional.empty() : questionAskedAtMs;
    answerStartedAtMs = answerStartedAtMs == null ? Optional.empty() : answerStartedAtMs;
  }

  /** An answer known only by its text. */
  public static Answer ofText(String text) {
    return new Answer(text, null, null, null, null, null);
  }
}
