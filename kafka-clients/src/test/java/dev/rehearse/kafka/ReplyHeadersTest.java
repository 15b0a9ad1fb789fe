package dev.rehearse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplyHeadersTest {

  @Test
  void theReplyPartitionANamedRecordCarriesIsReadBack() {
    RecordHeaders headers = new RecordHeaders();

    ReplyHeaders.inject(3, headers);

    assertThat(ReplyHeaders.replyPartition(headers)).contains(3);
  }

  @Test
  void namingItAgainReplacesTheFormerPartition() {
    RecordHeaders headers = new RecordHeaders();

    ReplyHeaders.inject(3, headers);
    ReplyHeaders.inject(7, headers);

    assertThat(headers.headers(ReplyHeaders.REPLY_PARTITION)).hasSize(1);
    assertThat(ReplyHeaders.replyPartition(headers)).contains(7);
  }

  @Test
  void aRecordWithoutTheHeaderHasNoReplyPartition() {
    assertThat(ReplyHeaders.replyPartition(new RecordHeaders())).isEmpty();
    assertThat(ReplyHeaders.replyPartition(null)).isEmpty();
  }

  @Test
  void aMalformedOrNegativeHeaderIsNoReplyPartition() {
    for (String value : new String[] {"x", "", "-1", "1.5", "99999999999"}) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(ReplyHeaders.REPLY_PARTITION, value.getBytes(StandardCharsets.UTF_8));

      assertThat(ReplyHeaders.replyPartition(headers)).as(value).isEmpty();
    }
  }

  @Test
  void aNegativePartitionIsNotNamed() {
    assertThatThrownBy(() -> ReplyHeaders.inject(-1, new RecordHeaders()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
