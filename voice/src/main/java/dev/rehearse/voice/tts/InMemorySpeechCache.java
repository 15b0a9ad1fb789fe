package dev.rehearse.voice.tts;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A process-local {@link SpeechCache} of at most so many bytes of WAV, least recently used out. */
public final class InMemorySpeechCache implements SpeechCache {

  private final long maxBytes;
  private final LinkedHashMap<String, Speech> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public InMemorySpeechCache(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public synchronized Optional<Speech> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized void put(String key, Speech speech) {
    if (speech.wav().length > maxBytes) {
      return;
    }
    Speech old = entries.put(key, speech);
    if (old != null) {
      bytes -= old.wav().length;
    }
    bytes += speech.wav().length;
    Iterator<Map.Entry<String, Speech>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<String, Speech> e = eldest.next();
      bytes -= e.getValue().wav().length;
      eldest.remove();
    }
  }

  /** The bytes of WAV held. */
  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return entries.size();
  }
}
