package dev.rehearse.voice;

/**
 * Decodes a spoken answer in either accepted container, told apart by its first bytes: {@code
 * RIFF....WAVE} by {@link WavDecoder}, {@code OggS} by {@link OggOpusDecoder}. Both have the same
 * limits ({@link #MAX_BYTES}, {@link #MAX_DURATION_MS}) and reject with the same {@link
 * AudioRejectedException}s. MP3 and MP4 are recognised and refused as unsupported (415); anything
 * else is malformed (400).
 */
public final class AudioDecoder {

  /** The largest file accepted: 50 MB. */
  public static final int MAX_BYTES = WavDecoder.MAX_BYTES;

  /** The longest audio accepted: 10 minutes. */
  public static final long MAX_DURATION_MS = WavDecoder.MAX_DURATION_MS;

  private AudioDecoder() {}

  /** Decodes {@code audio}, a WAV or Ogg Opus file, and mixes its channels down to one. */
  public static DecodedAudio decode(byte[] audio) {
    if (OggOpusDecoder.isOgg(audio)) {
      return OggOpusDecoder.decode(audio);
    }
    if (audio.length <= MAX_BYTES && isMp3(audio)) {
      throw new UnsupportedAudioException("MP3 is not supported; send WAV or Ogg Opus");
    }
    if (audio.length <= MAX_BYTES && audio.length >= 8 && ascii(audio, 4).equals("ftyp")) {
      throw new UnsupportedAudioException("MP4 is not supported; send WAV or Ogg Opus");
    }
    return WavDecoder.decode(audio);
  }

  /** The media type of accepted audio: {@code audio/ogg} for Ogg Opus, else {@code audio/wav}. */
  public static String mediaType(byte[] audio) {
    return OggOpusDecoder.isOgg(audio) ? "audio/ogg" : "audio/wav";
  }

  private static boolean isMp3(byte[] b) {
    return (b.length >= 3 && ascii(b, 0).startsWith("ID3"))
        || (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0);
  }

  private static String ascii(byte[] b, int at) {
    return new String(
        b, at, Math.min(4, b.length - at), java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
