package dev.rehearse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class StackPartsTest {
  @RepeatedTest(200)
  void clusterIdsAreSixteenBytesAndNeverLookLikeAnOption() {
    String id = KafkaBroker.clusterId();

    assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
  }

  @Test
  void aTakenPortIsReportedWithTheSettingThatChangesIt() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();

      assertThat(Ports.taken(Map.of(port, "REHEARSE_API_PORT (API)")))
          .containsExactly(
              "port " + port + " is already in use: set REHEARSE_API_PORT (API) to a free port");
    }
  }

  @Test
  void defaultsPutStateUnderTheHome() {
    StackConfig config = StackConfig.fromEnv(Map.of(), Path.of("/opt/rehearse"));

    assertThat(config.dataDir()).isEqualTo(Path.of("/opt/rehearse/.rehearse/data"));
    assertThat(config.logDir()).isEqualTo(Path.of("/opt/rehearse/.rehearse/logs"));
    assertThat(config.ports().api()).isEqualTo(8080);
    assertThat(config.apiUrl()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void servicesGetTheLaunchersSettingsButTheStacksOwnValuesWin() {
    StackConfig config =
        StackConfig.fromEnv(
            Map.of(
                "REHEARSE_RATE_READ_PER_MINUTE", "5",
                "REHEARSE_ES_URL", "http://elsewhere:9200",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "HOME", "/root"),
            Path.of("/opt/rehearse"));

    Map<String, String> env = config.serviceEnv("secret");

    assertThat(env)
        .containsEntry("REHEARSE_RATE_READ_PER_MINUTE", "5")
        .containsEntry("REHEARSE_ES_URL", "http://127.0.0.1:9200")
        .containsEntry("REHEARSE_JWT_SECRET", "secret")
        .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
        .doesNotContainKey("HOME");
  }

  @Test
  void aBadPortSettingIsNamed() {
    assertThatThrownBy(
            () -> StackConfig.fromEnv(Map.of("REHEARSE_KAFKA_PORT", "99999"), Path.of("/x")))
        .hasMessageContaining("REHEARSE_KAFKA_PORT");
    assertThatThrownBy(
            () -> StackConfig.fromEnv(Map.of("REHEARSE_API_PORT", "http"), Path.of("/x")))
        .hasMessageContaining("REHEARSE_API_PORT");
  }

  @Test
  void theEnginesAreEmbeddedUnlessStandaloneIsAsked() {
    StackConfig embedded = StackConfig.fromEnv(Map.of(), Path.of("/x"));
    StackConfig standalone =
        StackConfig.fromEnv(
            Map.of("REHEARSE_ENGINES", "Standalone", "REHEARSE_FLINK_TASKMANAGERS", "3"),
            Path.of("/x"));

    assertThat(embedded.engines()).isEqualTo(StackConfig.Engines.EMBEDDED);
    assertThat(embedded.ports().settings(embedded.engines()))
        .doesNotContainKeys(7077, 8090)
        .containsKey(8081);
    assertThat(standalone.engines()).isEqualTo(StackConfig.Engines.STANDALONE);
    assertThat(standalone.flinkTaskManagers()).isEqualTo(3);
    assertThat(standalone.ports().settings(standalone.engines()))
        .containsEntry(8090, "REHEARSE_SPARK_MASTER_UI_PORT (Spark master web UI)")
        .containsEntry(6123, "REHEARSE_FLINK_RPC_PORT (Flink JobManager RPC)")
        .containsKey(7077);
    assertThatThrownBy(() -> StackConfig.fromEnv(Map.of("REHEARSE_ENGINES", "yarn"), Path.of("/x")))
        .hasMessage("REHEARSE_ENGINES must be embedded or standalone, not yarn");
    assertThatThrownBy(
            () -> StackConfig.fromEnv(Map.of("REHEARSE_FLINK_TASKMANAGERS", "0"), Path.of("/x")))
        .hasMessageContaining("REHEARSE_FLINK_TASKMANAGERS");
  }

  @Test
  void flinkIsReadyOnlyWhenEveryTaskOfEveryJobRuns() throws Exception {
    String running = "{\"jobs\":[{\"state\":\"RUNNING\",\"tasks\":{\"running\":4,\"total\":4}}]}";
    String deploying = "{\"jobs\":[{\"state\":\"RUNNING\",\"tasks\":{\"running\":2,\"total\":4}}]}";
    String failing =
        "{\"jobs\":[{\"state\":\"RESTARTING\",\"tasks\":{\"running\":0,\"total\":4}}]}";

    assertThat(ClusterViews.allRunning(running)).isTrue();
    assertThat(ClusterViews.allRunning(deploying)).isFalse();
    assertThat(ClusterViews.allRunning(failing)).isFalse();
    assertThat(ClusterViews.allRunning("{\"jobs\":[]}")).isFalse();
  }

  @Test
  void theStandaloneClustersAreSeenThroughTheirRestEndpoints() throws Exception {
    String taskManagers =
        "{\"taskmanagers\":[{\"id\":\"flink-taskmanager-1\",\"slotsNumber\":2},"
            + "{\"id\":\"flink-taskmanager-2\",\"slotsNumber\":2}]}";
    String master =
        "{\"url\":\"spark://127.0.0.1:7077\",\"workers\":[{\"state\":\"DEAD\"},"
            + "{\"state\":\"ALIVE\"}],\"activeapps\":[]}";

    assertThat(ClusterViews.taskManagers(taskManagers))
        .containsExactly("flink-taskmanager-1", "flink-taskmanager-2");
    assertThat(ClusterViews.taskManagers("")).isEmpty();
    assertThat(ClusterViews.aliveWorkers(master)).isEqualTo(1);
    assertThat(ClusterViews.aliveWorkers("{\"workers\":[]}")).isZero();
  }

  @Test
  void theFlinkClusterSpellsOutItsTaskManagersMemoryAndPorts() {
    StackConfig config =
        StackConfig.fromEnv(
            Map.of(
                "REHEARSE_ENGINES", "standalone",
                "REHEARSE_FLINK_RPC_PORT", "16123",
                "REHEARSE_FLINK_TASKMANAGER_HEAP_MB", "512",
                "REHEARSE_S3_SECRET_KEY", "it's"),
            Path.of("/x"));

    Map<String, String> settings = FlinkCluster.settings(config);

    assertThat(settings)
        .containsEntry("jobmanager.rpc.port", "16123")
        .containsEntry("rest.port", "8081")
        .containsEntry(
            "taskmanager.memory.task.heap.size", (512 - FlinkCluster.FRAMEWORK_HEAP_MB) + "m")
        .containsEntry(
            "taskmanager.memory.network.min", settings.get("taskmanager.memory.network.max"))
        // a lost TaskManager's work fits on another one
        .containsEntry("taskmanager.numberOfTaskSlots", settings.get("parallelism.default"));
    assertThat(FlinkCluster.yaml(settings))
        .contains("s3.secret-key: 'it''s'\n")
        .contains("jobmanager.rpc.address: '127.0.0.1'\n");
  }
}
