package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone Spark cluster as separate JVMs: a {@code Master} and a {@code Worker}, with Spark's
 * own jars only; the worker starts the batch runner's executor, which loads the batch jobs' shaded
 * jar from the driver ({@code spark.jars}).
 */
final class SparkCluster {

  static final String MASTER = "spark-master";
  static final String WORKER = "spark-worker";

  /** Cores the worker offers: the executor's task threads. */
  static final int WORKER_CORES = 2;

  private SparkCluster() {}

  /**
   * The {@code SPARK_HOME} the worker builds its executors' command from: a {@code RELEASE} file (a
   * distribution's marker) and {@code jars/}, Spark's own jars.
   */
  static Path home(StackConfig config, Artifacts artifacts) throws IOException {
    Path home = Configs.dir(config.dataDir().resolve("spark/home"));
    Configs.write(home.resolve("RELEASE"), "Spark (the Rehearse launcher's jars)\n");
    Path jars = home.resolve("jars");
    if (Files.isSymbolicLink(jars) || Files.exists(jars)) {
      Files.delete(jars);
    }
    Files.createSymbolicLink(jars, artifacts.sparkClusterLib());
    return home;
  }

  static ServiceSpec master(StackConfig config, Artifacts artifacts, Path home) throws IOException {
    return process(
        config,
        artifacts,
        home,
        MASTER,
        "org.apache.spark.deploy.master.Master",
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(config.ports().sparkMaster()),
            "--webui-port",
            String.valueOf(config.ports().sparkMasterUi())));
  }

  /** The worker: its memory is the executor's heap; its own web UI on a free port. */
  static ServiceSpec worker(StackConfig config, Artifacts artifacts, Path home) throws IOException {
    return process(
        config,
        artifacts,
        home,
        WORKER,
        "org.apache.spark.deploy.worker.Worker",
        List.of(
            "--host",
            "127.0.0.1",
            "--cores",
            String.valueOf(WORKER_CORES),
            "--memory",
            config.heaps().sparkExecutor() + "m",
            "--webui-port",
            "0",
            "--work-dir",
            Configs.dir(config.dataDir().resolve("spark/work")).toString(),
            config.sparkMasterUrl()));
  }

  /** What the batch runner is told to run its session on the cluster. */
  static Map<String, String> driverEnv(StackConfig config, Artifacts artifacts) {
    return Map.of(
        "REHEARSE_SPARK_MASTER", config.sparkMasterUrl(),
        "REHEARSE_SPARK_JARS", artifacts.batchJobsJar().toString(),
        "REHEARSE_SPARK_EXECUTOR_MEMORY_MB", String.valueOf(config.heaps().sparkExecutor()));
  }

  private static ServiceSpec process(
      StackConfig config,
      Artifacts artifacts,
      Path home,
      String name,
      String main,
      List<String> args)
      throws IOException {
    List<String> cmd =
        Jobs.java(
            config.heaps().sparkDaemon(),
            Artifacts.jars(artifacts.sparkClusterLib()),
            Jobs.sparkJvmOptions(config),
            main);
    cmd.addAll(args);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    // the executors' JVM: this launcher's
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return new ServiceSpec(
        name, List.of(), cmd, env, config.home(), config.logDir().resolve(name + ".log"));
  }
}
