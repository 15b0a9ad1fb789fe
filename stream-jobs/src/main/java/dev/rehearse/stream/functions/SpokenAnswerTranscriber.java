package dev.rehearse.stream.functions;

import dev.rehearse.core.events.WordTiming;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The seam where speech recognition plugs into the stream's audio analysis ({@link AudioAnalysis}):
 * what was said in a spoken answer, with word timings. What it hears replaces the answer's (empty)
 * text and words before the answer is analysed, so a spoken answer gets fillers, pauses, STAR and
 * the rest of the text metrics; the API replies it as {@code transcript}.
 *
 * <p>Implementations are created on the job's side ({@code StreamJobsMain}) and shipped to the task
 * with the function, so they must be serializable; a client they hold belongs in a transient field
 * created on first use. It is called on a pool of its own after the audio analysis, with what is
 * left of the step's budget (the reply timeout less margins): a call still running then is
 * interrupted and the answer goes on with its audio metrics and no transcript; one that throws
 * costs the transcript only.
 *
 * <p>The voice module's {@code dev.rehearse.voice.transcribe.Transcriber} plugs in through an
 * adapter made in {@code StreamJobsMain} in place of {@link #NONE}: it holds the transcriber
 * settings, builds the (not serializable) transcriber on the task at first use, and answers {@code
 * Optional.of(transcriber.transcribe(wav, Optional.empty()))} with its {@code TimedWord}s copied
 * into {@link WordTiming}s (the session's language is not known before the state machine).
 */
@FunctionalInterface
public interface SpokenAnswerTranscriber extends Serializable {

  /** What the recording says; empty when nothing was recognised or no recogniser is configured. */
  Optional<Transcript> transcribe(byte[] wav);

  /** No speech recognition: answers keep their empty text; the reply's transcript is null. */
  SpokenAnswerTranscriber NONE = wav -> Optional.empty();

  /**
   * What was said.
   *
   * @param text the words, as one text
   * @param words each word with its start and end in the recording (may be empty)
   */
  record Transcript(String text, List<WordTiming> words) {

    public Transcript {
      words = words == null ? List.of() : List.copyOf(words);
    }
  }
}
