package dev.rehearse.api.service;

import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.TurnDocument;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProvidersFailedException;
import dev.rehearse.voice.tts.Speech;
import dev.rehearse.voice.tts.SpeechSynthesizer;
import dev.rehearse.voice.tts.Voice;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A question of the caller's own session, spoken in the interviewer's voice by the configured
 * synthesizers (Cartesia, else Murf, else espeak-ng, behind the speech cache).
 *
 * <p>The question's text comes from the session's projections: the session document's current
 * question for the last one asked, else the answered turn of that index. A question asked a moment
 * ago may not be projected yet, so for a session this instance saw its caller start or play ({@link
 * SessionOwners}) an unknown question is looked up again for a short while ({@code projectionWait})
 * before the answer is 404; a session of another user, or an index past the session's question
 * count, is 404 at once. Another user's session reads as absent (404), like every session read; 503
 * when no synthesizer is configured or every one failed.
 */
public final class QuestionSpeech {

  private static final Logger LOG = LoggerFactory.getLogger(QuestionSpeech.class);

  /** The content type of every spoken question: each provider is asked for WAV. */
  public static final String CONTENT_TYPE = "audio/wav";

  /** A spoken question: the WAV and who made it. */
  public record Spoken(byte[] wav, String contentType, String provider) {}

  private final SessionReader store;
  private final SessionOwners owners;
  private final Optional<SpeechSynthesizer> synthesizer;
  private final Duration projectionWait;

  public QuestionSpeech(
      SessionReader store,
      SessionOwners owners,
      Optional<SpeechSynthesizer> synthesizer,
      Duration projectionWait) {
    this.store = store;
    this.owners = owners;
    this.synthesizer = synthesizer;
    this.projectionWait = projectionWait;
  }

  /** Whether a synthesizer is configured. */
  public boolean available() {
    return synthesizer.isPresent();
  }

  /** Question {@code index} (from 0) of the caller's session, spoken. */
  public Spoken question(Caller caller, String sessionId, int index)
      throws IOException, InterruptedException {
    String text = text(caller.userId(), sessionId, index);
    SpeechSynthesizer speech =
        synthesizer.orElseThrow(
            () ->
                Problem.unavailable(
                    "no speech synthesizer is configured on this deployment",
                    Duration.ofSeconds(60)));
    if (text.length() > SpeechSynthesizer.MAX_TEXT_CHARS) {
      throw new Problem(
          422,
          "Question too long to speak",
          "question "
              + index
              + " has "
              + text.length()
              + " characters; at most "
              + SpeechSynthesizer.MAX_TEXT_CHARS
              + " are spoken",
          Optional.empty());
    }
    try {
      Speech spoken = speech.speak(text, Voice.INTERVIEWER);
      return new Spoken(spoken.wav(), CONTENT_TYPE, spoken.provider());
    } catch (ProviderException | ProvidersFailedException e) {
      LOG.warn("speaking question {} of session {} failed: {}", index, sessionId, e.getMessage());
      throw Problem.unavailable(
          "the question could not be spoken now; try again later", Duration.ofSeconds(30));
    }
  }

  private String text(String userId, String sessionId, int index)
      throws IOException, InterruptedException {
    Optional<SessionOwners.Owned> known = owners.find(sessionId);
    if (known.isPresent() && !known.get().ownedBy(userId)) {
      throw Problem.notFound("session " + sessionId);
    }
    // only a session this instance saw lately may be on its way to the index
    long deadline = System.nanoTime() + (known.isPresent() ? projectionWait.toNanos() : 0);
    while (true) {
      Optional<SessionDocument> session = store.session(userId, sessionId);
      if (session.isPresent() && index >= session.get().questionCount().orElse(Integer.MAX_VALUE)) {
        throw Problem.notFound("question " + index + " of session " + sessionId);
      }
      if (session.isPresent()) {
        Optional<String> text = text(session.get(), userId, sessionId, index);
        if (text.isPresent()) {
          return text.get();
        }
      }
      if (System.nanoTime() > deadline) {
        throw Problem.notFound(
            session.isPresent()
                ? "question " + index + " of session " + sessionId
                : "session " + sessionId);
      }
      Thread.sleep(100);
    }
  }

  /** The latest text of question {@code index}: the current question, else its answered turn. */
  private Optional<String> text(SessionDocument session, String userId, String sessionId, int index)
      throws IOException {
    if (session.questionsAsked().orElse(0) == index + 1 && session.currentQuestion().isPresent()) {
      return session.currentQuestion().filter(q -> !q.isBlank());
    }
    if (index >= session.questionsAsked().orElse(0)) {
      return Optional.empty();
    }
    List<TurnDocument> turns = store.turns(userId, sessionId);
    return turns.stream()
        .filter(t -> t.index() == index)
        .map(TurnDocument::question)
        .filter(q -> q != null && !q.isBlank())
        .reduce((first, later) -> later);
  }
}
