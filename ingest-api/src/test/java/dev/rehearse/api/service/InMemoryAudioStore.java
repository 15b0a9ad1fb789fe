package dev.rehearse.api.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An audio store that keeps what was put, by key; it can be told to refuse, as a store that is
 * down.
 */
public final class InMemoryAudioStore implements AudioStore {

  private final Map<String, byte[]> objects = new LinkedHashMap<>();
  private boolean down;

  public synchronized Map<String, byte[]> objects() {
    return Map.copyOf(objects);
  }

  /** From now on every put fails. */
  public void goDown() {
    down = true;
  }

  @Override
  public synchronized void put(String key, byte[] wav) {
    if (down) {
      throw Problem.unavailable("not stored", java.time.Duration.ofSeconds(2));
    }
    objects.put(key, wav.clone());
  }

  public synchronized Optional<byte[]> get(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  @Override
  public synchronized Optional<byte[]> read(String key, int maxBytes) {
    if (down) {
      throw Problem.unavailable("not read", java.time.Duration.ofSeconds(2));
    }
    return get(key).map(b -> java.util.Arrays.copyOf(b, Math.min(b.length, maxBytes + 1)));
  }
}
