package dev.rehearse.stream;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the stream jobs, read once at the entry point from {@code REHEARSE_*}
 * environment variables; every setting has a default that matches the local stack.
 *
 * @param kafkaBootstrap {@code REHEARSE_KAFKA_BOOTSTRAP}, default {@code 127.0.0.1:9092}
 * @param elasticsearchUrl {@code REHEARSE_ES_URL}, default {@code http://127.0.0.1:9200}
 * @param s3Endpoint {@code REHEARSE_S3_ENDPOINT}, default {@code http://127.0.0.1:9000}
 * @param s3AccessKey {@code REHEARSE_S3_ACCESS_KEY}
 * @param s3SecretKey {@code REHEARSE_S3_SECRET_KEY}
 * @param lakeBucket {@code REHEARSE_LAKE_BUCKET}, default {@code rehearse-lake}
 * @param checkpointDir {@code REHEARSE_CHECKPOINT_DIR}, a Flink file system URI
 * @param checkpointInterval {@code REHEARSE_CHECKPOINT_INTERVAL_MS}, default 10 s: lake files
 *     become visible at each checkpoint
 * @param idleTimeout {@code REHEARSE_SESSION_IDLE_TIMEOUT_MS}, default 2 h
 * @param restPort {@code REHEARSE_FLINK_REST_PORT}, default 8081 (local cluster only)
 */
public record StreamJobsConfig(
    String kafkaBootstrap,
    URI elasticsearchUrl,
    URI s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String lakeBucket,
    String checkpointDir,
    Duration checkpointInterval,
    Duration idleTimeout,
    int restPort)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static StreamJobsConfig fromEnv(Map<String, String> env) {
    return new StreamJobsConfig(
        env.getOrDefault("REHEARSE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
        URI.create(env.getOrDefault("REHEARSE_ES_URL", "http://127.0.0.1:9200")),
        URI.create(env.getOrDefault("REHEARSE_S3_ENDPOINT", "http://127.0.0.1:9000")),
        env.getOrDefault("REHEARSE_S3_ACCESS_KEY", "rehearse"),
        env.getOrDefault("REHEARSE_S3_SECRET_KEY", "rehearse-secret"),
        env.getOrDefault("REHEARSE_LAKE_BUCKET", "rehearse-lake"),
        env.getOrDefault("REHEARSE_CHECKPOINT_DIR", "file:///tmp/rehearse-checkpoints"),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("REHEARSE_CHECKPOINT_INTERVAL_MS", "10000"))),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("REHEARSE_SESSION_IDLE_TIMEOUT_MS", "7200000"))),
        Integer.parseInt(env.getOrDefault("REHEARSE_FLINK_REST_PORT", "8081")));
  }

  /** Where the bronze answers dataset lives, as a Flink file system path. */
  public String bronzeAnswersPath() {
    return "s3://" + lakeBucket + "/bronze/answers";
  }
}
