package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.kafka.TraceHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches session events to the requests waiting for them, by command id. Each API instance reads
 * only its own partition of {@code rehearse.session-replies}: the commands it publishes name that
 * partition ({@code ReplyHeaders}), and the interview job writes their events there as well as to
 * {@code rehearse.session-events}. So an instance reads the events of its own commands and no
 * other, however many instances run.
 */
public final class KafkaReplyWaiter implements ReplyWaiter {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaReplyWaiter.class);

  private final ObjectMapper mapper;
  private final Consumer<SessionEvent> view;
  private final Tracer tracer;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  public KafkaReplyWaiter(ObjectMapper mapper) {
    this(mapper, event -> {}, OpenTelemetry.noop().getTracer("none"));
  }

  /**
   * A waiter that first hands every event it reads to {@code view} (for example the session
   * owners), so a reply goes out only once the view has seen the events it answers with.
   *
   * @param tracer where the span of taking a traced event goes: a child of the span that emitted it
   *     (its record's {@code traceparent}), so a reply ends the request's trace
   */
  public KafkaReplyWaiter(ObjectMapper mapper, Consumer<SessionEvent> view, Tracer tracer) {
    this.mapper = mapper;
    this.view = view;
    this.tracer = tracer;
  }

  @Override
  public CompletableFuture<List<SessionEvent>> expect(String commandId) {
    Pending p = new Pending();
    pending.put(commandId, p);
    p.future.whenComplete((events, error) -> pending.remove(commandId));
    return p.future;
  }

  @Override
  public void forget(String commandId) {
    Pending p = pending.remove(commandId);
    if (p != null) {
      p.future.cancel(false);
    }
  }

  /** Takes one record of {@code rehearse.session-replies} (the reader's handler). */
  public void onRecord(String topic, ConsumerRecord<String, byte[]> record) {
    Context parent = TraceHeaders.extract(record.headers());
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      take(record);
      return;
    }
    Span span =
        tracer
            .spanBuilder("process " + topic)
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", topic)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      take(record);
    } finally {
      span.end();
    }
  }

  private void take(ConsumerRecord<String, byte[]> record) {
    SessionEvent event;
    try {
      event = mapper.readValue(record.value(), SessionEvent.class);
    } catch (IOException e) {
      LOG.warn("skipping a malformed session event at offset {}", record.offset());
      return;
    }
    view.accept(event);
    Pending p = pending.get(event.commandId());
    if (p != null) {
      p.add(event);
    }
  }

  public int waiting() {
    return pending.size();
  }

  private static final class Pending {
    final CompletableFuture<List<SessionEvent>> future = new CompletableFuture<>();
    final List<SessionEvent> events = new ArrayList<>();

    synchronized void add(SessionEvent event) {
      if (events.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
        return; // redelivered
      }
      events.add(event);
      if (event.endsReply()) {
        future.complete(List.copyOf(events));
      }
    }
  }
}
