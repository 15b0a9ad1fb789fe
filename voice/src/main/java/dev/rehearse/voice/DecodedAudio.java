package dev.rehearse.voice;

/**
 * A decoded WAV file: its format and its samples mixed down to one channel, in [-1, 1].
 *
 * @param format the format the file declared
 * @param mono the mean of the channels, one value per frame, at {@code format.sampleRate()}
 */
public record DecodedAudio(WavFormat format, float[] mono) {

  /** The duration in milliseconds. */
  public long durationMs() {
    return Math.round(mono.length * 1000.0 / format.sampleRate());
  }
}
