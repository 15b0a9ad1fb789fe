package dev.rehearse.voice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders test speech with the {@code espeak-ng} command (Debian package {@code espeak-ng}) into
 * WAV files in a directory of the test's. Missing espeak-ng fails the test: the speech tests are
 * required, not optional.
 */
final class Espeak {

  /** About 60 words of interview answer: 65 words, 87 syllables (1.34 syllables a word). */
  static final String PARAGRAPH =
      "In my last role, I led a small team that rebuilt our billing system. The old software was"
          + " slow and difficult to change, so we planned the migration in short steps. Every week"
          + " we moved one component, tested it with real customer data, and kept the previous"
          + " version ready. After three months, the new system was twice as fast, and support"
          + " tickets dropped by half.";

  static final int PARAGRAPH_WORDS = 65;

  private final Path dir;
  private int files;

  Espeak(Path dir) {
    this.dir = dir;
  }

  /** Plain text at {@code wordsPerMinute}. */
  byte[] speak(String text, int wordsPerMinute) {
    return run(text, List.of("-s", Integer.toString(wordsPerMinute)));
  }

  /** SSML ({@code -m}) at {@code wordsPerMinute}. */
  byte[] speakSsml(String ssml, int wordsPerMinute) {
    return run(ssml, List.of("-m", "-s", Integer.toString(wordsPerMinute)));
  }

  /**
   * {@code wav} converted by {@code sox} (Debian package {@code sox}) with the output options
   * {@code soxOptions}, e.g. {@code -r 8000} or {@code -c 2}.
   */
  byte[] sox(byte[] wav, String... soxOptions) {
    Path in = dir.resolve("sox-" + (++files) + "-in.wav");
    Path out = dir.resolve("sox-" + files + "-out.wav");
    List<String> command = new ArrayList<>(List.of("sox", in.toString()));
    command.addAll(List.of(soxOptions));
    command.add(out.toString());
    try {
      Files.write(in, wav);
      exec(command, out, "sox");
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code wav} encoded as Ogg Opus by {@code opusenc} (Debian package {@code opus-tools}) at
   * {@code kbps} kbit/s, as LiveKit egress writes audio-only recordings.
   */
  byte[] opusenc(byte[] wav, int kbps) {
    Path in = dir.resolve("opusenc-" + (++files) + ".wav");
    Path out = dir.resolve("opusenc-" + files + ".ogg");
    List<String> command =
        List.of(
            "opusenc",
            "--quiet",
            "--bitrate",
            Integer.toString(kbps),
            in.toString(),
            out.toString());
    try {
      Files.write(in, wav);
      exec(command, out, "opusenc");
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] run(String text, List<String> options) {
    Path wav = dir.resolve("espeak-" + (++files) + ".wav");
    Path input = dir.resolve("espeak-" + files + ".txt");
    List<String> command = new ArrayList<>(List.of("espeak-ng", "-v", "en-us"));
    command.addAll(options);
    command.addAll(List.of("-w", wav.toString(), "-f", input.toString()));
    try {
      Files.writeString(input, text, StandardCharsets.UTF_8);
      exec(command, wav, "espeak-ng");
      return Files.readAllBytes(wav);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void exec(List<String> command, Path output, String tool) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          tool
              + " is not installed; the speech tests need it: apt-get install -y espeak-ng sox opus-tools",
          e);
    }
    try {
      String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(tool + " did not finish within 60 s: " + command);
      }
      if (process.exitValue() != 0 || !Files.exists(output)) {
        throw new AssertionError(
            tool + " failed (exit " + process.exitValue() + "): " + command + "\n" + printed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + tool, e);
    }
  }
}
