package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.ResearchSettings.Provider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResearchSettingsTest {

  @Test
  void withoutKeysNoProviderIsConfiguredAndTheDefaultsHold() {
    ResearchSettings settings = ResearchSettings.fromEnv(Map.of());

    assertThat(settings.providers()).isEmpty();
    assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(5_000));
    assertThat(settings.ttl()).isEqualTo(Duration.ofHours(168));
  }

  @Test
  void aProviderIsConfiguredExactlyWhenItsKeyIsSetAndTheyComeInFallbackOrder() {
    ResearchSettings settings =
        ResearchSettings.fromEnv(
            Map.of(
                "REHEARSE_SERPER_API_KEY", "s-key",
                "REHEARSE_TAVILY_API_KEY", "t-key",
                "REHEARSE_EXA_API_KEY", " ",
                "REHEARSE_EXA_BASE_URL", "http://127.0.0.1:9999"));

    assertThat(settings.providers())
        .containsExactly(
            new Provider(Kind.TAVILY, URI.create("https://api.tavily.com"), "t-key"),
            new Provider(Kind.SERPER, URI.create("https://google.serper.dev"), "s-key"));
    assertThat(settings.provider(Kind.EXA)).isEmpty();
  }

  @Test
  void baseUrlsTimeoutAndTtlAreRead() {
    ResearchSettings settings =
        ResearchSettings.fromEnv(
            Map.of(
                "REHEARSE_EXA_API_KEY", "e-key",
                "REHEARSE_EXA_BASE_URL", "http://127.0.0.1:9999/exa/",
                "REHEARSE_RESEARCH_TIMEOUT_MS", "1500",
                "REHEARSE_RESEARCH_TTL_HOURS", "24"));

    assertThat(settings.provider(Kind.EXA).orElseThrow().searchUri())
        .isEqualTo(URI.create("http://127.0.0.1:9999/exa/search"));
    assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(settings.ttl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void theDefaultEndpointsAreTheProvidersSearchEndpoints() {
    ResearchSettings settings =
        ResearchSettings.fromEnv(
            Map.of(
                "REHEARSE_TAVILY_API_KEY", "t",
                "REHEARSE_EXA_API_KEY", "e",
                "REHEARSE_SERPER_API_KEY", "s"));

    assertThat(settings.providers())
        .extracting(p -> p.searchUri().toString())
        .containsExactly(
            "https://api.tavily.com/search",
            "https://api.exa.ai/search",
            "https://google.serper.dev/search");
  }

  @Test
  void invalidValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> ResearchSettings.fromEnv(Map.of("REHEARSE_RESEARCH_TIMEOUT_MS", "5s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REHEARSE_RESEARCH_TIMEOUT_MS")
        .hasMessageContaining("'5s'");
    assertThatThrownBy(() -> ResearchSettings.fromEnv(Map.of("REHEARSE_RESEARCH_TIMEOUT_MS", "0")))
        .hasMessageContaining("from 1 to 60000");
    assertThatThrownBy(() -> ResearchSettings.fromEnv(Map.of("REHEARSE_RESEARCH_TTL_HOURS", "-3")))
        .hasMessageContaining("REHEARSE_RESEARCH_TTL_HOURS");
    assertThatThrownBy(
            () ->
                ResearchSettings.fromEnv(
                    Map.of(
                        "REHEARSE_TAVILY_API_KEY", "t",
                        "REHEARSE_TAVILY_BASE_URL", "ftp://api.tavily.com")))
        .hasMessageContaining("REHEARSE_TAVILY_BASE_URL")
        .hasMessageContaining("http(s)");
    assertThatThrownBy(
            () ->
                ResearchSettings.fromEnv(
                    Map.of(
                        "REHEARSE_SERPER_API_KEY", "s",
                        "REHEARSE_SERPER_BASE_URL", "google.serper.dev")))
        .hasMessageContaining("REHEARSE_SERPER_BASE_URL");
    assertThatThrownBy(
            () -> ResearchSettings.fromEnv(Map.of("REHEARSE_EXA_API_KEY", "exa-key\nX-Evil: 1")))
        .hasMessageContaining("REHEARSE_EXA_API_KEY")
        .hasMessageNotContaining("exa-key");
  }

  @Test
  void theSettingsTravelToAJobsOperators() throws Exception {
    ResearchSettings settings =
        ResearchSettings.fromEnv(
            Map.of("REHEARSE_TAVILY_API_KEY", "t", "REHEARSE_SERPER_API_KEY", "s"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(settings);
    }

    Object back =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))
            .readObject();

    assertThat(back).isEqualTo(settings);
  }

  @Test
  void theKeyIsNeverPrinted() {
    ResearchSettings settings =
        ResearchSettings.fromEnv(Map.of("REHEARSE_TAVILY_API_KEY", "tvly-secret-123"));

    assertThat(settings.toString()).doesNotContain("tvly-secret-123").contains("tavily at");
  }
}
