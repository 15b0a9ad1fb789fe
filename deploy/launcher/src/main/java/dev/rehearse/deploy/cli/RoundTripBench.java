package dev.rehearse.deploy.cli;

import dev.rehearse.api.http.StartSessionFields;
import dev.rehearse.api.service.StartedFields;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Latency of the one-answer round trip through the running stack (API → Kafka → Flink → Kafka →
 * API), one request at a time, against a baseline measured in the same run: {@code GET /health} on
 * the same API, which is the HTTP and JSON cost without Kafka or Flink.
 */
final class RoundTripBench {

  /** Percentiles of one series, in milliseconds. */
  record Stats(double p50, double p90, double p99, double max) {
    static Stats of(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Stats(
          at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
  }

  private final List<ApiClient> candidates;
  private final PrintStream out;

  /** Sessions go round-robin to {@code candidates}, so no one candidate meets a rate limit. */
  RoundTripBench(List<ApiClient> candidates, PrintStream out) {
    this.candidates = List.copyOf(candidates);
    this.out = out;
  }

  void run(int answers, int warmup) throws Exception {
    long[] baseline = new long[answers];
    long[] roundTrips = new long[answers];
    int perSession = 20;
    String session = null;
    int asked = 0;
    int sessions = 0;
    ApiClient api = candidates.get(0);
    for (int i = -warmup; i < answers; i++) {
      if (session == null || asked == perSession) {
        api = candidates.get(sessions++ % candidates.size());
        ApiClient.Response started =
            api.post(
                "/ai-interview/sessions",
                Map.of(
                    StartSessionFields.TYPE,
                    "mixed",
                    StartSessionFields.ROLE,
                    "Engineer",
                    StartSessionFields.QUESTION_COUNT,
                    perSession));
        require(started.status() == 201, "start answered " + started.status());
        session = started.body().path(StartedFields.ID).asText();
        asked = 0;
      }
      long t0 = System.nanoTime();
      ApiClient.Response health = api.get("/health");
      long t1 = System.nanoTime();
      ApiClient.Response reply =
          api.post(
              "/ai-interview/sessions/" + session + "/message",
              Demo.timedAnswer(
                  "I split the work into small steps and measured each one before moving on"));
      long t2 = System.nanoTime();
      require(health.status() == 200, "health answered " + health.status());
      require(reply.status() == 200, "answer answered " + reply.status() + ": " + reply.body());
      asked++;
      if (asked == perSession) {
        session = null;
      }
      if (i >= 0) {
        baseline[i] = t1 - t0;
        roundTrips[i] = t2 - t1;
      }
    }
    Stats base = Stats.of(baseline);
    Stats trip = Stats.of(roundTrips);
    out.printf("answers measured: %d (after %d warm-up), one at a time%n", answers, warmup);
    out.printf("%-34s %8s %8s %8s %8s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms");
    print("baseline GET /health", base);
    print("answer round trip (metrics + next)", trip);
    out.printf(
        "ratio round trip / baseline: p50 %.1fx, p99 %.1fx%n",
        trip.p50() / base.p50(), trip.p99() / base.p99());
  }

  private void print(String name, Stats s) {
    out.printf("%-34s %8.1f %8.1f %8.1f %8.1f%n", name, s.p50(), s.p90(), s.p99(), s.max());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }
}
