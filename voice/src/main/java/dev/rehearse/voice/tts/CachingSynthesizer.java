package dev.rehearse.voice.tts;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Speaks through {@code delegate} what {@code cache} does not hold yet, and keeps it. Concurrent
 * calls for the same text and voice wait for one synthesis instead of each paying for their own.
 * The speech keeps the name of the provider that made it.
 */
public final class CachingSynthesizer implements SpeechSynthesizer {

  private final SpeechSynthesizer delegate;
  private final SpeechCache cache;
  private final ConcurrentHashMap<String, CompletableFuture<Speech>> inFlight =
      new ConcurrentHashMap<>();

  public CachingSynthesizer(SpeechSynthesizer delegate, SpeechCache cache) {
    this.delegate = delegate;
    this.cache = cache;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Speech speak(String text, Voice voice) {
    SpeechSynthesizer.checkText(text);
    String key = SpeechCache.key(text, voice);
    Optional<Speech> cached = cache.get(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    CompletableFuture<Speech> mine = new CompletableFuture<>();
    CompletableFuture<Speech> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      Speech speech = cache.get(key).orElseGet(() -> delegate.speak(text, voice));
      cache.put(key, speech);
      mine.complete(speech);
      return speech;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }
}
