package dev.rehearse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchConfigTest {

  @Test
  void onOneMachineTheDriverListensOnTheLoopbackAddressOnly() {
    BatchConfig config = BatchConfig.fromEnv(Map.of());

    assertThat(config.driverHost()).isEqualTo("127.0.0.1");
    assertThat(config.driverBindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void onAClusterExecutorsReachTheDriverByItsServiceNameOnEveryInterface() {
    BatchConfig config =
        BatchConfig.fromEnv(
            Map.of(
                "REHEARSE_SPARK_DRIVER_HOST", "rehearse-spark-driver",
                "REHEARSE_SPARK_MASTER", "k8s://https://kubernetes.default.svc"));

    assertThat(config.driverHost()).isEqualTo("rehearse-spark-driver");
    assertThat(config.driverBindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.sparkMaster()).isEqualTo("k8s://https://kubernetes.default.svc");
  }
}
