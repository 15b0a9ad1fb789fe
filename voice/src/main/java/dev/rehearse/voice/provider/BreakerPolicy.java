package dev.rehearse.voice.provider;

import java.time.Duration;

/**
 * When a provider's circuit breaker opens: {@code failureRatePercent} of its last {@code window}
 * calls (at least {@code minimumCalls} of them) failed. It then stays open for {@code openFor}, and
 * lets one trial call through.
 */
public record BreakerPolicy(
    int window, int minimumCalls, float failureRatePercent, Duration openFor) {

  /** Half of the last 10 calls, 3 at least, failed: the provider is skipped for a minute. */
  public static final BreakerPolicy DEFAULT = new BreakerPolicy(10, 3, 50, Duration.ofMinutes(1));
}
