package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.dashboards.SavedObject;
import dev.rehearse.dashboards.SavedObjects;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' fields on the real Elasticsearch: for every data view of the bundle, {@code
 * _field_caps} on its alias (as the stack provisioned it) has every field a panel, a control or the
 * time filter uses, aggregatable, and of a type the panel's operation takes.
 */
class DashboardFieldCapsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> NUMBERS = Set.of("double", "long", "integer", "float");

  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  /** A use of a field: the data view's alias, the field, the operation (or what uses it). */
  private record Use(String alias, String field, String operation) {}

  private static List<Use> uses(List<SavedObject> bundle) throws Exception {
    Map<String, String> aliasByView = new HashMap<>();
    List<Use> uses = new ArrayList<>();
    for (SavedObject o : bundle) {
      if (o.type().equals("index-pattern")) {
        aliasByView.put(o.id(), o.title());
        uses.add(
            new Use(o.title(), o.attributes().path("timeFieldName").asText(), "date_histogram"));
      }
    }
    for (SavedObject o : bundle) {
      if (o.type().equals("lens")) {
        JsonNode layers =
            o.attributes().path("state").path("datasourceStates").path("formBased").path("layers");
        Iterator<Map.Entry<String, JsonNode>> it = layers.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> layer = it.next();
          String view =
              o.references().stream()
                  .filter(r -> r.name().equals("indexpattern-datasource-layer-" + layer.getKey()))
                  .findFirst()
                  .orElseThrow()
                  .id();
          for (JsonNode column : layer.getValue().path("columns")) {
            String field = column.path("sourceField").asText();
            if (!field.equals("___records___")) {
              uses.add(
                  new Use(aliasByView.get(view), field, column.path("operationType").asText()));
            }
          }
        }
      }
      if (o.type().equals("dashboard") && o.attributes().has("controlGroupInput")) {
        JsonNode controls =
            MAPPER.readTree(o.attributes().path("controlGroupInput").path("panelsJSON").asText());
        Iterator<Map.Entry<String, JsonNode>> it = controls.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> control = it.next();
          String view =
              o.references().stream()
                  .filter(
                      r ->
                          r.name()
                              .equals("controlGroup_" + control.getKey() + ":optionsListDataView"))
                  .findFirst()
                  .orElseThrow()
                  .id();
          uses.add(
              new Use(
                  aliasByView.get(view),
                  control.getValue().path("explicitInput").path("fieldName").asText(),
                  "terms"));
        }
      }
    }
    return uses;
  }

  private static JsonNode fieldCaps(String alias) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.config().elasticsearchUrl()
                                + "/"
                                + alias
                                + "/_field_caps?fields=*"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body()).path("fields");
  }

  @Test
  void everyFieldTheDashboardsUseIsAggregatableAndOfItsOperationsType() throws Exception {
    List<Use> uses = uses(SavedObjects.bundled());
    Map<String, JsonNode> caps = new HashMap<>();
    for (Use use : uses) {
      if (!caps.containsKey(use.alias())) {
        caps.put(use.alias(), fieldCaps(use.alias()));
      }
    }

    assertThat(uses).hasSizeGreaterThan(30);
    for (Use use : uses) {
      JsonNode byType = caps.get(use.alias()).path(use.field());
      assertThat(byType.size()).as(use + " has one type").isEqualTo(1);
      String type = byType.fieldNames().next();
      assertThat(byType.path(type).path("aggregatable").asBoolean())
          .as(use + " aggregatable")
          .isTrue();
      switch (use.operation()) {
        case "date_histogram" -> assertThat(type).as(use.toString()).isEqualTo("date");
        case "terms" -> assertThat(type).as(use.toString()).isIn("keyword", "boolean");
        case "unique_count" -> assertThat(type).as(use.toString()).isEqualTo("keyword");
        default -> assertThat(type).as(use.toString()).isIn(NUMBERS);
      }
    }
  }
}
