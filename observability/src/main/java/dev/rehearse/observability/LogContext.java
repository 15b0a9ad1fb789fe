package dev.rehearse.observability;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The request and session a thread works for, in the MDC of its log lines. The MDC is per thread:
 * whoever sets it clears it when the work ends, so the next piece of work on the thread starts
 * without it.
 */
public final class LogContext implements AutoCloseable {

  private final String[] keys;
  private final String[] previous;

  private LogContext(String[] keys, String[] values) {
    this.keys = keys;
    this.previous = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      previous[i] = MDC.get(keys[i]);
      if (values[i] == null) {
        MDC.remove(keys[i]);
      } else {
        MDC.put(keys[i], values[i]);
      }
    }
  }

  /** Puts the session into the MDC until {@link #close()}, which restores what was there. */
  public static LogContext session(String sessionId) {
    return new LogContext(new String[] {Tags.SESSION_ID}, new String[] {sessionId});
  }

  /** Puts the session, when there is one, into the MDC until {@link #close()}. */
  public static LogContext session(Optional<String> sessionId) {
    return session(sessionId.orElse(null));
  }

  /**
   * Puts the span's trace and span ids into the MDC until {@link #close()}, for the log layouts
   * that read the MDC only (Log4j's, in the batch runner); nothing for an invalid (no-op) span.
   */
  public static LogContext span(SpanContext span) {
    return span.isValid()
        ? new LogContext(
            new String[] {Tags.TRACE_ID, Tags.SPAN_ID},
            new String[] {span.getTraceId(), span.getSpanId()})
        : new LogContext(new String[0], new String[0]);
  }

  @Override
  public void close() {
    for (int i = 0; i < keys.length; i++) {
      if (previous[i] == null) {
        MDC.remove(keys[i]);
      } else {
        MDC.put(keys[i], previous[i]);
      }
    }
  }
}
