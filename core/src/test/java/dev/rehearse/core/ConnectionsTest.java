package dev.rehearse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.config.Connections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

  @Test
  void defaultsAreTheLocalStack() {
    Connections c = Connections.fromEnv(Map.of());

    assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(c.elasticsearchUrl()).hasToString("http://127.0.0.1:9200");
    assertThat(c.lakeBucket()).isEqualTo("rehearse-lake");
  }

  @Test
  void whatIsWrittenToTheEnvironmentReadsBackTheSame() {
    Connections c =
        Connections.fromEnv(
            Map.of("REHEARSE_S3_ENDPOINT", "http://minio:9000", "REHEARSE_LAKE_BUCKET", "lake"));

    assertThat(Connections.fromEnv(c.toEnv())).isEqualTo(c);
  }

  @Test
  void logsNeverShowTheSecretKey() {
    Connections c = Connections.fromEnv(Map.of("REHEARSE_S3_SECRET_KEY", "top-secret-value"));

    assertThat(c.toString()).doesNotContain("top-secret-value");
  }
}
