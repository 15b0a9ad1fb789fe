package dev.rehearse.voice.tts;

import dev.rehearse.voice.WavDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rewrites the sizes of a WAV file that was written as a stream. A server that streams WAV cannot
 * know the length when it sends the header, so it puts a placeholder in the RIFF and {@code data}
 * sizes: {@code 0xFFFFFFFF} (OpenAI, ffmpeg), {@code 0x7FFFFFFF}, {@code 0x7FFFF000} (espeak-ng's
 * {@code --stdout}), or 0 (libsndfile before it closes). Once the whole reply is in, the real sizes
 * are known. Only a {@code data} size that cannot be true (0, or more than {@link
 * WavDecoder#MAX_BYTES}) is replaced, so a reply cut short with an honest header still reads as
 * truncated.
 */
final class StreamedWav {

  private StreamedWav() {}

  /** {@code wav} with real sizes when its {@code data} size is a placeholder; else unchanged. */
  static byte[] withRealSizes(byte[] wav) {
    if (wav.length < 12 || !ascii(wav, 0).equals("RIFF") || !ascii(wav, 8).equals("WAVE")) {
      return wav;
    }
    ByteBuffer buf = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int blockAlign = 0;
    int pos = 12;
    while (pos + 8 <= wav.length) {
      String id = ascii(wav, pos);
      long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
      if (id.equals("fmt ") && size >= 16 && pos + 8 + 16 <= wav.length) {
        blockAlign = Short.toUnsignedInt(buf.getShort(pos + 8 + 12));
      }
      if (id.equals("data")) {
        boolean placeholder = size == 0 || size > WavDecoder.MAX_BYTES;
        if (!placeholder || blockAlign == 0) {
          return wav;
        }
        int body = pos + 8;
        int available = wav.length - body;
        int whole = available - available % blockAlign;
        byte[] fixed = Arrays.copyOf(wav, body + whole);
        ByteBuffer out = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(pos + 4, whole);
        out.putInt(4, fixed.length - 8);
        return fixed;
      }
      long next = pos + 8 + size + (size & 1);
      if (next > wav.length) {
        return wav;
      }
      pos = (int) next;
    }
    return wav;
  }

  private static String ascii(byte[] b, int at) {
    return new String(b, at, 4, StandardCharsets.ISO_8859_1);
  }
}
