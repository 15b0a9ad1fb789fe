package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A launcher killed with SIGKILL leaves no service behind. */
class LauncherKillIT {

  @Test
  void killingTheLauncherStopsEveryService() throws Exception {
    // given a stack started by ./rehearse up in its own process
    Path home = Path.of(System.getProperty("rehearse.home", "../..")).toAbsolutePath().normalize();
    Path dir = home.resolve("deploy/launcher/target/it-kill-" + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    Map<String, String> env = LocalStack.env(home, dir);
    Path out = dir.resolve("launcher.out");
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
    Process launcher = builder.start();
    try {
      awaitLine(launcher, out, "rehearse stack is up", Duration.ofMinutes(4));
      List<ProcessHandle> services = launcher.descendants().toList();
      assertThat(services).hasSizeGreaterThanOrEqualTo(6);

      // when the launcher is killed without a chance to clean up
      launcher.destroyForcibly();
      launcher.waitFor();

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
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
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
