package dev.rehearse.batch;

import java.net.URI;
import java.util.Map;

/**
 * Configuration of the batch jobs and their runner, read once at the entry point from {@code
 * REHEARSE_*} environment variables (defaults match the local stack).
 *
 * @param sparkMaster {@code REHEARSE_SPARK_MASTER}, default {@code local[2]}
 * @param driverPort {@code REHEARSE_SPARK_DRIVER_PORT}, default 7078
 * @param blockManagerPort {@code REHEARSE_SPARK_BLOCK_MANAGER_PORT}, default 7079
 */
public record BatchConfig(
    String kafkaBootstrap,
    URI elasticsearchUrl,
    URI s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String lakeBucket,
    String sparkMaster,
    int driverPort,
    int blockManagerPort) {

  public static BatchConfig fromEnv(Map<String, String> env) {
    return new BatchConfig(
        env.getOrDefault("REHEARSE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
        URI.create(env.getOrDefault("REHEARSE_ES_URL", "http://127.0.0.1:9200")),
        URI.create(env.getOrDefault("REHEARSE_S3_ENDPOINT", "http://127.0.0.1:9000")),
        env.getOrDefault("REHEARSE_S3_ACCESS_KEY", "rehearse"),
        env.getOrDefault("REHEARSE_S3_SECRET_KEY", "rehearse-secret"),
        env.getOrDefault("REHEARSE_LAKE_BUCKET", "rehearse-lake"),
        env.getOrDefault("REHEARSE_SPARK_MASTER", "local[2]"),
        Integer.parseInt(env.getOrDefault("REHEARSE_SPARK_DRIVER_PORT", "7078")),
        Integer.parseInt(env.getOrDefault("REHEARSE_SPARK_BLOCK_MANAGER_PORT", "7079")));
  }

  /** The lake as Spark's s3a file system sees it. */
  public String lakeUri(String dataset) {
    return "s3a://" + lakeBucket + "/" + dataset;
  }
}
