package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The local Kafka broker: one KRaft node that is broker and controller at once. */
final class KafkaBroker {

  private KafkaBroker() {}

  static ServiceSpec service(StackConfig config, Artifacts artifacts)
      throws IOException, InterruptedException {
    Path dir = Configs.dir(config.dataDir().resolve("kafka"));
    Path logs = dir.resolve("log-dirs");
    int port = config.ports().kafka();
    int controller = config.ports().kafkaController();
    Path props =
        Configs.write(
            dir.resolve("server.properties"),
            String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                // the controller appends a no-op record to the metadata log this often (default
                // 500 ms: an append the broker then applies, twice a second when idle); a single
                // node has no other broker that needs it to notice a lost controller
                "metadata.max.idle.interval.ms=10000",
                // each request handler and network thread wakes every 300 ms when idle; a handler
                // never waits for a held fetch or an acknowledgement (they wait in purgatory), so
                // two of each (default 8 and 3) keep up with the two cores
                "num.io.threads=2",
                "num.network.threads=2",
                ""));
    Path log4j =
        Configs.write(
            dir.resolve("log4j2.properties"),
            Configs.log4j(Configs.LogFormat.of(config.passthrough())));
    String classpath = artifacts.kafkaLib() + "/*";
    List<String> options = List.of("-Dlog4j2.configurationFile=" + log4j);
    if (!Files.exists(logs.resolve("meta.properties"))) {
      format(config, classpath, options, props);
    }
    List<String> brokerOptions = new ArrayList<>(options);
    brokerOptions.add("-Xms" + config.heaps().kafka() + "m");
    List<String> cmd =
        new ArrayList<>(Jobs.java(config.heaps().kafka(), classpath, brokerOptions, "kafka.Kafka"));
    cmd.add(props.toString());
    return new ServiceSpec(
        "kafka", List.of(), cmd, Map.of(), dir, config.logDir().resolve("kafka.log"));
  }

  /** Formats the storage of a new broker with a fresh cluster id. */
  private static void format(StackConfig config, String classpath, List<String> options, Path props)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(Jobs.java(256, classpath, options, "kafka.tools.StorageTool"));
    cmd.addAll(List.of("format", "--cluster-id=" + clusterId(), "--config=" + props));
    Process format =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(config.logDir().resolve("kafka.log").toFile()))
            .start();
    if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException(
          "formatting Kafka's storage failed; see " + config.logDir().resolve("kafka.log"));
    }
  }

  /**
   * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, never starting with
   * {@code -} (a command line would read it as an option).
   */
  static String clusterId() {
    while (true) {
      UUID uuid = UUID.randomUUID();
      ByteBuffer bytes = ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }
}
