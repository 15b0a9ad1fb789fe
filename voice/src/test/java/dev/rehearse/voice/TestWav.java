package dev.rehearse.voice;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Writes test WAV files and synthetic signals. */
final class TestWav {

  private TestWav() {}

  /** How the samples are stored. */
  enum Layout {
    PCM_8(1, 8, false),
    PCM_16(1, 16, false),
    PCM_24(1, 24, false),
    FLOAT_32(3, 32, false),
    EXTENSIBLE_PCM_16(1, 16, true),
    EXTENSIBLE_PCM_24(1, 24, true),
    EXTENSIBLE_FLOAT_32(3, 32, true);

    final int tag;
    final int bits;
    final boolean extensible;

    Layout(int tag, int bits, boolean extensible) {
      this.tag = tag;
      this.bits = bits;
      this.extensible = extensible;
    }
  }

  /** A WAV file of {@code channels[c][i]} samples in [-1, 1]. */
  static byte[] wav(float[][] channels, int rate, Layout layout) {
    int frames = channels[0].length;
    int n = channels.length;
    int bytes = layout.bits / 8;
    ByteBuffer data = ByteBuffer.allocate(frames * n * bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      for (float[] channel : channels) {
        float v = channel[i];
        switch (layout.bits) {
          case 8 -> data.put((byte) (clamp(Math.round(v * 128), 127) + 128));
          case 16 -> data.putShort((short) clamp(Math.round(v * 32768), 32767));
          case 24 -> {
            int s = clamp(Math.round(v * 8388608), 8388607);
            data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
          }
          case 32 -> data.putFloat(v);
          default -> throw new IllegalArgumentException(layout.toString());
        }
      }
    }
    return wav(fmt(layout.tag, n, rate, layout.bits, layout.extensible), data.array());
  }

  private static int clamp(int v, int max) {
    return Math.max(-max - 1, Math.min(max, v));
  }

  /** A {@code fmt } chunk body. */
  static byte[] fmt(int tag, int channels, int rate, int bits, boolean extensible) {
    ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
    int blockAlign = channels * bits / 8;
    fmt.putShort((short) (extensible ? 0xFFFE : tag))
        .putShort((short) channels)
        .putInt(rate)
        .putInt(rate * blockAlign)
        .putShort((short) blockAlign)
        .putShort((short) bits);
    if (extensible) {
      fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 0x4 : 0x3);
      fmt.putShort((short) tag)
          .put(
              new byte[] {
                0x00,
                0x00,
                0x00,
                0x00,
                0x10,
                0x00,
                (byte) 0x80,
                0x00,
                0x00,
                (byte) 0xAA,
                0x00,
                0x38,
                (byte) 0x9B,
                0x71
              });
    }
    return fmt.array();
  }

  /**
   * RIFF/WAVE with a {@code fmt } chunk, a {@code LIST} chunk to skip, and a {@code data} chunk.
   */
  static byte[] wav(byte[] fmt, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] list = {'I', 'N', 'F', 'O', 'x'}; // odd size: tests the pad byte
    int riffSize = 4 + (8 + fmt.length) + (8 + list.length + 1) + (8 + data.length);
    write(out, "RIFF");
    writeInt(out, riffSize);
    write(out, "WAVE");
    write(out, "fmt ");
    writeInt(out, fmt.length);
    out.writeBytes(fmt);
    write(out, "LIST");
    writeInt(out, list.length);
    out.writeBytes(list);
    out.write(0);
    write(out, "data");
    writeInt(out, data.length);
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String fourCc) {
    out.writeBytes(fourCc.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  static byte[] mono16(float[] samples, int rate) {
    return wav(new float[][] {samples}, rate, Layout.PCM_16);
  }

  static float[] sine(double hz, double seconds, int rate, double amplitude) {
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  static float[] whiteNoise(double seconds, int rate, double amplitude, long seed) {
    Random random = new Random(seed);
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
    }
    return x;
  }

  /** Concatenation. */
  static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
