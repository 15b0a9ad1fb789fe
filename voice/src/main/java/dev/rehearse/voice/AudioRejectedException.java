package dev.rehearse.voice;

/**
 * Audio that cannot be analysed, for a reason the sender can fix. Each subtype names the HTTP
 * status an API answers it with, so a controller maps it without knowing the decoder.
 */
public abstract sealed class AudioRejectedException extends RuntimeException
    permits MalformedAudioException, AudioTooLargeException, UnsupportedAudioException {

  AudioRejectedException(String message) {
    super(message);
  }

  /** The HTTP status that answers this rejection: 400, 413 or 415. */
  public abstract int httpStatus();
}
