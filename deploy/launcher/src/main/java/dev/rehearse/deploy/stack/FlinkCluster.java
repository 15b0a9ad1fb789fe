package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone Flink session cluster as separate JVMs: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), each with
 * Flink's own jars only on its classpath, and the interview job submitted to it as its shaded jar
 * by the stream jobs' own entry point ({@code REHEARSE_FLINK_CLUSTER}).
 */
final class FlinkCluster {

  static final String JOB_MANAGER = "flink-jobmanager";

  /** Slots of each TaskManager: one TaskManager can run the whole job when another is lost. */
  static final int SLOTS = 2;

  /** Framework heap, framework and task off-heap, managed and network memory of a TaskManager. */
  static final int FRAMEWORK_HEAP_MB = 64;

  static final int OFF_HEAP_MB = 64;
  static final int MANAGED_MB = 16;
  static final int NETWORK_MB = 64;
  static final int METASPACE_MB = 256;
  static final int OVERHEAD_MB = 64;

  private FlinkCluster() {}

  /** The name of TaskManager {@code k} (from 1): its service and its resource id in Flink. */
  static String taskManager(int k) {
    return "flink-taskmanager-" + k;
  }

  /**
   * The cluster's configuration ({@code config.yaml}): addresses on the loopback interface, the
   * TaskManagers' memory spelled out (nothing computes JVM options from it here), the S3 file
   * system of the lake, and slots spread over the TaskManagers.
   */
  static Map<String, String> settings(StackConfig config) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("jobmanager.rpc.address", "127.0.0.1");
    s.put("jobmanager.rpc.port", String.valueOf(config.ports().flinkRpc()));
    s.put("jobmanager.bind-host", "127.0.0.1");
    s.put("taskmanager.bind-host", "127.0.0.1");
    s.put("taskmanager.host", "127.0.0.1");
    s.put("rest.address", "127.0.0.1");
    s.put("rest.bind-address", "127.0.0.1");
    s.put("rest.port", String.valueOf(config.ports().flinkRest()));
    s.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS));
    s.put("parallelism.default", String.valueOf(SLOTS));
    s.put("taskmanager.load-balance.mode", "SLOTS");
    s.put("taskmanager.cpu.cores", String.valueOf(SLOTS));
    s.put("taskmanager.memory.framework.heap.size", FRAMEWORK_HEAP_MB + "m");
    s.put(
        "taskmanager.memory.task.heap.size",
        (config.heaps().flinkTaskManager() - FRAMEWORK_HEAP_MB) + "m");
    s.put("taskmanager.memory.framework.off-heap.size", OFF_HEAP_MB + "m");
    s.put("taskmanager.memory.task.off-heap.size", "0m");
    s.put("taskmanager.memory.managed.size", MANAGED_MB + "m");
    s.put("taskmanager.memory.network.min", NETWORK_MB + "m");
    s.put("taskmanager.memory.network.max", NETWORK_MB + "m");
    s.put("taskmanager.memory.jvm-metaspace.size", METASPACE_MB + "m");
    s.put("taskmanager.memory.jvm-overhead.min", OVERHEAD_MB + "m");
    s.put("taskmanager.memory.jvm-overhead.max", OVERHEAD_MB + "m");
    s.put("s3.endpoint", config.s3Endpoint());
    s.put("s3.path.style.access", "true");
    s.put("s3.access-key", config.s3AccessKey());
    s.put("s3.secret-key", config.s3SecretKey());
    s.put("s3.directory.marker.retention", "keep");
    return s;
  }

  /** {@code config.yaml}: one flat key a line, each value quoted. */
  static String yaml(Map<String, String> settings) {
    StringBuilder out = new StringBuilder();
    settings.forEach(
        (key, value) ->
            out.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
    return out.toString();
  }

  /** The logback configuration of the cluster's JVMs, in the format of the other services. */
  static String logback(Configs.LogFormat format) {
    String encoder =
        format == Configs.LogFormat.JSON
            ? "<encoder class=\"ch.qos.logback.classic.encoder.JsonEncoder\">"
                + "<withSequenceNumber>false</withSequenceNumber>"
                + "<withNanoseconds>false</withNanoseconds>"
                + "<withContext>false</withContext>"
                + "<withArguments>false</withArguments>"
                + "<withMessage>false</withMessage>"
                + "<withFormattedMessage>true</withFormattedMessage>"
                + "</encoder>"
            : "<encoder><pattern>%d{ISO8601} %-5level %logger{1} - %msg%n</pattern></encoder>";
    return String.join(
        "\n",
        "<configuration>",
        "  <appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    " + encoder,
        "  </appender>",
        // start-up, registrations, job and task state changes, restarts
        "  <logger name=\"org.apache.flink.runtime.entrypoint\" level=\"INFO\"/>",
        "  <logger name=\"org.apache.flink.runtime.taskexecutor.TaskExecutor\" level=\"INFO\"/>",
        "  <logger name=\"org.apache.flink.runtime.resourcemanager\" level=\"INFO\"/>",
        "  <logger name=\"org.apache.flink.runtime.jobmaster.JobMaster\" level=\"INFO\"/>",
        "  <logger name=\"org.apache.flink.runtime.executiongraph.ExecutionGraph\" level=\"INFO\"/>",
        "  <logger name=\"dev.rehearse\" level=\"INFO\"/>",
        "  <root level=\"WARN\"><appender-ref ref=\"out\"/></root>",
        "</configuration>",
        "");
  }

  /** The configuration folder every process of the cluster reads, written afresh at each start. */
  static Path configDir(StackConfig config) throws IOException {
    Path dir = Configs.dir(config.dataDir().resolve("flink/cluster-conf"));
    Configs.write(dir.resolve("config.yaml"), yaml(settings(config)));
    Configs.write(dir.resolve("logback.xml"), logback(Configs.LogFormat.of(config.passthrough())));
    return dir;
  }

  static ServiceSpec jobManager(StackConfig config, Artifacts artifacts, Path confDir)
      throws IOException {
    return process(
        config,
        artifacts,
        confDir,
        JOB_MANAGER,
        config.heaps().flinkJobManager(),
        List.of(),
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
        List.of());
  }

  /** TaskManager {@code k}: its JVM sized to the memory its configuration gives it. */
  static ServiceSpec taskManager(StackConfig config, Artifacts artifacts, Path confDir, int k)
      throws IOException {
    return process(
        config,
        artifacts,
        confDir,
        taskManager(k),
        config.heaps().flinkTaskManager(),
        List.of(
            "-XX:MaxDirectMemorySize=" + (2 * OFF_HEAP_MB + NETWORK_MB) + "m",
            "-XX:MaxMetaspaceSize=" + METASPACE_MB + "m"),
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
        // its resource id names it in /taskmanagers, the same after a restart
        List.of("-Dtaskmanager.resource-id=" + taskManager(k)));
  }

  private static ServiceSpec process(
      StackConfig config,
      Artifacts artifacts,
      Path confDir,
      String name,
      int heapMb,
      List<String> jvmOptions,
      String main,
      List<String> dynamicProperties)
      throws IOException {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlogback.configurationFile=" + confDir.resolve("logback.xml"));
    // as in the local cluster: Flink's RPC scheduler ticks every 100 ms, not every 10 ms
    options.add("-Dpekko.scheduler.tick-duration=100ms");
    options.add("-Djava.io.tmpdir=" + Configs.dir(config.dataDir().resolve("flink/tmp/" + name)));
    List<String> cmd = Jobs.java(heapMb, artifacts.flinkClusterClasspath(), options, main);
    cmd.add("--configDir");
    cmd.add(confDir.toString());
    cmd.addAll(dynamicProperties);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FLINK_PLUGINS_DIR", artifacts.flinkPlugins().toString());
    env.put("FLINK_CONF_DIR", confDir.toString());
    return new ServiceSpec(
        name, List.of(), cmd, env, config.home(), config.logDir().resolve(name + ".log"));
  }
}
