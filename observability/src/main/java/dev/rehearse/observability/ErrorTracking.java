package dev.rehearse.observability;

import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Error reports to Sentry, when a DSN is set. {@link #start} is called once by each entry point
 * with the settings it read; without a DSN the SDK is never initialised and every {@code capture}
 * is a no-op. Every event passes {@link EventScrubber} on its way out.
 */
public final class ErrorTracking {

  /**
   * What an entry point read.
   *
   * @param dsn {@code REHEARSE_SENTRY_DSN}, else {@code SENTRY_DSN}; empty: no error tracking
   * @param environment {@code REHEARSE_SENTRY_ENVIRONMENT}, {@code local} by default
   * @param release this build's version
   * @param job the process: {@code api}, {@code stream-jobs}, {@code batch-runner}
   */
  public record Settings(Optional<String> dsn, String environment, String release, String job) {

    public static Settings fromEnv(Map<String, String> env, String job) {
      Optional<String> dsn =
          Optional.ofNullable(env.get("REHEARSE_SENTRY_DSN"))
              .filter(s -> !s.isBlank())
              .or(() -> Optional.ofNullable(env.get("SENTRY_DSN")).filter(s -> !s.isBlank()))
              .map(String::strip);
      String environment =
          Optional.ofNullable(env.get("REHEARSE_SENTRY_ENVIRONMENT"))
              .filter(s -> !s.isBlank())
              .map(String::strip)
              .orElse("local");
      return new Settings(dsn, environment, ErrorTracking.release(), job);
    }
  }

  private ErrorTracking() {}

  /**
   * Initialises the SDK when {@code settings} name a DSN; returns whether it did. The SDK reports
   * uncaught exceptions of every thread by itself.
   */
  public static synchronized boolean start(Settings settings) {
    if (settings.dsn().isEmpty()) {
      return false;
    }
    Sentry.init(
        options -> {
          options.setDsn(settings.dsn().get());
          options.setEnvironment(settings.environment());
          options.setRelease(settings.release());
          options.setTag(Tags.JOB, settings.job());
          options.setTag(Tags.RELEASE, settings.release());
          options.setSendDefaultPii(false);
          options.setMaxBreadcrumbs(0);
          // the SDK's own chatter would go to the service's log; only its errors are worth reading
          options.setDiagnosticLevel(SentryLevel.ERROR);
          options.setBeforeSend(new EventScrubber());
          options.setEnableExternalConfiguration(false);
        });
    return true;
  }

  /** Whether {@link #start} initialised the SDK (and it is not closed). */
  public static boolean enabled() {
    return Sentry.isEnabled();
  }

  /** Reports {@code error} with {@code tags} (keys of {@link Tags}); a no-op without a DSN. */
  public static void capture(Throwable error, Map<String, String> tags) {
    if (Sentry.isEnabled()) {
      Sentry.captureException(error, scope -> tags.forEach(scope::setTag));
    }
  }

  /** Reports a failure that has no exception; a no-op without a DSN. */
  public static void capture(String message, Map<String, String> tags) {
    if (Sentry.isEnabled()) {
      Sentry.captureMessage(message, SentryLevel.ERROR, scope -> tags.forEach(scope::setTag));
    }
  }

  /** Sends what is queued, waiting at most {@code millis}. */
  public static void flush(long millis) {
    if (Sentry.isEnabled()) {
      Sentry.flush(millis);
    }
  }

  /** Flushes and stops the SDK. */
  public static synchronized void stop() {
    Sentry.close();
  }

  /** This build's version, the release of every event. */
  public static String release() {
    try (InputStream in =
        ErrorTracking.class.getResourceAsStream("/dev/rehearse/observability/build.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
