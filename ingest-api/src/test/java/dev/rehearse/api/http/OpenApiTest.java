package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
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

  /** One operation of the document: its method, its path and its JSON. */
  private record Operation(String method, String path, JsonNode node) {
    @Override
    public String toString() {
      return method + " " + path;
    }

    Set<Integer> statuses() {
      Set<Integer> statuses = new TreeSet<>();
      node.path("responses").fieldNames().forEachRemaining(c -> statuses.add(Integer.valueOf(c)));
      return statuses;
    }

    boolean isPublic() {
      return node.has("security") && node.path("security").isEmpty();
    }

    boolean isWebSocket() {
      return statuses().contains(101);
    }
  }

  private List<Operation> operations() throws Exception {
    List<Operation> operations = new ArrayList<>();
    new ObjectMapper()
        .readTree(docs.openApi())
        .path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        m -> operations.add(new Operation(m.getKey(), p.getKey(), m.getValue()))));
    return operations;
  }

  @Test
  void everyOperationHasAUniqueCamelCaseOperationId() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (Operation op : operations()) {
      String id = op.node().path("operationId").asText();
      assertThat(id).as(op.toString()).matches("[a-z][a-zA-Z0-9]*");
      assertThat(ids.add(id)).as(op + ": operationId " + id + " is used twice").isTrue();
    }
  }

  @Test
  void everyOperationBehindATokenAnswersClientErrors() throws Exception {
    for (Operation op : operations()) {
      if (op.isPublic()) {
        continue;
      }
      assertThat(op.statuses()).as(op.toString()).contains(401);
      if (!op.isWebSocket()) { // the rate limit is an HTTP filter; the upgrade does not pass it
        assertThat(op.statuses()).as(op.toString()).contains(429);
      }
    }
  }

  @Test
  void onlyThePublicServiceRoutesAnswerNoClientError() throws Exception {
    Set<String> withoutClientErrors = new TreeSet<>();
    for (Operation op : operations()) {
      if (op.statuses().stream().noneMatch(s -> s >= 400 && s < 500)) {
        withoutClientErrors.add(op.toString());
        assertThat(op.isPublic()).as(op + " needs a token, so it answers 401").isTrue();
      }
    }
    assertThat(withoutClientErrors)
        .containsExactlyInAnyOrder(
            "get /health", "get /ready", "get /metrics", "get /openapi.json", "get /docs");
  }

  @Test
  void operationsWithABodyAnswerItsProblems() throws Exception {
    for (Operation op : operations()) {
      if (op.node().has("requestBody")) {
        assertThat(op.statuses()).as(op.toString()).contains(400, 413, 415);
      }
    }
  }

  @Test
  void operationsForSomeRolesOnlyAnswer403() throws Exception {
    Set<String> everyRole = new TreeSet<>(TokenVerifier.KNOWN_ROLES);
    for (Operation op : operations()) {
      Set<String> roles = new TreeSet<>();
      op.node().path("x-roles").forEach(r -> roles.add(r.asText()));
      boolean restricted = !roles.isEmpty() && !roles.equals(everyRole);
      assertThat(op.statuses().contains(403)).as(op.toString()).isEqualTo(restricted);
    }
  }

  @Test
  void everyClientErrorIsAProblemDocument() throws Exception {
    for (Operation op : operations()) {
      op.node()
          .path("responses")
          .fields()
          .forEachRemaining(
              r -> {
                int status = Integer.parseInt(r.getKey());
                if (status >= 400 && status < 500) {
                  assertThat(r.getValue().path("$ref").asText())
                      .as(op + " " + r.getKey())
                      .isEqualTo("#/components/responses/Problem");
                }
              });
    }
  }
}
