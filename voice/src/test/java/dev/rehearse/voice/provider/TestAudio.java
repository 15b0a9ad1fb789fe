package dev.rehearse.voice.provider;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small WAV files for the provider tests. */
public final class TestAudio {

  private TestAudio() {}

  /** A 16-bit mono WAV of a {@code hz} tone lasting {@code ms} at {@code rate}. */
  public static byte[] tone(int rate, int ms, double hz) {
    int n = rate * ms / 1000;
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
    b.putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    return b.array();
  }
}
