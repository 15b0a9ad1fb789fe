package dev.rehearse.voice.transcribe;

import dev.rehearse.voice.AudioDecoder;
import dev.rehearse.voice.DecodedAudio;
import dev.rehearse.voice.Resampler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Any WAV or Ogg Opus file the decoder accepts as 16 kHz mono 16-bit PCM: what PocketSphinx's model
 * expects and what Whisper resamples to anyway (so an upload is at most 19.2 MB for the longest
 * answer, 10 minutes, under the providers' 25 MB limit).
 */
final class Pcm16k {

  static final int RATE = 16_000;

  private Pcm16k() {}

  /** Raw little-endian 16-bit samples at 16 kHz, mono. */
  static byte[] raw(byte[] wav) {
    DecodedAudio audio = AudioDecoder.decode(wav);
    float[] mono = Resampler.resample(audio.mono(), audio.format().sampleRate(), RATE);
    ByteBuffer out = ByteBuffer.allocate(mono.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : mono) {
      long s = Math.round(v * 32768.0);
      out.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s)));
    }
    return out.array();
  }

  /** {@code raw} in a canonical 44-byte-header WAV file. */
  static byte[] wav(byte[] raw) {
    ByteBuffer out = ByteBuffer.allocate(44 + raw.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + raw.length);
    out.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
    out.putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2);
    out.putShort((short) 2).putShort((short) 16);
    out.put(new byte[] {'d', 'a', 't', 'a'}).putInt(raw.length).put(raw);
    return out.array();
  }

  /** The duration of {@code raw} in milliseconds. */
  static long durationMs(byte[] raw) {
    return raw.length / 2 * 1000L / RATE;
  }
}
