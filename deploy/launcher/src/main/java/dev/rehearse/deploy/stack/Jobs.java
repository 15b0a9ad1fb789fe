package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the launcher starts Rehearse's own services: the Flink jobs (or their submission to a
 * standalone cluster), the API and the Spark runner.
 */
final class Jobs {

  /** The line the Spark runner prints once it consumes requests. */
  static final String SPARK_READY = "rehearse batch runner ready";

  /** JVM options Spark needs on Java 17 (spark-launcher's list). */
  static final List<String> SPARK_JVM_OPTIONS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  /**
   * JVM options of every JVM the launcher starts, for an idle stack that idles:
   *
   * <ul>
   *   <li>no shared performance counters: the JVM would otherwise sample them every 50 ms (jcmd
   *       with a pid still attaches; jps and jstat no longer list the process);
   *   <li>the monitor deflation thread checks whether too many monitors are in use every 10 s
   *       instead of every 250 ms (its idle wake-ups were 50-200 ms of CPU a minute in each JVM);
   *       it still deflates at least once a minute, and at once when a thread asks for it.
   * </ul>
   */
  static final List<String> IDLE_JVM_OPTIONS =
      List.of(
          "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=10000");

  private Jobs() {}

  /** The interview job on a local Flink cluster in its own JVM. */
  static ServiceSpec flink(StackConfig config, Artifacts artifacts, Map<String, String> env)
      throws IOException {
    return streamJobs(config, artifacts, env, "flink", config.heaps().flink());
  }

  /**
   * The stream jobs' entry point submitting the interview job to the standalone Flink cluster, as
   * its shaded jar; it exits once the cluster has the job.
   */
  static ServiceSpec flinkSubmit(StackConfig config, Artifacts artifacts, Map<String, String> env)
      throws IOException {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put("REHEARSE_FLINK_CLUSTER", "127.0.0.1:" + config.ports().flinkRest());
    e.put("REHEARSE_FLINK_JOB_JAR", artifacts.streamJobsJar().toString());
    return streamJobs(config, artifacts, e, "flink-submit", 256);
  }

  private static ServiceSpec streamJobs(
      StackConfig config, Artifacts artifacts, Map<String, String> env, String name, int heapMb)
      throws IOException {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put("FLINK_PLUGINS_DIR", artifacts.flinkPlugins().toString());
    List<String> cmd =
        java(
            heapMb,
            artifacts.flinkClasspath(),
            // logback.xml of the stream jobs: JSON lines unless REHEARSE_LOG_FORMAT=text; what
            // logs through java.util.logging goes there too
            List.of(
                "-Djava.util.logging.config.file="
                    + Configs.write(
                        config.dataDir().resolve("flink/logging.properties"), Configs.JUL_TO_SLF4J),
                // Flink's RPC (Pekko) scheduler wakes every tick, 10 ms by default, in each of its
                // two actor systems, even when nothing is due; its timers are heartbeats and
                // timeouts of seconds, and records never go through it
                "-Dpekko.scheduler.tick-duration=100ms"),
            "dev.rehearse.stream.StreamJobsMain");
    return spec(config, name, cmd, e);
  }

  static ServiceSpec api(StackConfig config, Artifacts artifacts, Map<String, String> env) {
    List<String> cmd =
        java(
            config.heaps().api(),
            artifacts.apiJar().toString(),
            List.of(),
            "dev.rehearse.api.ApiMain");
    return spec(config, "api", cmd, env);
  }

  static ServiceSpec spark(StackConfig config, Artifacts artifacts, Map<String, String> env)
      throws IOException {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put("SPARK_LOCAL_IP", "127.0.0.1");
    if (config.engines() == StackConfig.Engines.STANDALONE) {
      e.putAll(SparkCluster.driverEnv(config, artifacts));
    }
    List<String> options = sparkJvmOptions(config);
    options.add("-Djava.io.tmpdir=" + Configs.dir(config.dataDir().resolve("spark/tmp")));
    List<String> cmd =
        java(
            config.heaps().spark(),
            artifacts.sparkClasspath(),
            options,
            "dev.rehearse.batch.BatchMain");
    return spec(config, "spark", cmd, e);
  }

  /**
   * The options of every Spark JVM of the stack (the runner, and the standalone master and worker):
   * {@link #SPARK_JVM_OPTIONS} and the stack's Log4j configuration, written to the data directory.
   */
  static List<String> sparkJvmOptions(StackConfig config) throws IOException {
    Path log4j =
        Configs.write(
            config.dataDir().resolve("spark/log4j2.properties"),
            Configs.log4j(Configs.LogFormat.of(config.passthrough())));
    List<String> options = new ArrayList<>(SPARK_JVM_OPTIONS);
    options.add("-Dlog4j2.configurationFile=" + log4j);
    return options;
  }

  static List<String> java(int heapMb, String classpath, List<String> options, String main) {
    List<String> cmd = jvm(heapMb);
    cmd.addAll(options);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(main);
    return cmd;
  }

  /**
   * The start of a command line of a JVM of the stack: this JVM's {@code java}, a bounded heap, the
   * serial collector and {@link #IDLE_JVM_OPTIONS}.
   */
  static List<String> jvm(int heapMb) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heapMb + "m");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(IDLE_JVM_OPTIONS);
    return cmd;
  }

  private static ServiceSpec spec(
      StackConfig config, String name, List<String> cmd, Map<String, String> env) {
    return new ServiceSpec(
        name, List.of(), cmd, env, config.home(), config.logDir().resolve(name + ".log"));
  }
}
