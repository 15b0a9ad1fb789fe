package dev.rehearse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.config.Connections;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import dev.rehearse.search.ProfileChunks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Prepares the reindex benchmark on the running stack ({@code bench/reindex.sh} then runs the
 * reindexes): {@code PROFILES} synthetic profiles are written to the profiles topic (as the API
 * writes them) and indexed by the live job; then the baseline is measured: embedding the same
 * chunks in this process on two threads, what a reindex costs when every chunk is embedded again.
 *
 * <p>{@code java -cp … dev.rehearse.bench.ReindexBench [PROFILES]} with the stack's {@code
 * REHEARSE_*} connection settings in the environment (the defaults are the local stack's).
 */
public final class ReindexBench {

  private static final ObjectMapper MAPPER = Json.newMapper();

  private ReindexBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Connections connections = Connections.fromEnv(System.getenv());
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<Profile> profiles = BatchBench.syntheticProfiles(count);
    List<String> chunks = new ArrayList<>();
    try (KafkaProducer<String, ProfileRecord> producer =
        KafkaClients.producer(
            KafkaSettings.producer(connections.kafkaBootstrap()), Topics.PROFILES)) {
      for (int i = 0; i < profiles.size(); i++) {
        String user = "reindex-bench-" + run + "-" + i;
        Profile profile = profiles.get(i);
        ProfileChunks.of(profile).forEach(c -> chunks.add(c.text()));
        ProfileRecord record =
            new ProfileRecord(
                ProfileRecord.SCHEMA_VERSION,
                user,
                UUID.randomUUID().toString(),
                profile,
                Instant.now());
        producer.send(new ProducerRecord<>(Topics.PROFILES.name(), user, record));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%,d profiles (%,d chunks) written; waiting for the live job to index them%n",
        count,
        chunks.size());
    long waitStart = System.nanoTime();
    while (chunksOf(connections, run) < chunks.size()) {
      if (System.nanoTime() - waitStart > Duration.ofMinutes(30).toNanos()) {
        throw new IllegalStateException("the live job did not index the profiles in 30 min");
      }
      Thread.sleep(2_000);
    }

    double baseline = BatchBench.embedOnTwoThreads(chunks);
    System.out.printf(
        Locale.ROOT,
        "baseline: %,d chunks embedded in this process on two threads in %.1f s%n",
        chunks.size(),
        baseline);
    System.out.printf(Locale.ROOT, "baseline-chunks-per-second %.1f%n", chunks.size() / baseline);
  }

  /** How many chunks of this run's users the {@code profile-chunks} alias holds. */
  private static long chunksOf(Connections connections, String run) throws Exception {
    String query = "{\"query\":{\"prefix\":{\"userId\":\"reindex-bench-" + run + "-\"}}}";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(connections.elasticsearchUrl() + "/profile-chunks/_count"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode body = MAPPER.readTree(response.body());
    return body.path("count").asLong();
  }
}
