package dev.rehearse.voice.transcribe;

import dev.rehearse.voice.provider.BoundedProcess;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline CMU PocketSphinx recogniser of Debian's {@code pocketsphinx} (0.8+5prealpha, whose
 * command is {@code pocketsphinx_continuous}) with the US English model of {@code
 * pocketsphinx-en-us}. English only.
 *
 * <p>The audio is converted to 16 kHz mono 16-bit raw PCM by the voice module's own decoder and
 * resampler, written to a private temporary file and recognised with {@code pocketsphinx_continuous
 * -infile <raw> -time yes -logfn /dev/null -hmm … -lm … -dict …}. It prints, per utterance, the
 * hypothesis and one line per segment, {@code word start end confidence} (seconds from the start of
 * the file); {@code <s>}, {@code </s>}, {@code <sil>} and fillers in brackets are dropped, and
 * alternative pronunciations ({@code was(2)}) are read as the word.
 *
 * <p>The program is killed when it runs longer than {@link Settings#timeout(long)}.
 */
public final class PocketSphinxTranscriber implements Transcriber {

  public static final String NAME = "pocketsphinx";

  /** The longest output read: far more than the words of 10 minutes. */
  static final long MAX_OUTPUT_BYTES = 4 << 20;

  private static final Pattern SEGMENT =
      Pattern.compile("^(\\S+) (\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?) (\\S+)$");
  private static final Pattern ALTERNATIVE = Pattern.compile("\\(\\d+\\)$");

  /**
   * Where PocketSphinx is and how long it may run.
   *
   * @param command the program, {@code pocketsphinx_continuous} (looked up on the {@code PATH}) or
   *     a path
   * @param modelDir the directory with {@code en-us/} (the acoustic model), {@code en-us.lm.bin}
   *     and {@code cmudict-en-us.dict}: {@code /usr/share/pocketsphinx/model/en-us} on Debian
   * @param baseTimeout the time allowed beyond {@code perAudioSecond} times the audio's duration
   */
  public record Settings(
      String command, Path modelDir, Duration baseTimeout, Duration perAudioSecond) {

    /**
     * Debian's paths; 30 s plus two seconds per second of audio. It needs 0.2 to 0.3 s of CPU per
     * second of audio, but measured up to 1.52 s of wall clock per second with two cores shared by
     * several builds: the deadline stops a runaway, not a slow machine.
     */
    public static final Settings DEBIAN =
        new Settings(
            "pocketsphinx_continuous",
            Path.of("/usr/share/pocketsphinx/model/en-us"),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));

    /** The deadline for {@code audioMs} of audio. */
    public Duration timeout(long audioMs) {
      return baseTimeout.plus(perAudioSecond.multipliedBy(audioMs).dividedBy(1000));
    }

    Path acousticModel() {
      return modelDir.resolve("en-us");
    }

    Path languageModel() {
      return modelDir.resolve("en-us.lm.bin");
    }

    Path dictionary() {
      return modelDir.resolve("cmudict-en-us.dict");
    }
  }

  private final Settings settings;

  public PocketSphinxTranscriber(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Whether the program and the English model are installed. */
  public boolean available() {
    return BoundedProcess.executable(settings.command()).isPresent()
        && Files.isDirectory(settings.acousticModel())
        && Files.isRegularFile(settings.languageModel())
        && Files.isRegularFile(settings.dictionary());
  }

  @Override
  public Transcript transcribe(byte[] wav, Optional<String> language) {
    Optional<String> code = Languages.primary(language);
    if (code.isPresent() && !code.get().equals("en")) {
      throw new ProviderException(
          NAME, Reason.UNSUPPORTED, "only English is installed, not '" + code.get() + "'");
    }
    if (!available()) {
      throw new ProviderException(
          NAME,
          Reason.NOT_INSTALLED,
          "apt-get install pocketsphinx pocketsphinx-en-us (looked for "
              + settings.command()
              + " and "
              + settings.modelDir()
              + ")");
    }
    byte[] raw = Pcm16k.raw(wav);
    Path dir = BoundedProcess.tempDir("rehearse-pocketsphinx-");
    try {
      Path input = dir.resolve("answer.raw");
      Files.write(input, raw);
      BoundedProcess.Outcome outcome =
          BoundedProcess.run(
              NAME,
              List.of(
                  settings.command(),
                  "-infile",
                  input.toString(),
                  "-samprate",
                  Integer.toString(Pcm16k.RATE),
                  "-time",
                  "yes",
                  "-logfn",
                  "/dev/null",
                  "-hmm",
                  settings.acousticModel().toString(),
                  "-lm",
                  settings.languageModel().toString(),
                  "-dict",
                  settings.dictionary().toString()),
              null,
              dir,
              settings.timeout(Pcm16k.durationMs(raw)),
              MAX_OUTPUT_BYTES);
      if (outcome.exitCode() != 0) {
        throw new ProviderException(
            NAME, Reason.PROCESS_FAILED, settings.command() + " exited with " + outcome.exitCode());
      }
      List<TimedWord> words = parse(new String(outcome.stdout(), StandardCharsets.UTF_8));
      StringBuilder text = new StringBuilder();
      for (TimedWord w : words) {
        text.append(text.length() == 0 ? "" : " ").append(w.word());
      }
      return new Transcript(text.toString(), words, Optional.of("en"), NAME);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      BoundedProcess.deleteTree(dir);
    }
  }

  /** The words of {@code pocketsphinx_continuous -time yes} output, in order. */
  static List<TimedWord> parse(String output) {
    List<TimedWord> words = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher m = SEGMENT.matcher(line.strip());
      if (!m.matches()) {
        continue; // a hypothesis line
      }
      String word = m.group(1);
      if (word.startsWith("<") || word.startsWith("[") || word.startsWith("++")) {
        continue; // <s>, </s>, <sil>, [NOISE], ++GARBAGE++
      }
      word = ALTERNATIVE.matcher(word).replaceFirst("");
      long start = Math.round(Double.parseDouble(m.group(2)) * 1000);
      long end = Math.round(Double.parseDouble(m.group(3)) * 1000);
      if (end < start) {
        throw new ProviderException(NAME, Reason.PROCESS_FAILED, "a word ends before it starts");
      }
      words.add(new TimedWord(word, start, end));
    }
    return words;
  }
}
