package dev.rehearse.deploy.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The built artifacts of a Rehearse checkout that the launcher starts. */
final class Artifacts {

  static final String ELASTICSEARCH_VERSION = "8.19.3";

  private final Path home;

  Artifacts(Path home) {
    this.home = home;
  }

  Path kafkaLib() {
    return home.resolve("deploy/kafka-broker/target/lib");
  }

  Path s3proxyJar() {
    return home.resolve("deploy/launcher/target/services/s3proxy.jar");
  }

  Path elasticsearchZip() {
    return home.resolve(
        "deploy/launcher/target/services/elasticsearch-" + ELASTICSEARCH_VERSION + ".zip");
  }

  Path apiJar() {
    return home.resolve("ingest-api/target/rehearse-ingest-api.jar");
  }

  Path flinkPlugins() {
    return home.resolve("stream-jobs/target/plugins");
  }

  /** The local Flink cluster's classpath: the job's classes and everything a cluster provides. */
  String flinkClasspath() throws IOException {
    return classpath(home.resolve("stream-jobs/target"));
  }

  /** The standalone Flink cluster's classpath: Flink's own jars and logging, no job code. */
  String flinkClusterClasspath() throws IOException {
    return jars(home.resolve("deploy/flink-cluster/target/lib"));
  }

  /** The stream jobs as the shaded jar a Flink cluster runs. */
  Path streamJobsJar() {
    return home.resolve("stream-jobs/target/rehearse-stream-jobs.jar");
  }

  /** Spark's own jars: the {@code jars/} of a standalone Spark cluster's home. */
  Path sparkClusterLib() {
    return home.resolve("deploy/spark-cluster/target/lib");
  }

  /** The batch jobs as the shaded jar Spark's executors load. */
  Path batchJobsJar() {
    return home.resolve("batch-jobs/target/rehearse-batch-jobs.jar");
  }

  /** The local Spark runner's classpath. */
  String sparkClasspath() throws IOException {
    return classpath(home.resolve("batch-jobs/target"));
  }

  /** A module's own classes, then {@code target/lib/*}. */
  private static String classpath(Path target) throws IOException {
    return target.resolve("classes") + File.pathSeparator + jars(target.resolve("lib"));
  }

  /** The jars of a folder, in name order. */
  static String jars(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> jars = Files.list(dir)) {
      jars.filter(p -> p.toString().endsWith(".jar"))
          .sorted()
          .forEach(p -> entries.add(p.toString()));
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Fails with what to run when something is not built. */
  void requireBuilt() {
    List<Path> missing =
        Stream.of(
                kafkaLib(),
                s3proxyJar(),
                elasticsearchZip(),
                apiJar(),
                flinkPlugins(),
                home.resolve("stream-jobs/target/lib"),
                home.resolve("batch-jobs/target/lib"),
                home.resolve("deploy/flink-cluster/target/lib"),
                sparkClusterLib(),
                streamJobsJar(),
                batchJobsJar())
            .filter(p -> !Files.exists(p))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "not built: " + missing + "\nbuild with: mvn -B -DskipTests package (or run ./rehearse)");
    }
  }
}
