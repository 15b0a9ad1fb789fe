package dev.rehearse.stream.functions;

import dev.rehearse.core.events.WordTiming;
import dev.rehearse.voice.transcribe.Transcriber;
import dev.rehearse.voice.transcribe.Transcribers;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Speech recognition for spoken answers by the voice module's transcriber chain (Whisper at Groq,
 * then at OpenAI, then the offline PocketSphinx when installed; see {@link Transcribers}). The
 * settings travel with the job; the chain, which is not serializable, is built on the task at first
 * use.
 */
public final class VoiceTranscriber implements SpokenAnswerTranscriber {

  private static final long serialVersionUID = 1L;

  private final TreeMap<String, String> settings;
  private transient volatile Transcriber chain;

  private VoiceTranscriber(Map<String, String> settings) {
    this.settings = new TreeMap<>(settings);
  }

  /**
   * The configured recognition, or {@link SpokenAnswerTranscriber#NONE} when no provider is
   * configured or installed. Settings are checked here, at the entry point.
   *
   * @throws IllegalArgumentException naming the setting, when one is not valid
   */
  public static SpokenAnswerTranscriber fromEnv(Map<String, String> env) {
    if (Transcribers.fromEnv(env).isEmpty()) {
      return NONE;
    }
    Map<String, String> settings = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("REHEARSE_")) {
            settings.put(name, value);
          }
        });
    return new VoiceTranscriber(settings);
  }

  @Override
  public Optional<Transcript> transcribe(byte[] wav) {
    dev.rehearse.voice.transcribe.Transcript heard = chain().transcribe(wav, Optional.empty());
    if (heard.text() == null || heard.text().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new Transcript(
            heard.text().strip(),
            heard.words().stream()
                .map(w -> new WordTiming(w.word(), w.startMs(), w.endMs()))
                .toList()));
  }

  /** The names of the settings this carries to the task (for tests: never the values). */
  java.util.Set<String> settingNames() {
    return settings.keySet();
  }

  private Transcriber chain() {
    Transcriber built = chain;
    if (built == null) {
      synchronized (this) {
        built = chain;
        if (built == null) {
          built = Transcribers.fromEnv(settings).orElseThrow();
          chain = built;
        }
      }
    }
    return built;
  }
}
