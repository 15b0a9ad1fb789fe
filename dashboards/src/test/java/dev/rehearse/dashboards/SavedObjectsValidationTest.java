package dev.rehearse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rehearse.search.Indices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved objects as Kibana would take them, checked without a Kibana: references, fields and
 * operations against the strict mappings generated from the document records, privacy, layout, and
 * each object's JSON shape against our schema. Each check is also shown to catch its fault.
 */
class SavedObjectsValidationTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SESSIONS_VIEW = "rehearse-analytics-sessions";
  private static final String SESSIONS_PER_DAY = "rehearse-lens-sessions-per-day";
  private static final String COHORTS = "rehearse-dashboard-cohorts";

  private static List<SavedObject> bundle() {
    return SavedObjects.bundled();
  }

  private static List<String> ids(String type) {
    return bundle().stream().filter(o -> o.type().equals(type)).map(SavedObject::id).toList();
  }

  /** The bundle with the object of this id changed. */
  private static List<SavedObject> changed(String id, Consumer<ObjectNode> change) {
    List<SavedObject> objects = new ArrayList<>();
    for (SavedObject o : bundle()) {
      ObjectNode json = o.json().deepCopy();
      if (o.id().equals(id)) {
        change.accept(json);
      }
      objects.add(SavedObject.of(json));
    }
    return objects;
  }

  private static ObjectNode column(ObjectNode lens, String column) {
    return (ObjectNode)
        lens.at("/attributes/state/datasourceStates/formBased/layers/layer1/columns/" + column);
  }

  @Test
  void theBundleHoldsEveryFileDataViewsFirstAndSurvivesNdjson() {
    List<SavedObject> objects = bundle();

    assertThat(objects)
        .extracting(SavedObject::type)
        .startsWith("index-pattern")
        .endsWith("dashboard");
    assertThat(ids("index-pattern")).hasSize(3);
    String ndjson = SavedObjects.ndjson(objects);
    assertThat(ndjson.lines())
        .hasSize(objects.size())
        .allSatisfy(l -> assertThat(l).startsWith("{"));
    assertThat(SavedObjects.parseNdjson(ndjson)).isEqualTo(objects);
  }

  @Test
  void thereAreFourDashboardsWithAtLeastSixteenLensPanelsAndNoUnusedVisualisation()
      throws IOException {
    List<SavedObject> dashboards =
        bundle().stream().filter(o -> o.type().equals("dashboard")).toList();
    Set<String> onDashboards =
        dashboards.stream()
            .flatMap(d -> d.references().stream())
            .filter(r -> r.type().equals("lens"))
            .map(SavedObject.Reference::id)
            .collect(Collectors.toSet());
    int panels = 0;
    for (SavedObject d : dashboards) {
      panels += MAPPER.readTree(d.attributes().path("panelsJSON").asText()).size();
    }

    assertThat(dashboards)
        .extracting(SavedObject::title)
        .containsExactlyInAnyOrder(
            "Rehearse: cohorts",
            "Rehearse: programme overview",
            "Rehearse: questions",
            "Rehearse: speech and delivery");
    assertThat(panels).isGreaterThanOrEqualTo(16);
    assertThat(onDashboards).containsExactlyInAnyOrderElementsOf(ids("lens"));
  }

  @Test
  void theCohortsDashboardChoosesOneCohortWithAnOptionsList() throws IOException {
    SavedObject cohorts =
        bundle().stream().filter(o -> o.id().equals(COHORTS)).findFirst().orElseThrow();
    JsonNode controls =
        MAPPER.readTree(cohorts.attributes().path("controlGroupInput").path("panelsJSON").asText());

    assertThat(controls.size()).isEqualTo(1);
    JsonNode control = controls.elements().next();
    assertThat(control.path("type").asText()).isEqualTo("optionsListControl");
    assertThat(control.path("explicitInput").path("fieldName").asText()).isEqualTo("cohortId");
    assertThat(control.path("explicitInput").path("singleSelect").asBoolean()).isTrue();
  }

  @Test
  void theBundlePassesEveryCheck() {
    BundleCheck check = BundleCheck.ofAnalytics(bundle());

    assertThat(check.references()).isEmpty();
    assertThat(check.dataViews()).isEmpty();
    assertThat(check.lenses()).isEmpty();
    assertThat(check.dashboards()).isEmpty();
  }

  @Test
  void dataViewsReadOnlyTheAnalyticsAliasesAndTheBundleNamesNoUser() {
    Set<String> aliases =
        Indices.analytics().stream().map(Indices.Index::alias).collect(Collectors.toSet());

    assertThat(bundle().stream().filter(o -> o.type().equals("index-pattern")))
        .extracting(SavedObject::title)
        .allSatisfy(t -> assertThat(aliases).contains(t));
    String ndjson = SavedObjects.ndjson(bundle());
    assertThat(ndjson).doesNotContain("userId").doesNotContain("sessionId");
  }

  @Test
  void aPanelOnAUserIdOrAFieldTheIndexLacksIsCaught() {
    List<String> userId =
        BundleCheck.ofAnalytics(
                changed(SESSIONS_PER_DAY, l -> column(l, "b").put("sourceField", "userId")))
            .lenses();
    List<String> missing =
        BundleCheck.ofAnalytics(
                changed(SESSIONS_PER_DAY, l -> column(l, "b").put("sourceField", "company")))
            .lenses();

    assertThat(userId).singleElement().asString().contains("userId").contains("names a person");
    assertThat(missing).singleElement().asString().contains("company").contains("does not map");
  }

  @Test
  void anOperationThatDoesNotFitTheFieldsTypeIsCaught() {
    List<String> averageOfKeyword =
        BundleCheck.ofAnalytics(
                changed(
                    "rehearse-lens-overall-by-type",
                    l -> column(l, "y").put("sourceField", "interviewType")))
            .lenses();
    List<String> histogramOfNumber =
        BundleCheck.ofAnalytics(
                changed(SESSIONS_PER_DAY, l -> column(l, "x").put("sourceField", "overall")))
            .lenses();
    List<String> termsOfNumber =
        BundleCheck.ofAnalytics(
                changed(SESSIONS_PER_DAY, l -> column(l, "b").put("sourceField", "overall")))
            .lenses();

    assertThat(averageOfKeyword).singleElement().asString().contains("average on interviewType");
    assertThat(histogramOfNumber).singleElement().asString().contains("date_histogram on overall");
    assertThat(termsOfNumber).singleElement().asString().contains("terms on overall");
  }

  @Test
  void aColumnFilterOrAnAccessorOnNothingIsCaught() {
    List<String> filter =
        BundleCheck.ofAnalytics(
                changed(
                    "rehearse-lens-completed-sessions",
                    l ->
                        ((ObjectNode) column(l, "m").path("filter"))
                            .put("query", "finished : true")))
            .lenses();
    List<String> accessor =
        BundleCheck.ofAnalytics(
                changed(
                    SESSIONS_PER_DAY,
                    l ->
                        ((ArrayNode) l.at("/attributes/state/visualization/layers/0/accessors"))
                            .add("ghost")))
            .lenses();

    assertThat(filter).singleElement().asString().contains("finished");
    assertThat(accessor).singleElement().asString().contains("ghost");
  }

  @Test
  void aDataViewOnAnIndexAnalystsMustNotReadOrOnAVersionIsCaught() {
    for (String title : List.of("turns", "sessions", "analytics-sessions-v1")) {
      List<String> problems =
          BundleCheck.ofAnalytics(
                  changed(
                      SESSIONS_VIEW, v -> ((ObjectNode) v.path("attributes")).put("title", title)))
              .dataViews();
      assertThat(problems).as(title).singleElement().asString().contains(title);
    }
  }

  @Test
  void aReferenceOutsideTheBundleAndAControlOnAMissingFieldAreCaught() {
    List<SavedObject> dangling =
        changed(
            COHORTS,
            d -> ((ObjectNode) d.path("references").get(0)).put("id", "rehearse-lens-deleted"));
    List<SavedObject> control =
        changed(
            COHORTS,
            d -> {
              ObjectNode group = (ObjectNode) d.path("attributes").path("controlGroupInput");
              group.put(
                  "panelsJSON",
                  group.path("panelsJSON").asText().replace("\"cohortId\"", "\"cohort\""));
            });

    assertThat(BundleCheck.ofAnalytics(dangling).references())
        .singleElement()
        .asString()
        .contains("rehearse-lens-deleted");
    assertThat(BundleCheck.ofAnalytics(control).dashboards())
        .singleElement()
        .asString()
        .contains("control")
        .contains("cohort");
  }

  private static Schema schema() throws IOException {
    try (InputStream in =
        SavedObjectsValidationTest.class.getResourceAsStream("/saved-object.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  @Test
  void everyObjectHasTheShapeOfOurSchema() throws IOException {
    Schema schema = schema();

    for (SavedObject o : bundle()) {
      List<Error> errors = schema.validate(MAPPER.writeValueAsString(o.json()), InputFormat.JSON);
      assertThat(errors).as(o.id()).isEmpty();
    }
  }

  @Test
  void theSchemaRejectsAnUnknownVisualisationAndAMissingMigrationVersion() throws IOException {
    Schema schema = schema();
    ObjectNode lens =
        bundle().stream()
            .filter(o -> o.id().equals(SESSIONS_PER_DAY))
            .findFirst()
            .orElseThrow()
            .json()
            .deepCopy();
    ((ObjectNode) lens.path("attributes")).put("visualizationType", "lnsGauge3D");
    lens.remove("typeMigrationVersion");

    List<Error> errors = schema.validate(MAPPER.writeValueAsString(lens), InputFormat.JSON);

    assertThat(errors)
        .extracting(Error::toString)
        .anySatisfy(m -> assertThat(m).contains("typeMigrationVersion"))
        .anySatisfy(m -> assertThat(m).contains("visualizationType"));
  }

  @Test
  void aFileWhoseIdDiffersFromItsNameIsRefused(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("lens"));
    Files.writeString(
        dir.resolve("lens/rehearse-lens-a.json"),
        "{\"id\":\"rehearse-lens-b\",\"type\":\"lens\",\"attributes\":{},\"references\":[]}");

    assertThatThrownBy(() -> SavedObjects.load(dir)).hasMessageContaining("rehearse-lens-b");
  }
}
