package dev.rehearse.stream.functions;

import dev.rehearse.core.events.SessionEvent;
import org.apache.flink.util.Collector;

/**
 * An event on its way to one of the interview's Kafka topics. Every event goes to the events topic,
 * and an event whose command named a reply partition goes to the replies topic too. One sink (one
 * producer) takes both copies, so an answer's records go to the broker together.
 *
 * @param reply whether this copy goes to the replies topic (else to the events topic)
 */
public record Outbound(Traced<SessionEvent> event, boolean reply) {

  /**
   * The copies of {@code event} to send, in this order: to the events topic, then to the replies
   * topic when its command named a reply partition.
   */
  public static void route(Traced<SessionEvent> event, Collector<Outbound> out) {
    out.collect(new Outbound(event, false));
    if (event.replyPartition().isPresent()) {
      out.collect(new Outbound(event, true));
    }
  }
}
