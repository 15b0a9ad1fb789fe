package dev.rehearse.api.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** WAV files built in memory for tests: a tone in PCM, and variations of its header. */
public final class Wavs {

  private Wavs() {}

  /** A 220 Hz tone of {@code ms} milliseconds, 16-bit mono PCM at {@code rate} Hz. */
  public static byte[] tone(int rate, int ms) {
    int frames = rate * ms / 1000;
    ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      data.putShort((short) (Math.sin(2 * Math.PI * 220 * i / rate) * 8000));
    }
    return wav(1, 1, rate, 16, data.array(), data.capacity());
  }

  /**
   * A RIFF/WAVE file: a 16-byte {@code fmt } chunk of {@code formatTag}, {@code channels}, {@code
   * rate} and {@code bits}, then a {@code data} chunk declaring {@code declaredDataBytes} and
   * holding {@code data}.
   */
  public static byte[] wav(
      int formatTag, int channels, int rate, int bits, byte[] data, long declaredDataBytes) {
    int blockAlign = channels * bits / 8;
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16);
    b.putShort((short) formatTag).putShort((short) channels).putInt(rate);
    b.putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    b.put("data".getBytes()).putInt((int) declaredDataBytes).put(data);
    return b.array();
  }
}
