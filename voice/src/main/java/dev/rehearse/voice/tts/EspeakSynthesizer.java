package dev.rehearse.voice.tts;

import dev.rehearse.voice.provider.BoundedProcess;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The offline {@code espeak-ng} (Debian {@code espeak-ng}): {@code espeak-ng -v <voice> -s <words
 * per minute> -w <file> -f <text file>}, run with a deadline and killed past it. The text goes in a
 * file, never on the command line. It writes to a file rather than with {@code --stdout}, which
 * cannot seek back and leaves a placeholder data size (0x7FFFF000) that the decoder rightly takes
 * for a truncated file.
 */
public final class EspeakSynthesizer implements SpeechSynthesizer {

  public static final String NAME = "espeak-ng";

  /** The largest WAV read: 3000 characters at 22.05 kHz, 16-bit mono, with room to spare. */
  static final long MAX_WAV_BYTES = 32 << 20;

  /**
   * espeak-ng's settings.
   *
   * @param voices Rehearse's voice names to espeak-ng voices ({@code en-us}, {@code en-gb+f3}, …)
   */
  public record Settings(
      String command, Map<String, String> voices, int wordsPerMinute, Duration timeout) {

    public Settings {
      voices = Map.copyOf(voices);
      for (String v : voices.values()) {
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9_+-]*")) {
          throw new IllegalArgumentException("not an espeak-ng voice: '" + v + "'");
        }
      }
      if (wordsPerMinute < 80 || wordsPerMinute > 450) {
        throw new IllegalArgumentException(
            "espeak-ng speaks 80 to 450 words a minute, not " + wordsPerMinute);
      }
    }
  }

  private final Settings settings;

  public EspeakSynthesizer(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Whether the program is installed. */
  public boolean available() {
    return BoundedProcess.executable(settings.command()).isPresent();
  }

  @Override
  public Speech speak(String text, Voice voice) {
    String checked = SpeechSynthesizer.checkText(text);
    String espeakVoice = settings.voices().get(voice.name());
    if (espeakVoice == null) {
      throw new ProviderException(
          NAME, Reason.UNSUPPORTED, "no espeak-ng voice for " + voice.name());
    }
    Path dir = BoundedProcess.tempDir("rehearse-espeak-");
    try {
      Path input = dir.resolve("text.txt");
      Path wav = dir.resolve("speech.wav");
      Files.writeString(input, checked, StandardCharsets.UTF_8);
      BoundedProcess.Outcome outcome =
          BoundedProcess.run(
              NAME,
              List.of(
                  settings.command(),
                  "-v",
                  espeakVoice,
                  "-s",
                  Integer.toString(settings.wordsPerMinute()),
                  "-w",
                  wav.toString(),
                  "-f",
                  input.toString()),
              null,
              dir,
              settings.timeout(),
              1 << 16);
      if (outcome.exitCode() != 0 || !Files.isRegularFile(wav)) {
        throw new ProviderException(
            NAME, Reason.PROCESS_FAILED, settings.command() + " exited with " + outcome.exitCode());
      }
      long size = Files.size(wav);
      if (size > MAX_WAV_BYTES) {
        throw new ProviderException(
            NAME, Reason.PROCESS_FAILED, "it wrote " + size + " bytes, more than " + MAX_WAV_BYTES);
      }
      return SpeechAudio.check(NAME, Files.readAllBytes(wav), Reason.PROCESS_FAILED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      BoundedProcess.deleteTree(dir);
    }
  }
}
