package dev.rehearse.voice;

/** The bytes are not a well-formed WAV file: bad header, missing chunk, truncated data (400). */
public final class MalformedAudioException extends AudioRejectedException {

  public MalformedAudioException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
