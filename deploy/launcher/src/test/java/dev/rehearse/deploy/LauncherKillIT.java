package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.cli.Tokens;
import dev.rehearse.deploy.stack.StackConfig;
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
 * the next {@code up} on the same data directory restores the interview job from its last
 * checkpoint: every answer accepted before the kill, before or after that checkpoint, has its
 * metrics event and its lake row (once each after de-duplication by id), and every interview that
 * was in flight goes on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherKillIT {

  private static Path home;
  private static Path dir;
  private static Map<String, String> env;
  private static Process launcher;

  /** Interviews in flight when the launcher is killed. */
  private static final int SESSIONS = 4;

  private static final List<String> sessionIds = new java.util.ArrayList<>();
  private static final List<String> accepted = new java.util.ArrayList<>();

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
    // given a stack started by ./rehearse up, with interviews in flight: a first answer each
    // before a checkpoint, a second after it
    launcher = up("first");
    ApiClient candidate = candidate();
    for (int i = 0; i < SESSIONS; i++) {
      ApiClient.Response started =
          candidate.post(
              "/ai-interview/sessions",
              Map.of("type", "technical", "role", "SRE", "questionCount", 4));
      assertThat(started.status()).isEqualTo(201);
      sessionIds.add(started.body().path("id").asText());
    }
    for (String session : sessionIds) {
      answer(candidate, session, 0);
    }
    awaitCheckpointAfter(Instant.now(), Duration.ofSeconds(60));
    for (String session : sessionIds) {
      answer(candidate, session, 1);
    }
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

  /** Answers question {@code index} of a session; an acknowledged answer must never be lost. */
  private static void answer(ApiClient candidate, String session, int index) throws Exception {
    ApiClient.Response reply =
        candidate.post(
            "/ai-interview/sessions/" + session + "/message",
            Map.of("text", "I would add an alert on the error budget number " + index));
    assertThat(reply.status()).as(reply.body().toString()).isIn(200, 202);
    accepted.add(session + "/answer/" + index);
  }

  @Test
  @Order(2)
  void theNextUpResumesEveryInterviewAndLosesNoAcceptedAnswer() throws Exception {
    // given the data left by the killed stack
    assertThat(accepted).as("the first test answered").hasSize(2 * SESSIONS);

    // when the stack starts again on it
    launcher = up("second");
    StackConfig config = StackConfig.fromEnv(env, home);

    // then every accepted answer has its metrics event, once after de-duplication by id
    Map<String, Integer> analyzed =
        LocalStack.eventually(
            () -> {
              Map<String, Integer> seen =
                  LocalStack.answerEvents(config.kafkaBootstrap(), sessionIds::contains);
              return seen.keySet().containsAll(accepted) ? seen : null;
            });
    assertThat(analyzed.keySet()).containsExactlyInAnyOrderElementsOf(accepted);

    // and its row in the lake, once after de-duplication by id
    List<Map<String, Object>> rows =
        LocalStack.eventually(
            () -> {
              List<Map<String, Object>> all = LocalStack.lakeRows(config, "bronze/answers/");
              return all.stream()
                      .map(r -> (String) r.get("eventId"))
                      .collect(java.util.stream.Collectors.toSet())
                      .containsAll(accepted)
                  ? all
                  : null;
            });
    assertThat(rows.stream().map(r -> (String) r.get("eventId")).distinct())
        .containsExactlyInAnyOrderElementsOf(accepted);
    // a replayed answer is the same row again, never a different one
    Map<String, List<Map<String, Object>>> byId =
        rows.stream()
            .collect(java.util.stream.Collectors.groupingBy(r -> (String) r.get("eventId")));
    byId.values()
        .forEach(
            copies ->
                assertThat(copies)
                    .allMatch(c -> c.get("answer").equals(copies.get(0).get("answer"))));

    // and no session is stuck: each goes on with its third question
    ApiClient candidate = candidate();
    for (String session : sessionIds) {
      ApiClient.Response reply =
          candidate.post(
              "/ai-interview/sessions/" + session + "/message",
              Map.of("text", "I would add an alert on the error budget"));
      assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
      JsonNode body = reply.body();
      assertThat(body.path("index").asInt()).isEqualTo(2);
      assertThat(body.path("metrics").path("wordCount").asInt()).isEqualTo(9);
      assertThat(body.path("next").path("index").asInt()).isEqualTo(3);
    }
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
