package dev.rehearse.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, offline, into its objects. */
final class Kustomize {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** {@code deploy/} of this checkout. */
  static final Path DEPLOY = Path.of(System.getProperty("manifests.root", "..")).normalize();

  /** Every kustomization a user may apply: the base and each overlay. */
  static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/dev", "overlays/prod");

  private Kustomize() {}

  static List<ObjectNode> render(String kustomization) {
    Path dir = DEPLOY.resolve("k8s").resolve(kustomization);
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(ProcessBuilder.Redirect.PIPE)
              .start();
      byte[] out;
      byte[] err;
      try (InputStream stdout = process.getInputStream();
          InputStream stderr = process.getErrorStream()) {
        out = stdout.readAllBytes();
        err = stderr.readAllBytes();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          "kubectl (with kustomize v5) is needed to render " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<ObjectNode> parse(String yaml) throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node != null && node.isObject()) {
          objects.add((ObjectNode) node);
        }
      }
    }
    return objects;
  }

  static String kindOf(JsonNode object) {
    return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
  }

  static String nameOf(JsonNode object) {
    return kindOf(object) + " " + object.path("metadata").path("name").asText();
  }

  static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}
