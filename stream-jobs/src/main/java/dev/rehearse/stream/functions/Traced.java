package dev.rehearse.stream.functions;

import dev.rehearse.kafka.TraceHeaders;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * A record of the job with the trace it belongs to: the W3C {@code traceparent} of the span it
 * continues (its Kafka record's header on the way in, the interview's processing span on the way
 * out); empty when tracing is off, so an untraced record costs one empty field. A command also
 * carries the partition of {@code rehearse.session-replies} its publisher reads ({@code
 * dev.rehearse.kafka.ReplyHeaders}), and so do the events it causes: they are written there too.
 */
public record Traced<T>(T value, Optional<String> traceparent, Optional<Integer> replyPartition) {

  public Traced {
    traceparent = traceparent == null ? Optional.empty() : traceparent;
    replyPartition = replyPartition == null ? Optional.empty() : replyPartition;
  }

  /** A record in a trace that nobody waits for a reply to. */
  public Traced(T value, Optional<String> traceparent) {
    this(value, traceparent, Optional.empty());
  }

  public static <T> Traced<T> untraced(T value) {
    return new Traced<>(value, Optional.empty());
  }

  /** The context the record's spans are children of; the root context when untraced. */
  public Context context() {
    return TraceHeaders.context(traceparent);
  }
}
