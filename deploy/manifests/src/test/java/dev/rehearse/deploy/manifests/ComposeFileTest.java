package dev.rehearse.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.core.config.Connections;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose.yaml} runs the same services as the cluster manifests on one machine, with
 * the settings the code reads: checked by parsing it, and by {@code docker-compose config} where it
 * is installed.
 */
class ComposeFileTest {

  private static final Path FILE = Kustomize.DEPLOY.resolve("compose.yaml");
  private static final Path REPOSITORY =
      Path.of(System.getProperty("repository.root", "../..")).normalize();

  /** The modules whose entry points read {@code REHEARSE_*} settings. */
  private static final List<String> MODULES =
      List.of(
          "core",
          "kafka-clients",
          "llm",
          "research",
          "search",
          "voice",
          "ingest-api",
          "stream-jobs",
          "batch-jobs",
          "deploy/launcher");

  private static JsonNode services;

  @BeforeAll
  static void parse() throws IOException {
    services = Kustomize.YAML.readTree(FILE.toFile()).path("services");
  }

  @Test
  void itRunsEveryServiceOfTheStack() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);

    assertThat(names)
        .containsExactlyInAnyOrder(
            "kafka",
            "kafka-init",
            "elasticsearch",
            "kibana",
            "s3",
            "s3-init",
            "api",
            "flink-jobmanager",
            "flink-taskmanager",
            "batch");
    assertThat(image("elasticsearch")).endsWith(":8.19.3");
    assertThat(image("kibana")).endsWith(":8.19.3");
    assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
  }

  @Test
  void ourImagesAreThoseTheImagesProfileBuilds() {
    String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");

    assertThat(image("api")).isEqualTo("rehearse/ingest-api:" + version);
    assertThat(image("flink-jobmanager")).isEqualTo("rehearse/stream-jobs:" + version);
    assertThat(image("flink-taskmanager")).isEqualTo("rehearse/stream-jobs:" + version);
    assertThat(image("batch")).isEqualTo("rehearse/batch-jobs:" + version);
  }

  @Test
  void everyRehearseSettingIsOneTheCodeReads() throws IOException {
    Set<String> read = settingsReadByTheCode();
    assertThat(read).contains(Connections.KAFKA_BOOTSTRAP, "REHEARSE_API_PORT");

    Map<String, Set<String>> unknown = new TreeMap<>();
    services
        .fields()
        .forEachRemaining(
            service ->
                service
                    .getValue()
                    .path("environment")
                    .fieldNames()
                    .forEachRemaining(
                        name -> {
                          if (name.startsWith("REHEARSE_") && !read.contains(name)) {
                            unknown
                                .computeIfAbsent(service.getKey(), k -> new TreeSet<>())
                                .add(name);
                          }
                        }));
    assertThat(unknown).isEmpty();
  }

  @Test
  void theServicesFindEachOtherAtTheAddressesAndPortsTheyServe() {
    for (String service : List.of("api", "flink-jobmanager", "flink-taskmanager", "batch")) {
      JsonNode env = services.path(service).path("environment");
      assertThat(env.path(Connections.KAFKA_BOOTSTRAP).asText()).isEqualTo("kafka:9092");
      URI es = URI.create(env.path(Connections.ES_URL).asText());
      assertThat(es.getHost() + ":" + es.getPort()).isEqualTo("elasticsearch:9200");
      URI s3 = URI.create(env.path(Connections.S3_ENDPOINT).asText());
      assertThat(s3.getHost() + ":" + s3.getPort()).isEqualTo("s3:9000");
    }
    assertThat(
            services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
        .isEqualTo("PLAINTEXT://kafka:9092");
    assertThat(services.path("elasticsearch").path("ports").get(0).asText()).endsWith(":9200");
    assertThat(services.path("s3").path("ports").get(0).asText()).endsWith(":9000");
    assertThat(services.path("flink-taskmanager").path("environment").path("FLINK_PROPERTIES"))
        .as("the TaskManager's Flink configuration is the JobManager's")
        .isEqualTo(services.path("flink-jobmanager").path("environment").path("FLINK_PROPERTIES"));
    String apiPort = services.path("api").path("environment").path("REHEARSE_API_PORT").asText();
    assertThat(services.path("api").path("ports").get(0).asText()).endsWith(":" + apiPort);
  }

  @Test
  void theTopicsAreThoseOfTheRegistry() {
    String script = services.path("kafka-init").path("command").get(0).asText();
    Matcher m = Pattern.compile("(?m)^t (\\S+) (\\d+)((?: --config \\S+)+)$").matcher(script);
    List<String> created = new ArrayList<>();
    while (m.find()) {
      created.add(m.group(1) + " " + m.group(2) + m.group(3));
    }

    assertThat(created)
        .containsExactlyElementsOf(
            Topics.all().stream()
                .map(
                    (Topic<?> t) ->
                        t.name()
                            + " "
                            + t.partitions()
                            + t.settings().entrySet().stream()
                                .map(e -> " --config " + e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining()))
                .toList());
  }

  @Test
  void noSecretIsWrittenInTheFile() {
    services
        .fields()
        .forEachRemaining(
            service ->
                service
                    .getValue()
                    .path("environment")
                    .fields()
                    .forEachRemaining(
                        e -> {
                          if (e.getKey().matches(".*(_KEY|_SECRET|_PASSWORD|ROOT_USER)$")) {
                            assertThat(e.getValue().asText())
                                .as(service.getKey() + " " + e.getKey())
                                .startsWith("${")
                                .endsWith("}");
                          }
                        }));
  }

  @Test
  void dockerComposeAcceptsIt() throws Exception {
    assumeThat(onPath("docker-compose")).as("docker-compose installed").isTrue();

    ProcessBuilder builder =
        new ProcessBuilder("docker-compose", "-f", FILE.toString(), "config", "--quiet")
            .redirectErrorStream(true);
    builder.environment().put("REHEARSE_S3_ACCESS_KEY", "test-access");
    builder.environment().put("REHEARSE_S3_SECRET_KEY", "test-secret");
    builder.environment().put("REHEARSE_JWT_SECRET", "test-jwt");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(out).isZero();
  }

  @Test
  void dockerComposeRefusesToStartWithoutTheSecrets() throws Exception {
    assumeThat(onPath("docker-compose")).as("docker-compose installed").isTrue();

    ProcessBuilder builder =
        new ProcessBuilder("docker-compose", "-f", FILE.toString(), "config", "--quiet")
            .redirectErrorStream(true);
    builder.environment().remove("REHEARSE_S3_ACCESS_KEY");
    builder.environment().remove("REHEARSE_S3_SECRET_KEY");
    builder.environment().remove("REHEARSE_JWT_SECRET");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isNotZero();
    assertThat(out).contains("REHEARSE_S3_ACCESS_KEY");
  }

  private static String image(String service) {
    return services.path(service).path("image").asText();
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** Every {@code REHEARSE_*} name spelled in the main sources of the services and the launcher. */
  private static Set<String> settingsReadByTheCode() throws IOException {
    Pattern name = Pattern.compile("\"(REHEARSE_[A-Z0-9_]+)\"");
    Set<String> names = new TreeSet<>();
    for (String module : MODULES) {
      Path sources = REPOSITORY.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .forEach(
                f -> {
                  try {
                    Matcher m = name.matcher(Files.readString(f));
                    while (m.find()) {
                      names.add(m.group(1));
                    }
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
    }
    return names;
  }
}
