package dev.rehearse.voice;

/**
 * What a WAV file's {@code fmt } chunk says about its samples.
 *
 * @param encoding integer PCM or IEEE float (an EXTENSIBLE file is reported by its subformat)
 * @param channels 1 or 2
 * @param sampleRate samples a second per channel
 * @param bitsPerSample 8, 16 or 24 for PCM; 32 for float
 */
public record WavFormat(Encoding encoding, int channels, int sampleRate, int bitsPerSample) {

  /** The sample encodings we decode. */
  public enum Encoding {
    PCM,
    IEEE_FLOAT
  }

  /** Bytes of one frame: one sample of every channel. */
  public int blockAlign() {
    return channels * (bitsPerSample / 8);
  }
}
