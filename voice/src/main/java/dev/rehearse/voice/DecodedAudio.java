package dev.rehearse.voice;

/**
 * A decoded WAV or Ogg Opus file: its format and its samples mixed down to one channel, in [-1, 1].
 *
 * @param format the format the WAV file declared; for Ogg Opus, 16-bit PCM at 48 kHz (what Opus
 *     decodes to) with the channels of its {@code OpusHead}
 * @param mono the mean of the channels, one value per frame, at {@code format.sampleRate()}
 */
public record DecodedAudio(WavFormat format, float[] mono) {

  /** The duration in milliseconds. */
  public long durationMs() {
    return Math.round(mono.length * 1000.0 / format.sampleRate());
  }
}
