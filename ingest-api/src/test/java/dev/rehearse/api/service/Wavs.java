package dev.rehearse.api.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WAV files built in memory for tests: a tone in PCM, and variations of its header; and the tone as
 * Ogg Opus, as LiveKit egress records audio.
 */
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

  /**
   * {@link #tone} encoded as Ogg Opus by {@code opusenc} (Debian package {@code opus-tools}), the
   * container and codec LiveKit egress writes for audio-only recordings.
   */
  public static byte[] oggOpus(int rate, int ms) {
    try {
      Path dir = Files.createTempDirectory("opusenc");
      Path in = Files.write(dir.resolve("tone.wav"), tone(rate, ms));
      Path out = dir.resolve("tone.ogg");
      Process p =
          new ProcessBuilder(List.of("opusenc", "--quiet", in.toString(), out.toString()))
              .redirectErrorStream(true)
              .start();
      String printed = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("opusenc failed (apt-get install -y opus-tools): " + printed);
      }
      byte[] ogg = Files.readAllBytes(out);
      Files.delete(in);
      Files.delete(out);
      Files.delete(dir);
      return ogg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
