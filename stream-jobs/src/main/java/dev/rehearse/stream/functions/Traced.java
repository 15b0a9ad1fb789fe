package dev.rehearse.stream.functions;

import dev.rehearse.kafka.TraceHeaders;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * A record of the job with the trace it belongs to: the W3C {@code traceparent} of the span it
 * continues (its Kafka record's header on the way in, the interview's processing span on the way
 * out); empty when tracing is off, so an untraced record costs one empty field.
 */
public record Traced<T>(T value, Optional<String> traceparent) {

  public Traced {
    traceparent = traceparent == null ? Optional.empty() : traceparent;
  }

  public static <T> Traced<T> untraced(T value) {
    return new Traced<>(value, Optional.empty());
  }

  /** The context the record's spans are children of; the root context when untraced. */
  public Context context() {
    return TraceHeaders.context(traceparent);
  }
}
