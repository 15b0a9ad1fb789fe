package dev.rehearse.batch;

import dev.rehearse.batch.jobs.AnalyticsSettings;
import dev.rehearse.core.config.Connections;
import dev.rehearse.core.config.LlmSettings;
import java.util.List;
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
 * @param llm the LLM providers that write assessment feedback, in order (the interviewer's: {@code
 *     REHEARSE_GROQ_*}, {@code REHEARSE_OPENAI_*}); none means the offline assessor
 * @param feedbackBatch {@code REHEARSE_FEEDBACK_BATCH}, default 8: sessions per LLM request
 * @param feedbackPerMinute {@code REHEARSE_FEEDBACK_PER_MINUTE}, default 30: LLM requests a minute
 * @param driverHost {@code REHEARSE_SPARK_DRIVER_HOST}, default {@code 127.0.0.1}: the address
 *     executors reach the driver at (on Kubernetes, its headless Service); the driver listens on
 *     every interface when it is not the loopback address
 * @param analytics the salt and minimum group of the analytics indices ({@link AnalyticsSettings})
 * @param sparkJars {@code REHEARSE_SPARK_JARS}, default none: the jars a cluster's executors load
 *     (the batch jobs' shaded jar), comma-separated; a local session needs none
 * @param executorMemoryMb {@code REHEARSE_SPARK_EXECUTOR_MEMORY_MB}, default 768: each executor's
 *     heap on a cluster
 */
public record BatchConfig(
    Connections connections,
    String sparkMaster,
    int driverPort,
    int blockManagerPort,
    int minGroup,
    List<LlmSettings> llm,
    int feedbackBatch,
    int feedbackPerMinute,
    String driverHost,
    AnalyticsSettings analytics,
    String sparkJars,
    int executorMemoryMb) {

  public static final int DEFAULT_MIN_GROUP = 5;

  public static final int DEFAULT_EXECUTOR_MEMORY_MB = 768;

  public BatchConfig {
    llm = List.copyOf(llm);
    if (feedbackBatch < 1 || feedbackPerMinute < 1) {
      throw new IllegalArgumentException("feedback batches and rate must be positive");
    }
  }

  /** The default driver host: the loopback address of one machine. */
  public static final String LOCAL_DRIVER_HOST = "127.0.0.1";

  /**
   * The driver on the loopback address; no analytics salt, so the analytics indices are not
   * written.
   */
  public BatchConfig(
      Connections connections,
      String sparkMaster,
      int driverPort,
      int blockManagerPort,
      int minGroup,
      List<LlmSettings> llm,
      int feedbackBatch,
      int feedbackPerMinute) {
    this(
        connections,
        sparkMaster,
        driverPort,
        blockManagerPort,
        minGroup,
        llm,
        feedbackBatch,
        feedbackPerMinute,
        LOCAL_DRIVER_HOST,
        AnalyticsSettings.none(),
        "",
        DEFAULT_EXECUTOR_MEMORY_MB);
  }

  /** Offline feedback, the default minimum group. */
  public BatchConfig(
      Connections connections, String sparkMaster, int driverPort, int blockManagerPort) {
    this(
        connections,
        sparkMaster,
        driverPort,
        blockManagerPort,
        DEFAULT_MIN_GROUP,
        List.of(),
        8,
        30);
  }

  public static BatchConfig fromEnv(Map<String, String> env) {
    return new BatchConfig(
        Connections.fromEnv(env),
        env.getOrDefault("REHEARSE_SPARK_MASTER", "local[2]"),
        Integer.parseInt(env.getOrDefault("REHEARSE_SPARK_DRIVER_PORT", "7078")),
        Integer.parseInt(env.getOrDefault("REHEARSE_SPARK_BLOCK_MANAGER_PORT", "7079")),
        Integer.parseInt(
            env.getOrDefault("REHEARSE_BENCHMARK_MIN_GROUP", String.valueOf(DEFAULT_MIN_GROUP))),
        LlmSettings.fromEnv(env),
        Integer.parseInt(env.getOrDefault("REHEARSE_FEEDBACK_BATCH", "8")),
        Integer.parseInt(env.getOrDefault("REHEARSE_FEEDBACK_PER_MINUTE", "30")),
        env.getOrDefault("REHEARSE_SPARK_DRIVER_HOST", LOCAL_DRIVER_HOST),
        AnalyticsSettings.fromEnv(env),
        env.getOrDefault("REHEARSE_SPARK_JARS", ""),
        Integer.parseInt(
            env.getOrDefault(
                "REHEARSE_SPARK_EXECUTOR_MEMORY_MB", String.valueOf(DEFAULT_EXECUTOR_MEMORY_MB))));
  }

  /** Where the driver listens: the loopback address on one machine, every interface elsewhere. */
  public String driverBindAddress() {
    return driverHost.equals(LOCAL_DRIVER_HOST) ? LOCAL_DRIVER_HOST : "0.0.0.0";
  }

  /** The lake as Spark's s3a file system sees it. */
  public String lakeUri(String dataset) {
    return "s3a://" + connections.lakeBucket() + "/" + dataset;
  }
}
