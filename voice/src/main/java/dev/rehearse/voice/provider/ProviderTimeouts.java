package dev.rehearse.voice.provider;

import java.time.Duration;
import java.util.Map;

/** A provider's request timeout from its {@code REHEARSE_*_TIMEOUT_MS} setting. */
public final class ProviderTimeouts {

  private ProviderTimeouts() {}

  /**
   * The timeout {@code variable} sets, in whole milliseconds from 1 to {@code maxMs}; {@code
   * defaultMs} when it is unset or blank.
   *
   * @throws IllegalArgumentException naming the variable, when its value is not such a number
   */
  public static Duration of(Map<String, String> env, String variable, long defaultMs, long maxMs) {
    String value = env.getOrDefault(variable, "").strip();
    if (value.isEmpty()) {
      return Duration.ofMillis(defaultMs);
    }
    long ms;
    try {
      ms = Long.parseLong(value);
    } catch (NumberFormatException e) {
      ms = -1;
    }
    if (ms < 1 || ms > maxMs) {
      throw new IllegalArgumentException(
          variable
              + " must be a whole number of milliseconds from 1 to "
              + maxMs
              + ", got '"
              + value
              + "'");
    }
    return Duration.ofMillis(ms);
  }
}
