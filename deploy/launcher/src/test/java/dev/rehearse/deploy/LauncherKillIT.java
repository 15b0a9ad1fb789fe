package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./rehearse up} in its own process: killed with SIGKILL it leaves no service behind, and
 * the next {@code up} on the same data directory resumes the interviews that were in flight.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherKillIT {

  private static Path home;
  private static Path dir;
  private static Map<String, String> env;
  private static Process launcher;
  private static String sessionId;

  @BeforeAll
  static void configure() throws Exception {
    home = Path.of(System.getProperty("rehearse.home", "../..")).toAbsolutePath().normalize();
    dir = home.resolve("deploy/launcher/target/it-kill-" + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    env = LocalStack.env(home, dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (launcher != null) {
      launcher.destroy(); // SIGTERM: the launcher stops its services
      launcher.waitFor();
    }
  }

  private static Process up(String name) throws Exception {
    Path out = dir.resolve(name + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                home.resolve("deploy/launcher/target/rehearse-launcher.jar").toString(),
                "up")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    awaitLine(process, out, "rehearse stack is up", Duration.ofMinutes(4));
    return process;
  }

  private static ApiClient candidate() throws Exception {
    StackConfig config = StackConfig.fromEnv(env, home);
    String secret =
        Files.readString(config.dataDir().resolve("jwt-secret"), StandardCharsets.UTF_8).strip();
    return new ApiClient(
        config.apiUrl(),
        Tokens.sign(secret, "it-restart", List.of("candidate"), Duration.ofHours(1)));
  }

  @Test
  @Order(1)
  void killingTheLauncherStopsEveryService() throws Exception {
    // given a stack started by ./rehearse up, with an interview in flight and checkpointed
    launcher = up("first");
    ApiClient.Response started =
        candidate()
            .post(
                "/ai-interview/sessions",
                Map.of("type", "technical", "role", "SRE", "questionCount", 3));
    assertThat(started.status()).isEqualTo(201);
    sessionId = started.body().path("id").asText();
    awaitCheckpointAfter(Instant.now(), Duration.ofSeconds(60));
    List<ProcessHandle> services = launcher.descendants().toList();
    assertThat(services).hasSizeGreaterThanOrEqualTo(6);

    // when the launcher is killed without a chance to clean up
    launcher.destroyForcibly();
    launcher.waitFor();
    launcher = null;

    // then every process it started ends on its own
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (services.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(
            services.stream()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse("?")))
        .isEmpty();
  }

  @Test
  @Order(2)
  void theNextUpOnTheSameDataResumesTheInterview() throws Exception {
    // given the data left by the killed stack
    assertThat(sessionId).as("the first test started a session").isNotNull();

    // when the stack starts again on it
    launcher = up("second");

    // then the interview goes on where it was
    ApiClient.Response reply =
        candidate()
            .post(
                "/ai-interview/sessions/" + sessionId + "/message",
                Map.of("text", "I would add an alert on the error budget"));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.body();
    assertThat(body.path("index").asInt()).isZero();
    assertThat(body.path("metrics").path("wordCount").asInt()).isEqualTo(9);
    assertThat(body.path("next").path("index").asInt()).isEqualTo(1);
  }

  /** Waits until Flink completed a checkpoint written after {@code after}. */
  private static void awaitCheckpointAfter(Instant after, Duration timeout) throws Exception {
    Path checkpoints = StackConfig.fromEnv(env, home).dataDir().resolve("flink/checkpoints");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(checkpoints)) {
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
          FileTime since = FileTime.from(after);
          if (files.anyMatch(
              p -> p.getFileName().toString().equals("_metadata") && modifiedAfter(p, since))) {
            return;
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no checkpoint completed within " + timeout);
  }

  private static boolean modifiedAfter(Path file, FileTime since) {
    try {
      return Files.getLastModifiedTime(file).compareTo(since) > 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void awaitLine(Process process, Path out, String line, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the launcher exited:\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no '" + line + "' within " + timeout);
  }
}
