package dev.rehearse.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where the reply to a command goes, in its record's headers ({@code rehearse-reply-partition}):
 * the partition of {@code rehearse.session-replies} its publisher reads. The API instance that
 * publishes a command names its own partition; the interview job writes the command's events there
 * too, so the instance gets its replies without reading every session event. A record without the
 * header (or with one that is not a partition number) gets no reply record, only its events.
 */
public final class ReplyHeaders {

  /** The header naming the reply partition, as a decimal number. */
  public static final String REPLY_PARTITION = "rehearse-reply-partition";

  private ReplyHeaders() {}

  /** Names {@code partition} as where replies to the record go. */
  public static void inject(int partition, Headers headers) {
    if (partition < 0) {
      throw new IllegalArgumentException("a reply partition is not negative: " + partition);
    }
    headers.remove(REPLY_PARTITION);
    headers.add(REPLY_PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
  }

  /** The reply partition a record names; empty without one, or with a malformed one. */
  public static Optional<Integer> replyPartition(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(REPLY_PARTITION);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    try {
      int partition = Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
      return partition < 0 ? Optional.empty() : Optional.of(partition);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
