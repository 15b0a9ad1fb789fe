package dev.rehearse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void elasticsearchCredentialsTravelWithItsUrlButAreNeverShown() {
    Connections c =
        Connections.fromEnv(
            Map.of(
                "REHEARSE_ES_URL", "http://rehearse-es-http:9200",
                "REHEARSE_ES_USERNAME", "elastic",
                "REHEARSE_ES_PASSWORD", "p@ss:w/rd%41"));

    assertThat(c.elasticsearchUrl().getUserInfo()).isEqualTo("elastic:p@ss:w/rd%41");
    assertThat(c.elasticsearchUrl().getHost()).isEqualTo("rehearse-es-http");
    assertThat(c.elasticsearchUrl().getPort()).isEqualTo(9200);
    assertThat(c.toString()).doesNotContain("p@ss").doesNotContain("elastic:");
    assertThat(c.toEnv())
        .containsEntry("REHEARSE_ES_URL", "http://rehearse-es-http:9200")
        .containsEntry("REHEARSE_ES_PASSWORD", "p@ss:w/rd%41");
    assertThat(Connections.fromEnv(c.toEnv())).isEqualTo(c);
  }

  @Test
  void aUsernameWithoutAPasswordIsRefusedNamingTheMissingSetting() {
    assertThatThrownBy(() -> Connections.fromEnv(Map.of("REHEARSE_ES_USERNAME", "elastic")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REHEARSE_ES_PASSWORD");
    assertThatThrownBy(() -> Connections.fromEnv(Map.of("REHEARSE_ES_PASSWORD", "secret")))
        .hasMessageContaining("REHEARSE_ES_USERNAME")
        .hasMessageNotContaining("secret");
  }
}
