package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiTest {

  private static final ObjectMapper MAPPER = dev.rehearse.core.json.Json.newMapper();
  private final ApiDocs docs = ApiDocs.load();

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
    Set<String> routes = new TreeSet<>();
    for (Api.Route route :
        Api.routes(TestServices.create(MAPPER), MAPPER, () -> true, new HttpMetrics(), docs)) {
      if (!route.path().startsWith("/docs/")) { // the docs page's own assets
        routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
      }
    }
    Set<String> documented = new TreeSet<>();
    JsonNode paths = new ObjectMapper().readTree(docs.openApi()).path("paths");
    paths
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> documented.add(m + " " + p.getKey())));

    routes.add("get " + Api.STREAM_PATH); // the WebSocket, registered beside the table

    assertThat(documented).isEqualTo(routes);
  }

  @Test
  void everyOperationDocumentsTheRolesThatMayCallIt() throws Exception {
    JsonNode paths = new ObjectMapper().readTree(docs.openApi()).path("paths");
    for (Api.Route route :
        Api.routes(TestServices.create(MAPPER), MAPPER, () -> true, new HttpMetrics(), docs)) {
      if (route.path().startsWith("/docs/")) {
        continue;
      }
      JsonNode roles =
          paths
              .path(route.path())
              .path(route.method().name().toLowerCase(Locale.ROOT))
              .path("x-roles");
      Set<String> documented = new TreeSet<>();
      roles.forEach(r -> documented.add(r.asText()));
      assertThat(documented)
          .as(route.method() + " " + route.path())
          .isEqualTo(new TreeSet<>(route.roles()));
    }
  }

  @Test
  void everyReferencedSchemaExists() throws Exception {
    String text = new String(docs.openApi(), java.nio.charset.StandardCharsets.UTF_8);
    JsonNode components = new ObjectMapper().readTree(docs.openApi()).path("components");
    java.util.regex.Matcher refs =
        java.util.regex.Pattern.compile("#/components/(\\w+)/(\\w+)").matcher(text);
    while (refs.find()) {
      assertThat(components.path(refs.group(1)).has(refs.group(2))).as(refs.group()).isTrue();
    }
  }

  @Test
  void theDocsPageLoadsTheBundledSwaggerUi() {
    assertThat(docs.swaggerUiVersion()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(
            ApiDocs.class.getResource(
                "/META-INF/resources/webjars/swagger-ui/"
                    + docs.swaggerUiVersion()
                    + "/swagger-ui-bundle.js"))
        .isNotNull();
    assertThat(docs.page()).contains("/docs/assets/swagger-ui-bundle.js", "/docs/init.js");
  }
}
