package dev.rehearse.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The schemas every rendered object is validated against, by {@code apiVersion/kind}: Kubernetes'
 * own definitions for the built-in kinds and each operator's CRD schema for its kinds (sources in
 * {@code schemas/SOURCES.md}). Validation is strict like the API server's {@code
 * --validate=strict}: a field a schema does not name is an error, except where the schema keeps
 * unknown fields ({@code x-kubernetes-preserve-unknown-fields}).
 */
final class Schemas {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The Flink version the job is built against, added to the 1.10.0 CRD's {@code flinkVersion} enum
   * (which ends at v1_20): an operator that runs Flink 2.2 lists it.
   */
  static final String FLINK_VERSION = "v2_2";

  private static final List<String> CRDS =
      List.of(
          "kafka.strimzi.io_v1_Kafka",
          "kafka.strimzi.io_v1_KafkaNodePool",
          "kafka.strimzi.io_v1_KafkaTopic",
          "elasticsearch.k8s.elastic.co_v1_Elasticsearch",
          "kibana.k8s.elastic.co_v1_Kibana",
          "flink.apache.org_v1beta1_FlinkDeployment");

  private final Map<String, Schema> byKind = new HashMap<>();

  private Schemas(boolean addFlinkVersion) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    JsonNode kubernetes = read("kubernetes-definitions.json");
    ObjectNode definitions = (ObjectNode) kubernetes.path("definitions").deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> definition = it.next();
      definition.setValue(kubernetesDefinition(definition.getKey(), definition.getValue()));
    }
    kubernetes
        .path("kinds")
        .fields()
        .forEachRemaining(
            kind -> {
              ObjectNode root = NODES.objectNode();
              root.put("$ref", "#/definitions/" + kind.getValue().asText());
              root.set("definitions", definitions);
              byKind.put(kind.getKey(), compile(registry, root));
            });
    for (String crd : CRDS) {
      String[] parts = crd.split("_");
      JsonNode schema = crd(read(crd + ".json"));
      if (addFlinkVersion && parts[2].equals("FlinkDeployment")) {
        ((ArrayNode)
                schema
                    .path("properties")
                    .path("spec")
                    .path("properties")
                    .path("flinkVersion")
                    .path("enum"))
            .add(FLINK_VERSION);
      }
      byKind.put(parts[0] + "/" + parts[1] + "/" + parts[2], compile(registry, schema));
    }
  }

  /**
   * The schemas as the manifests are checked: the Flink CRD's enum extended by {@link
   * #FLINK_VERSION}.
   */
  static Schemas load() {
    return new Schemas(true);
  }

  /** The schemas exactly as extracted. */
  static Schemas verbatim() {
    return new Schemas(false);
  }

  /** The problems of one object; empty when it is valid. */
  List<String> errors(JsonNode object) {
    String kind = Kustomize.kindOf(object);
    Schema schema = byKind.get(kind);
    if (schema == null) {
      return List.of("no schema for " + kind);
    }
    try {
      List<Error> errors = schema.validate(JSON.writeValueAsString(object), InputFormat.JSON);
      return errors.stream().map(Error::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  java.util.Set<String> kinds() {
    return byKind.keySet();
  }

  private static Schema compile(SchemaRegistry registry, JsonNode schema) {
    try {
      return registry.getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String name) {
    try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kubernetes' OpenAPI (Swagger 2) definition as a strict JSON schema. */
  private static JsonNode kubernetesDefinition(String name, JsonNode definition) {
    if (name.equals("io.k8s.apimachinery.pkg.util.intstr.IntOrString")) {
      return types("integer", "string");
    }
    if (name.equals("io.k8s.apimachinery.pkg.api.resource.Quantity")) {
      return types("string", "number");
    }
    return strict(definition.deepCopy(), false);
  }

  /**
   * A CRD's structural schema as a strict JSON schema. The API server accepts {@code apiVersion},
   * {@code kind} and {@code metadata} on every custom object, named in its schema or not.
   */
  private static JsonNode crd(JsonNode schema) {
    ObjectNode root = (ObjectNode) schema.deepCopy();
    ObjectNode properties = root.with("properties");
    if (!properties.has("apiVersion")) {
      properties.putObject("apiVersion").put("type", "string");
    }
    if (!properties.has("kind")) {
      properties.putObject("kind").put("type", "string");
    }
    if (!properties.has("metadata")) {
      properties.putObject("metadata").put("type", "object");
    }
    return strict(root, true);
  }

  private static JsonNode strict(JsonNode node, boolean crd) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, strict(node.get(i), crd));
      }
      return node;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode object = (ObjectNode) node;
    // recurse into sub-schemas only, never into enum or default values
    for (String key : List.of("properties", "patternProperties", "definitions")) {
      JsonNode map = object.get(key);
      if (map != null && map.isObject()) {
        map.fields().forEachRemaining(e -> e.setValue(strict(e.getValue(), crd)));
      }
    }
    for (String key : List.of("items", "additionalProperties", "not")) {
      JsonNode sub = object.get(key);
      if (sub != null && sub.isContainerNode()) {
        object.set(key, strict(sub, crd));
      }
    }
    for (String key : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode subs = object.get(key);
      if (subs != null && subs.isArray()) {
        object.set(key, strict(subs, crd));
      }
    }
    if (object.path("x-kubernetes-int-or-string").asBoolean(false)
        || object.path("format").asText().equals("int-or-string")) {
      object.set("type", types("integer", "string").get("type"));
      object.remove("anyOf");
      object.remove("format");
    }
    if (object.path("nullable").asBoolean(false) && object.path("type").isTextual()) {
      object.set("type", NODES.arrayNode().add(object.path("type").asText()).add("null"));
    }
    boolean keepsUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (object.has("properties") && !object.has("additionalProperties") && !keepsUnknown) {
      object.put("additionalProperties", false);
    }
    return object;
  }

  private static ObjectNode types(String... types) {
    ObjectNode node = NODES.objectNode();
    ArrayNode array = node.putArray("type");
    for (String t : types) {
      array.add(t);
    }
    return node;
  }
}
