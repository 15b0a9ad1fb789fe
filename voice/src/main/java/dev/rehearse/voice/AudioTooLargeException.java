package dev.rehearse.voice;

/** The audio is longer or bigger than an answer may be (413). */
public final class AudioTooLargeException extends AudioRejectedException {

  public AudioTooLargeException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 413;
  }
}
