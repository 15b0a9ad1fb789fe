package dev.rehearse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KibanaImportTest {

  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("analyst-admin:s3cret".getBytes(StandardCharsets.UTF_8));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static KibanaImport client(
      FakeKibana kibana, Map<String, String> env, Optional<String> space) {
    KibanaSettings settings =
        KibanaSettings.from(env, Optional.of(kibana.url().toString()), space).orElseThrow();
    return new KibanaImport(HTTP, settings, Duration.ofSeconds(10));
  }

  private static final Map<String, String> BASIC_ENV =
      Map.of(KibanaSettings.USERNAME, "analyst-admin", KibanaSettings.PASSWORD, "s3cret");

  @Test
  void theBundleIsSentAsTheMultipartFileFieldWithXsrfAndBasicAuth() throws Exception {
    List<SavedObject> bundle = SavedObjects.bundled();
    String ndjson = SavedObjects.ndjson(bundle);
    try (FakeKibana kibana = new FakeKibana(BASIC)) {
      KibanaImport.Result result = client(kibana, BASIC_ENV, Optional.empty()).send(ndjson);

      assertThat(result.complete()).isTrue();
      assertThat(result.successCount()).isEqualTo(bundle.size());
      FakeKibana.Seen seen = kibana.seen().get(0);
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.path()).isEqualTo("/api/saved_objects/_import");
      assertThat(seen.query()).isEqualTo("overwrite=true");
      assertThat(seen.xsrf()).contains("true");
      assertThat(seen.authorization()).contains(BASIC);
      assertThat(seen.fileName()).endsWith(".ndjson");
      assertThat(seen.ndjson()).isEqualTo(ndjson);
    }
  }

  @Test
  void anApiKeyAndASpaceGoIntoTheHeaderAndThePath() throws Exception {
    try (FakeKibana kibana = new FakeKibana("ApiKey a2V5OnNlY3JldA==")) {
      KibanaImport.Result result =
          client(
                  kibana,
                  Map.of(KibanaSettings.API_KEY, "a2V5OnNlY3JldA=="),
                  Optional.of("analysts"))
              .send(SavedObjects.ndjson(SavedObjects.bundled()));

      assertThat(result.complete()).isTrue();
      assertThat(kibana.seen().get(0).path()).isEqualTo("/s/analysts/api/saved_objects/_import");
      assertThat(kibana.seen().get(0).authorization()).contains("ApiKey a2V5OnNlY3JldA==");
    }
  }

  @Test
  void perObjectErrorsAreReportedByTypeIdAndReason() throws Exception {
    // the dashboards and visualisations without the data views they read
    List<SavedObject> withoutDataViews =
        SavedObjects.bundled().stream().filter(o -> !o.type().equals("index-pattern")).toList();
    try (FakeKibana kibana = new FakeKibana(BASIC)) {
      KibanaImport.Result result =
          client(kibana, BASIC_ENV, Optional.empty()).send(SavedObjects.ndjson(withoutDataViews));

      assertThat(result.success()).isFalse();
      assertThat(result.complete()).isFalse();
      long lenses = withoutDataViews.stream().filter(o -> o.type().equals("lens")).count();
      assertThat(result.errors()).hasSize((int) lenses + 1); // and the cohorts control
      KibanaImport.ObjectError first = result.errors().get(0);
      assertThat(first.type()).isEqualTo("lens");
      assertThat(first.errorType()).isEqualTo("missing_references");
      assertThat(first.detail()).startsWith("missing index-pattern rehearse-analytics-");
      assertThat(first.toString()).contains(first.id()).contains(first.title());
    }
  }

  @Test
  void wrongCredentialsFailTheImportAsAWhole() throws Exception {
    try (FakeKibana kibana = new FakeKibana(BASIC)) {
      KibanaImport client =
          client(
              kibana,
              Map.of(KibanaSettings.USERNAME, "analyst-admin", KibanaSettings.PASSWORD, "wrong"),
              Optional.empty());

      assertThatThrownBy(() -> client.send(SavedObjects.ndjson(SavedObjects.bundled())))
          .isInstanceOfSatisfying(
              KibanaImport.ImportFailed.class, e -> assertThat(e.status()).isEqualTo(401))
          .hasMessageContaining("refused the credentials")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void aServerErrorFailsTheImportWithKibanasMessage() throws Exception {
    try (FakeKibana kibana = new FakeKibana(BASIC)) {
      kibana.failWith(500);
      KibanaImport client = client(kibana, BASIC_ENV, Optional.empty());

      assertThatThrownBy(() -> client.send(SavedObjects.ndjson(SavedObjects.bundled())))
          .isInstanceOfSatisfying(
              KibanaImport.ImportFailed.class, e -> assertThat(e.status()).isEqualTo(500))
          .hasMessageContaining("answered 500")
          .hasMessageContaining("An internal server error occurred.");
    }
  }

  @Test
  void settingsNeedOneKindOfCredentialsAndAValidSpace() {
    assertThat(KibanaSettings.from(Map.of(), Optional.empty(), Optional.empty())).isEmpty();
    KibanaSettings fromEnv =
        KibanaSettings.from(
                Map.of(
                    KibanaSettings.URL,
                    "https://kibana.example:5601/",
                    KibanaSettings.SPACE,
                    "team-a"),
                Optional.empty(),
                Optional.empty())
            .orElseThrow();
    assertThat(fromEnv.importEndpoint())
        .hasToString(
            "https://kibana.example:5601/s/team-a/api/saved_objects/_import?overwrite=true");
    assertThat(fromEnv.auth()).isEmpty();
    assertThatThrownBy(
            () ->
                KibanaSettings.from(
                    Map.of(
                        KibanaSettings.API_KEY,
                        "k",
                        KibanaSettings.USERNAME,
                        "u",
                        KibanaSettings.PASSWORD,
                        "p"),
                    Optional.of("http://localhost:5601"),
                    Optional.empty()))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                KibanaSettings.from(
                    Map.of(KibanaSettings.USERNAME, "u"),
                    Optional.of("http://localhost:5601"),
                    Optional.empty()))
        .hasMessageContaining("go together");
    assertThatThrownBy(
            () ->
                KibanaSettings.from(
                    Map.of(), Optional.of("http://localhost:5601"), Optional.of("../admin")))
        .hasMessageContaining("space id");
    assertThatThrownBy(
            () -> KibanaSettings.from(Map.of(), Optional.of("localhost:5601"), Optional.empty()))
        .hasMessageContaining("http(s)");
  }
}
