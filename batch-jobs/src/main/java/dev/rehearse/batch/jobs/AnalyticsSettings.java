package dev.rehearse.batch.jobs;

import dev.rehearse.batch.transforms.AnalyticsRows;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the pseudonymised analytics indices, read once at the entry point.
 *
 * @param salt {@code REHEARSE_ANALYTICS_SALT}: the secret the pseudonyms are HMACs under; without
 *     it the analytics indices are not written. Keep it: a new salt unlinks every pseudonym from
 *     the old ones. Never printed.
 * @param minGroup {@code REHEARSE_ANALYTICS_MIN_GROUP}, default 5: smaller groups are bucketed or
 *     left out (the same setting as the API's {@code /analytics} endpoints)
 */
public record AnalyticsSettings(Optional<String> salt, int minGroup) implements Serializable {

  /** The setting of the salt. */
  public static final String SALT_SETTING = "REHEARSE_ANALYTICS_SALT";

  public AnalyticsSettings {
    salt = salt.filter(s -> !s.isBlank());
    if (minGroup < 1) {
      throw new IllegalArgumentException(AnalyticsRows.MIN_GROUP_SETTING + " must be at least 1");
    }
  }

  /** No salt: the analytics indices are not written. */
  public static AnalyticsSettings none() {
    return new AnalyticsSettings(Optional.empty(), AnalyticsRows.DEFAULT_MIN_GROUP);
  }

  public static AnalyticsSettings fromEnv(Map<String, String> env) {
    return new AnalyticsSettings(
        Optional.ofNullable(env.get(SALT_SETTING)),
        Integer.parseInt(
            env.getOrDefault(
                AnalyticsRows.MIN_GROUP_SETTING, String.valueOf(AnalyticsRows.DEFAULT_MIN_GROUP))));
  }

  /** The salt, or why the analytics indices cannot be written. */
  public String requireSalt() {
    return salt.orElseThrow(
        () ->
            new IllegalStateException(
                SALT_SETTING
                    + " is not set: the analytics indices need a secret salt for their"
                    + " pseudonyms (./rehearse up keeps one in its data directory)"));
  }

  /** Never print the salt. */
  @Override
  public String toString() {
    return "AnalyticsSettings[salt="
        + (salt.isPresent() ? "(set)" : "(unset)")
        + ", minGroup="
        + minGroup
        + "]";
  }
}
