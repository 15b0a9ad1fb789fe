package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import dev.rehearse.kafka.ReplyHeaders;
import dev.rehearse.kafka.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command bus on Kafka: an idempotent producer with {@code acks=all}. Each send is a producer
 * span, a child of the current one (the request's), and the record carries it in its {@code
 * traceparent} header, so the consumers continue the request's trace. Each record also names this
 * instance's reply partition ({@link ReplyHeaders}): the interview job writes the events of a
 * command there, where this instance waits for them.
 *
 * <p>While the broker is away ({@link BrokerGate}), requests are refused at once but one at a time,
 * which waits on the broker to find out when it is back.
 */
public final class KafkaCommandBus implements CommandBus, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaCommandBus.class);

  /**
   * How long a request waits for the broker's acknowledgement: a little longer than the producer
   * tries, so the producer has failed a record before the request is answered 503 for it.
   */
  private static final Duration ACK_TIMEOUT = KafkaSettings.REQUEST_DELIVERY_TIMEOUT.plusSeconds(1);

  /** When a client may try again after the broker could not take a record. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final Producer<String, byte[]> producer;
  private final Duration ackTimeout;
  private final ObjectMapper mapper;
  private final Tracer tracer;
  private final int replyPartition;
  private final BrokerGate gate = new BrokerGate();

  /**
   * @param replyPartition the partition of {@code rehearse.session-replies} this instance reads
   */
  public KafkaCommandBus(String bootstrap, ObjectMapper mapper, Tracer tracer, int replyPartition) {
    this(
        KafkaClients.rawProducer(KafkaSettings.requestProducer(bootstrap)),
        mapper,
        tracer,
        replyPartition);
  }

  public KafkaCommandBus(
      Producer<String, byte[]> producer, ObjectMapper mapper, Tracer tracer, int replyPartition) {
    this(producer, mapper, tracer, replyPartition, ACK_TIMEOUT);
  }

  KafkaCommandBus(
      Producer<String, byte[]> producer,
      ObjectMapper mapper,
      Tracer tracer,
      int replyPartition,
      Duration ackTimeout) {
    this.ackTimeout = ackTimeout;
    this.producer = producer;
    this.mapper = mapper;
    this.tracer = tracer;
    this.replyPartition = replyPartition;
  }

  @Override
  public <V> Acknowledged publish(Topic<V> topic, String key, V value) {
    return send(topic, key, Json.toBytes(mapper, value));
  }

  @Override
  public <V> Acknowledged erase(Topic<V> topic, String key) {
    if (!topic.compacted()) {
      throw new IllegalArgumentException(topic.name() + " is not compacted");
    }
    return send(topic, key, null);
  }

  private Acknowledged send(Topic<?> topic, String key, byte[] value) {
    Span span =
        tracer
            .spanBuilder("send " + topic.name())
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "send")
            .setAttribute("messaging.destination.name", topic.name())
            .startSpan();
    BrokerGate.Pass pass = gate.enter();
    try {
      if (pass == BrokerGate.Pass.REFUSE) {
        span.setStatus(StatusCode.ERROR, "broker away");
        throw unavailable();
      }
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), key, value);
      TraceHeaders.inject(Context.current().with(span), record.headers());
      ReplyHeaders.inject(replyPartition, record.headers());
      RecordMetadata at = producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (gate.delivered()) {
        LOG.info("the broker takes records again; requests are no longer refused");
      }
      span.setAttribute("messaging.destination.partition.id", String.valueOf(at.partition()));
      span.setAttribute("messaging.kafka.offset", at.offset());
      return new Acknowledged(at.topic(), at.partition(), at.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      span.setStatus(StatusCode.ERROR, "interrupted");
      throw unavailable();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable failure = e instanceof ExecutionException ? e.getCause() : e;
      if (unreachable(failure)) {
        if (gate.unreachable()) {
          LOG.error(
              "publishing to {} failed: {}; the broker is taken to be away, and requests are"
                  + " refused (503) until a probe's record is delivered",
              topic.name(),
              failure.toString());
        }
      } else {
        LOG.error("publishing to {} failed: {}", topic.name(), failure.toString());
      }
      span.setStatus(StatusCode.ERROR, failure.toString());
      throw unavailable();
    } finally {
      gate.leave(pass);
      span.end();
    }
  }

  /**
   * Whether a send failed because the broker could not be reached in time (its delivery or metadata
   * wait ran out, a connection dropped), as opposed to a fault of the record itself.
   */
  private static boolean unreachable(Throwable failure) {
    return failure instanceof TimeoutException || failure instanceof RetriableException;
  }

  /** 503 with {@code Retry-After}: the broker is away for now, the client may send it again. */
  private static Problem unavailable() {
    return Problem.unavailable(
        "the request could not be stored; nothing was accepted, try again", RETRY_AFTER);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
