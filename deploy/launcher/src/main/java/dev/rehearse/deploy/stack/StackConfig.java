package dev.rehearse.deploy.stack;

import dev.rehearse.core.config.Connections;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the local stack lives and which ports it takes. Read once from {@code REHEARSE_*}
 * environment variables; every value has a default.
 *
 * @param home the Rehearse checkout whose built artifacts are started ({@code REHEARSE_HOME})
 * @param dataDir service data ({@code REHEARSE_DATA_DIR}, default {@code .rehearse/data})
 * @param logDir one log file per service ({@code REHEARSE_LOG_DIR}, default {@code .rehearse/logs})
 * @param passthrough every {@code REHEARSE_*} and {@code OTEL_*} variable given to the launcher,
 *     passed on to the services
 * @param esUser the unprivileged user Elasticsearch runs as when the launcher is root ({@code
 *     REHEARSE_ES_USER}, default {@code nobody})
 * @param engines how Flink and Spark run ({@code REHEARSE_ENGINES}, default {@code embedded})
 * @param flinkTaskManagers the TaskManager processes of the standalone Flink cluster ({@code
 *     REHEARSE_FLINK_TASKMANAGERS}, default 2)
 */
public record StackConfig(
    Path home,
    Path dataDir,
    Path logDir,
    Ports ports,
    Heaps heaps,
    String esUser,
    String s3AccessKey,
    String s3SecretKey,
    String lakeBucket,
    long checkpointIntervalMs,
    Map<String, String> passthrough,
    Engines engines,
    int flinkTaskManagers) {

  public StackConfig {
    passthrough = Map.copyOf(passthrough);
  }

  /** How the stack runs Flink and Spark. */
  public enum Engines {
    /**
     * The interview job in a local Flink cluster inside its own JVM, the batch runner on Spark
     * {@code local[2]}.
     */
    EMBEDDED,
    /**
     * Real clusters as separate processes: a Flink session cluster (a JobManager and TaskManagers)
     * the interview job is submitted to as its jar, and a Spark standalone master and worker the
     * batch runner's session connects to.
     */
    STANDALONE;

    static Engines parse(String value) {
      for (Engines engines : values()) {
        if (engines.name().equalsIgnoreCase(value.strip())) {
          return engines;
        }
      }
      throw new IllegalArgumentException(
          "REHEARSE_ENGINES must be embedded or standalone, not " + value);
    }
  }

  /** Every port of the stack, each with the variable that changes it. */
  public record Ports(
      int kafka,
      int kafkaController,
      int elasticsearch,
      int elasticsearchTransport,
      int s3,
      int api,
      int flinkRest,
      int flinkRpc,
      int sparkDriver,
      int sparkBlockManager,
      int sparkMaster,
      int sparkMasterUi) {

    /** Port → the setting that changes it, in start order, of the ports the stack takes. */
    public Map<Integer, String> settings(Engines engines) {
      Map<Integer, String> m = new LinkedHashMap<>();
      m.put(kafka, "REHEARSE_KAFKA_PORT (Kafka)");
      m.put(kafkaController, "REHEARSE_KAFKA_CONTROLLER_PORT (Kafka controller)");
      m.put(elasticsearch, "REHEARSE_ES_PORT (Elasticsearch HTTP)");
      m.put(elasticsearchTransport, "REHEARSE_ES_TRANSPORT_PORT (Elasticsearch transport)");
      m.put(s3, "REHEARSE_S3_PORT (S3 store)");
      m.put(api, "REHEARSE_API_PORT (API)");
      m.put(flinkRest, "REHEARSE_FLINK_REST_PORT (Flink REST)");
      m.put(sparkDriver, "REHEARSE_SPARK_DRIVER_PORT (Spark driver)");
      m.put(sparkBlockManager, "REHEARSE_SPARK_BLOCK_MANAGER_PORT (Spark block manager)");
      if (engines == Engines.STANDALONE) {
        m.put(flinkRpc, "REHEARSE_FLINK_RPC_PORT (Flink JobManager RPC)");
        m.put(sparkMaster, "REHEARSE_SPARK_MASTER_PORT (Spark master)");
        m.put(sparkMasterUi, "REHEARSE_SPARK_MASTER_UI_PORT (Spark master web UI)");
      }
      return m;
    }
  }

  /**
   * Maximum heap of each service, in megabytes; the standalone clusters' processes have their own.
   *
   * @param flink the local Flink cluster's JVM (embedded engines)
   * @param spark the batch runner, Spark's driver (or all of Spark, embedded)
   * @param flinkJobManager the standalone Flink JobManager
   * @param flinkTaskManager each standalone Flink TaskManager (framework and task heap)
   * @param sparkDaemon the standalone Spark master and worker, each
   * @param sparkExecutor the executor the Spark worker starts for the batch runner
   */
  public record Heaps(
      int kafka,
      int elasticsearch,
      int s3,
      int api,
      int flink,
      int spark,
      int flinkJobManager,
      int flinkTaskManager,
      int sparkDaemon,
      int sparkExecutor) {}

  public static StackConfig fromEnv(Map<String, String> env, Path defaultHome) {
    Path home = Path.of(env.getOrDefault("REHEARSE_HOME", defaultHome.toString())).toAbsolutePath();
    Path state = home.resolve(".rehearse");
    return new StackConfig(
        home,
        Path.of(env.getOrDefault("REHEARSE_DATA_DIR", state.resolve("data").toString()))
            .toAbsolutePath(),
        Path.of(env.getOrDefault("REHEARSE_LOG_DIR", state.resolve("logs").toString()))
            .toAbsolutePath(),
        new Ports(
            port(env, "REHEARSE_KAFKA_PORT", 9092),
            port(env, "REHEARSE_KAFKA_CONTROLLER_PORT", 9093),
            port(env, "REHEARSE_ES_PORT", 9200),
            port(env, "REHEARSE_ES_TRANSPORT_PORT", 9300),
            port(env, "REHEARSE_S3_PORT", 9000),
            port(env, "REHEARSE_API_PORT", 8080),
            port(env, "REHEARSE_FLINK_REST_PORT", 8081),
            port(env, "REHEARSE_FLINK_RPC_PORT", 6123),
            port(env, "REHEARSE_SPARK_DRIVER_PORT", 7078),
            port(env, "REHEARSE_SPARK_BLOCK_MANAGER_PORT", 7079),
            port(env, "REHEARSE_SPARK_MASTER_PORT", 7077),
            port(env, "REHEARSE_SPARK_MASTER_UI_PORT", 8090)),
        new Heaps(
            mb(env, "REHEARSE_KAFKA_HEAP_MB", 512),
            mb(env, "REHEARSE_ES_HEAP_MB", 512),
            mb(env, "REHEARSE_S3_HEAP_MB", 256),
            mb(env, "REHEARSE_API_HEAP_MB", 384),
            mb(env, "REHEARSE_FLINK_HEAP_MB", 1024),
            mb(env, "REHEARSE_SPARK_HEAP_MB", 1024),
            mb(env, "REHEARSE_FLINK_JOBMANAGER_HEAP_MB", 256),
            mb(env, "REHEARSE_FLINK_TASKMANAGER_HEAP_MB", 384),
            mb(env, "REHEARSE_SPARK_DAEMON_HEAP_MB", 192),
            mb(env, "REHEARSE_SPARK_EXECUTOR_HEAP_MB", 768)),
        env.getOrDefault("REHEARSE_ES_USER", "nobody"),
        env.getOrDefault("REHEARSE_S3_ACCESS_KEY", "rehearse"),
        env.getOrDefault("REHEARSE_S3_SECRET_KEY", "rehearse-secret"),
        env.getOrDefault("REHEARSE_LAKE_BUCKET", "rehearse-lake"),
        Long.parseLong(env.getOrDefault("REHEARSE_CHECKPOINT_INTERVAL_MS", "10000")),
        env.entrySet().stream()
            .filter(e -> e.getKey().startsWith("REHEARSE_") || e.getKey().startsWith("OTEL_"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
        Engines.parse(env.getOrDefault("REHEARSE_ENGINES", "embedded")),
        count(env, "REHEARSE_FLINK_TASKMANAGERS", 2));
  }

  private static int count(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    try {
      int n = value == null ? fallback : Integer.parseInt(value.strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number of at least 1, not " + value);
    }
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number (1-65535), not " + value);
    }
  }

  private static int mb(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number of megabytes, not " + value);
    }
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + ports.kafka();
  }

  public String elasticsearchUrl() {
    return "http://127.0.0.1:" + ports.elasticsearch();
  }

  public String s3Endpoint() {
    return "http://127.0.0.1:" + ports.s3();
  }

  public String flinkRestUrl() {
    return "http://127.0.0.1:" + ports.flinkRest();
  }

  /** The standalone Spark master, as its clients name it. */
  public String sparkMasterUrl() {
    return "spark://127.0.0.1:" + ports.sparkMaster();
  }

  public String sparkMasterUiUrl() {
    return "http://127.0.0.1:" + ports.sparkMasterUi();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + ports.api();
  }

  /** The stores of this stack, as every service is told them. */
  public Connections connections() {
    return new Connections(
        kafkaBootstrap(),
        URI.create(elasticsearchUrl()),
        URI.create(s3Endpoint()),
        s3AccessKey,
        s3SecretKey,
        lakeBucket);
  }

  /** The environment every Rehearse service of this stack is started with. */
  public Map<String, String> serviceEnv(String jwtSecret) {
    // every REHEARSE_* and OTEL_* setting the launcher was given reaches the services (rate
    // limits, CORS, tracing…);
    // what the stack decides (ports, stores, the secret) overrides it
    Map<String, String> env = new LinkedHashMap<>(passthrough);
    env.putAll(connections().toEnv());
    env.put("REHEARSE_API_PORT", String.valueOf(ports.api()));
    env.put("REHEARSE_FLINK_REST_PORT", String.valueOf(ports.flinkRest()));
    env.put("REHEARSE_SPARK_DRIVER_PORT", String.valueOf(ports.sparkDriver()));
    env.put("REHEARSE_SPARK_BLOCK_MANAGER_PORT", String.valueOf(ports.sparkBlockManager()));
    env.put("REHEARSE_CHECKPOINT_DIR", dataDir.resolve("flink/checkpoints").toUri().toString());
    env.put("REHEARSE_CHECKPOINT_INTERVAL_MS", String.valueOf(checkpointIntervalMs));
    env.put("REHEARSE_JWT_SECRET", jwtSecret);
    return env;
  }
}
