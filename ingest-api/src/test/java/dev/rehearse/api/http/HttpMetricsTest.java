package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

  @Test
  void aReadersCountKeepsFollowingItAfterTheGarbageCollectorRan() throws Exception {
    HttpMetrics metrics = new HttpMetrics();
    AtomicLong consumed = new AtomicLong();
    // a supplier nothing else holds, as a method reference passed at start is
    metrics.reader("replies", () -> consumed.get());
    consumed.set(3);
    assertThat(metrics.scrape())
        .contains("rehearse_api_records_consumed_total{reader=\"replies\"} 3.0");

    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    consumed.set(42);

    assertThat(metrics.scrape())
        .contains("rehearse_api_records_consumed_total{reader=\"replies\"} 42.0");
  }
}
