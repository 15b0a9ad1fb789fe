package dev.rehearse.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.core.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization renders offline, and every object it renders is valid against the schema of
 * its kind: what {@code kubectl apply --validate=strict} would check on a cluster with the
 * operators' CRDs installed.
 */
class ManifestSchemaTest {

  private static Schemas schemas;

  @BeforeAll
  static void loadSchemas() {
    schemas = Schemas.load();
  }

  static List<String> kustomizations() {
    return Kustomize.KUSTOMIZATIONS;
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyRenderedObjectIsValidAgainstTheSchemaOfItsKind(String kustomization) {
    List<ObjectNode> objects = Kustomize.render(kustomization);

    Map<String, List<String>> errors = new TreeMap<>();
    for (ObjectNode object : objects) {
      List<String> problems = schemas.errors(object);
      if (!problems.isEmpty()) {
        errors.put(Kustomize.nameOf(object), problems);
      }
    }
    assertThat(errors).as(kustomization).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyOverlayRendersTheWholeStack(String kustomization) {
    List<ObjectNode> objects = Kustomize.render(kustomization);

    Map<String, Long> kinds =
        objects.stream()
            .collect(
                Collectors.groupingBy(
                    o -> o.path("kind").asText(), TreeMap::new, Collectors.counting()));
    Map<String, Long> expected = new TreeMap<>();
    expected.put("ConfigMap", 1L);
    expected.put("Deployment", 2L); // the API and the Spark driver
    expected.put("Elasticsearch", 1L);
    expected.put("FlinkDeployment", 1L);
    expected.put("HorizontalPodAutoscaler", 1L);
    expected.put("Job", 1L);
    expected.put("Kafka", 1L);
    expected.put("KafkaNodePool", 1L);
    expected.put("KafkaTopic", (long) Topics.all().size());
    expected.put("Kibana", 1L);
    expected.put("PodDisruptionBudget", 1L);
    expected.put("Role", 2L);
    expected.put("RoleBinding", 2L);
    expected.put("Service", 2L);
    expected.put("ServiceAccount", 2L);
    assertThat(kinds).isEqualTo(expected);
    if (!kustomization.equals("base")) {
      assertThat(objects)
          .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).isNotEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void noSecretValueIsInTheManifests(String kustomization) {
    List<ObjectNode> objects = Kustomize.render(kustomization);

    assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("Secret"));
    List<JsonNode> env = new ArrayList<>();
    objects.forEach(o -> collectEnv(o, env));
    assertThat(env).isNotEmpty();
    assertThat(env)
        .filteredOn(
            e -> e.path("name").asText().matches(".*(_KEY|_SECRET|_PASSWORD|ACCESS_KEY_ID)$"))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText())
                    .as(e.path("name").asText())
                    .isNotEmpty());
  }

  @Test
  void theApiIsProbedOnHealthAndReadyAndScaledWithADisruptionBudget() {
    List<ObjectNode> objects = Kustomize.render("overlays/prod");

    JsonNode api =
        Kustomize.find(objects, "Deployment", "rehearse-api")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    assertThat(api.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health");
    assertThat(api.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/ready");
    JsonNode hpa = Kustomize.find(objects, "HorizontalPodAutoscaler", "rehearse-api").path("spec");
    assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo("rehearse-api");
    assertThat(hpa.path("minReplicas").asInt()).isEqualTo(3);
    JsonNode pdb = Kustomize.find(objects, "PodDisruptionBudget", "rehearse-api").path("spec");
    assertThat(pdb.path("selector").path("matchLabels"))
        .isEqualTo(
            Kustomize.find(objects, "Deployment", "rehearse-api")
                .path("spec")
                .path("selector")
                .path("matchLabels"));
  }

  @Test
  void theInterviewJobRunsInApplicationModeWithCheckpointsAndSavepointsOnS3() {
    JsonNode flink =
        Kustomize.find(Kustomize.render("overlays/prod"), "FlinkDeployment", "rehearse-interview")
            .path("spec");

    assertThat(flink.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(flink.path("job").path("jarURI").asText()).startsWith("local:///opt/flink/usrlib/");
    assertThat(flink.path("flinkConfiguration").path("execution.checkpointing.dir").asText())
        .startsWith("s3://");
    assertThat(flink.path("flinkConfiguration").path("state.savepoints.dir").asText())
        .startsWith("s3://");
  }

  @Test
  void theSparkDriverIsReachedThroughItsHeadlessService() {
    List<ObjectNode> objects = Kustomize.render("overlays/prod");

    JsonNode service = Kustomize.find(objects, "Service", "rehearse-spark-driver").path("spec");
    JsonNode driver = Kustomize.find(objects, "Deployment", "rehearse-batch").path("spec");
    assertThat(service.path("clusterIP").asText()).isEqualTo("None");
    assertThat(service.path("selector"))
        .isEqualTo(driver.path("template").path("metadata").path("labels"));
    Map<String, String> env = new TreeMap<>();
    driver
        .path("template")
        .path("spec")
        .path("containers")
        .get(0)
        .path("env")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    assertThat(env.get("REHEARSE_SPARK_MASTER")).startsWith("k8s://");
    assertThat(env.get("REHEARSE_SPARK_DRIVER_HOST")).isEqualTo("rehearse-spark-driver");
    List<String> ports = new ArrayList<>();
    service.path("ports").forEach(p -> ports.add(p.path("port").asText()));
    assertThat(ports)
        .containsExactly(
            env.get("REHEARSE_SPARK_DRIVER_PORT"), env.get("REHEARSE_SPARK_BLOCK_MANAGER_PORT"));
  }

  @Test
  void aMisspelledFieldAWrongValueAndAWrongTypeFailValidation() {
    List<ObjectNode> objects = Kustomize.render("overlays/prod");

    ObjectNode flink = Kustomize.find(objects, "FlinkDeployment", "rehearse-interview").deepCopy();
    ((ObjectNode) flink.path("spec").path("job")).put("upgradeMode", "savepiont");
    assertThat(schemas.errors(flink)).anySatisfy(e -> assertThat(e).contains("upgradeMode"));

    ObjectNode api = Kustomize.find(objects, "Deployment", "rehearse-api").deepCopy();
    ObjectNode container =
        (ObjectNode) api.path("spec").path("template").path("spec").path("containers").get(0);
    container.set("readynessProbe", container.remove("readinessProbe"));
    assertThat(schemas.errors(api)).anySatisfy(e -> assertThat(e).contains("readynessProbe"));

    ObjectNode topic = Kustomize.find(objects, "KafkaTopic", "rehearse-profiles").deepCopy();
    ((ObjectNode) topic.path("spec")).put("partitions", "four");
    assertThat(schemas.errors(topic)).anySatisfy(e -> assertThat(e).contains("partitions"));

    ObjectNode unknown = api.deepCopy();
    unknown.put("kind", "Deploymnet");
    assertThat(schemas.errors(unknown)).containsExactly("no schema for apps/v1/Deploymnet");
  }

  @Test
  void theUnchangedFlinkOperatorSchemaKnowsNoFlink2() {
    ObjectNode flink =
        Kustomize.find(Kustomize.render("base"), "FlinkDeployment", "rehearse-interview");

    assertThat(Schemas.verbatim().errors(flink))
        .anySatisfy(e -> assertThat(e).contains("flinkVersion"));
    assertThat(schemas.errors(flink)).isEmpty();
  }

  private static void collectEnv(JsonNode node, List<JsonNode> env) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("env") && e.getValue().isArray()) {
                  e.getValue().forEach(env::add);
                } else {
                  collectEnv(e.getValue(), env);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectEnv(n, env));
    }
  }
}
