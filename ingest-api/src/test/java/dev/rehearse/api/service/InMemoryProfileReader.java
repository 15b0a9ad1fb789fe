package dev.rehearse.api.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The profiles projection in memory; a test (or a bus listener) stores what it projected. */
public final class InMemoryProfileReader implements ProfileReader {

  private final Map<String, StoredProfile> profiles = new ConcurrentHashMap<>();

  public void put(String userId, StoredProfile profile) {
    profiles.put(userId, profile);
  }

  public void remove(String userId) {
    profiles.remove(userId);
  }

  @Override
  public Optional<StoredProfile> profile(String userId) {
    return Optional.ofNullable(profiles.get(userId));
  }
}
