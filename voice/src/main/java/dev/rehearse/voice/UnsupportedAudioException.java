package dev.rehearse.voice;

/** A well-formed WAV file in an encoding, sample rate or channel layout we do not accept (415). */
public final class UnsupportedAudioException extends AudioRejectedException {

  public UnsupportedAudioException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 415;
  }
}
