package dev.rehearse.batch;

import dev.rehearse.core.config.Connections;
import java.util.Map;

/**
 * Configuration of the batch jobs and their runner, read once at the entry point from {@code
 * REHEARSE_*} environment variables (defaults match the local stack).
 *
 * @param connections Kafka, Elasticsearch and the lake ({@link Connections})
 * @param sparkMaster {@code REHEARSE_SPARK_MASTER}, default {@code local[2]}
 * @param driverPort {@code REHEARSE_SPARK_DRIVER_PORT}, default 7078
 * @param blockManagerPort {@code REHEARSE_SPARK_BLOCK_MANAGER_PORT}, default 7079
 * @param minGroup {@code REHEARSE_BENCHMARK_MIN_GROUP}, default 5: benchmarks of groups with fewer
 *     candidates are not published
 */
public record BatchConfig(
    Connections connections,
    String sparkMaster,
    int driverPort,
    int blockManagerPort,
    int minGroup) {

  public static final int DEFAULT_MIN_GROUP = 5;

  public BatchConfig(
      Connections connections, String sparkMaster, int driverPort, int blockManagerPort) {
    this(connections, sparkMaster, driverPort, blockManagerPort, DEFAULT_MIN_GROUP);
  }

  public static BatchConfig fromEnv(Map<String, String> env) {
    return new BatchConfig(
        Connections.fromEnv(env),
        env.getOrDefault("REHEARSE_SPARK_MASTER", "local[2]"),
        Integer.parseInt(env.getOrDefault("REHEARSE_SPARK_DRIVER_PORT", "7078")),
        Integer.parseInt(env.getOrDefault("REHEARSE_SPARK_BLOCK_MANAGER_PORT", "7079")),
        Integer.parseInt(
            env.getOrDefault("REHEARSE_BENCHMARK_MIN_GROUP", String.valueOf(DEFAULT_MIN_GROUP))));
  }

  /** The lake as Spark's s3a file system sees it. */
  public String lakeUri(String dataset) {
    return "s3a://" + connections.lakeBucket() + "/" + dataset;
  }
}
