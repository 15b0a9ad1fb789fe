package dev.rehearse.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s/base/topics.yaml} is generated from the topic registry: the same names,
 * partitions and settings (compaction, retention) as the launcher creates on one machine. {@code
 * -Dmanifests.write=true} writes it again after a change to {@link Topics}.
 */
class KafkaTopicsTest {

  private static final Path FILE = Kustomize.DEPLOY.resolve("k8s/base/topics.yaml");

  /** The KafkaTopic objects of every registered topic, as YAML. */
  static String generate(List<Topic<?>> topics) {
    StringBuilder yaml =
        new StringBuilder()
            .append("# Generated from core's topic registry (dev.rehearse.core.topics.Topics) by")
            .append(" KafkaTopicsTest:\n")
            .append(
                "# `mvn -pl deploy/manifests test -Dmanifests.write=true` rewrites it; the test")
            .append(" fails while it differs.\n");
    for (Topic<?> topic : topics) {
      yaml.append("---\n")
          .append("apiVersion: kafka.strimzi.io/v1\n")
          .append("kind: KafkaTopic\n")
          .append("metadata:\n")
          .append("  name: ")
          .append(topic.name().replace('.', '-'))
          .append('\n')
          .append("  labels:\n")
          .append("    strimzi.io/cluster: rehearse\n")
          .append("spec:\n")
          .append("  topicName: ")
          .append(topic.name())
          .append('\n')
          .append("  partitions: ")
          .append(topic.partitions())
          .append('\n')
          .append("  replicas: 1\n")
          .append("  config:\n");
      topic
          .settings()
          .forEach(
              (name, value) ->
                  yaml.append("    ").append(name).append(": \"").append(value).append("\"\n"));
    }
    return yaml.toString();
  }

  @Test
  void theTopicManifestsAreThoseOfTheRegistry() throws IOException {
    String expected = generate(Topics.all());
    if (Boolean.getBoolean("manifests.write")) {
      Files.writeString(FILE, expected, StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void everyOverlayCreatesEveryTopicWithItsPartitionsAndCompaction() {
    for (String kustomization : Kustomize.KUSTOMIZATIONS) {
      List<ObjectNode> topics =
          Kustomize.render(kustomization).stream()
              .filter(o -> o.path("kind").asText().equals("KafkaTopic"))
              .toList();

      assertThat(topics)
          .as(kustomization)
          .extracting(t -> t.path("spec").path("topicName").asText())
          .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
      for (Topic<?> topic : Topics.all()) {
        ObjectNode spec =
            (ObjectNode)
                topics.stream()
                    .filter(t -> t.path("spec").path("topicName").asText().equals(topic.name()))
                    .findFirst()
                    .orElseThrow()
                    .path("spec");
        assertThat(spec.path("partitions").asInt()).isEqualTo(topic.partitions());
        topic
            .settings()
            .forEach(
                (name, value) ->
                    assertThat(spec.path("config").path(name).asText())
                        .as(topic.name() + " " + name)
                        .isEqualTo(value));
      }
    }
  }

  @Test
  void productionReplicatesEveryTopicThreeTimes() {
    assertThat(Kustomize.render("overlays/prod"))
        .filteredOn(o -> o.path("kind").asText().equals("KafkaTopic"))
        .hasSize(Topics.all().size())
        .allSatisfy(t -> assertThat(t.path("spec").path("replicas").asInt()).isEqualTo(3));
  }
}
