package dev.rehearse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceKillTest {

  @TempDir Path dir;

  @Test
  void killEndsTheServiceAndWhatItStartedAtOnceEvenIfTheyIgnoreSigterm() throws Exception {
    // given a service that ignores SIGTERM and has started a child that ignores it too
    Service service =
        Service.start(
            "stubborn",
            List.of(),
            List.of("sh", "-c", "trap '' TERM; sh -c \"trap '' TERM; sleep 300\" & sleep 300"),
            Map.of(),
            dir,
            dir.resolve("stubborn.log"));
    awaitChild(service);
    List<ProcessHandle> children =
        ProcessHandle.of(service.pid()).orElseThrow().descendants().toList();

    // when it is killed
    long t0 = System.nanoTime();
    service.kill();

    // then it and its children are gone at once, with no grace period (stop gives 20 s)
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(service.alive()).isFalse();
    assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aKilledServiceCanBeStartedAgainAndAppendsToItsLog() throws Exception {
    Path log = dir.resolve("echo.log");
    Service first =
        Service.start(
            "echo", List.of(), List.of("sh", "-c", "echo first; sleep 300"), Map.of(), dir, log);
    first.awaitReady(() -> Files.readString(log).contains("first"), Duration.ofSeconds(10));
    first.kill();

    Service second =
        Service.start(
            "echo", List.of(), List.of("sh", "-c", "echo second; sleep 300"), Map.of(), dir, log);
    second.awaitReady(() -> Files.readString(log).contains("second"), Duration.ofSeconds(10));

    assertThat(second.alive()).isTrue();
    assertThat(Files.readString(log)).contains("first", "second");
    second.kill();
  }

  private static void awaitChild(Service service) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(service.pid()).orElseThrow().descendants().count() < 2
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
