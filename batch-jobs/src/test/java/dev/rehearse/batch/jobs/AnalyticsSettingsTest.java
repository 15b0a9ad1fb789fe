package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.batch.BatchConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsSettingsTest {

  @Test
  void theSaltAndMinimumGroupAreReadFromTheEnvironmentAndTheSaltIsNeverPrinted() {
    Map<String, String> env =
        Map.of("REHEARSE_ANALYTICS_SALT", "s3cr3t-salt", "REHEARSE_ANALYTICS_MIN_GROUP", "7");

    AnalyticsSettings settings = AnalyticsSettings.fromEnv(env);
    BatchConfig config = BatchConfig.fromEnv(env);

    assertThat(settings.requireSalt()).isEqualTo("s3cr3t-salt");
    assertThat(settings.minGroup()).isEqualTo(7);
    assertThat(config.analytics()).isEqualTo(settings);
    assertThat(settings.toString()).doesNotContain("s3cr3t");
    assertThat(config.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void withoutASaltTheJobCannotRunAndSaysWhichSettingIsMissing() {
    AnalyticsSettings none = AnalyticsSettings.fromEnv(Map.of("REHEARSE_ANALYTICS_SALT", "  "));

    assertThat(none.salt()).isEmpty();
    assertThat(none.minGroup()).isEqualTo(5);
    assertThatThrownBy(none::requireSalt).hasMessageContaining("REHEARSE_ANALYTICS_SALT");
  }
}
