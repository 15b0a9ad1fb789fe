package dev.rehearse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCpuTest {

  @Test
  void ticksAreUserPlusSystemTimeEvenWhenTheCommandHoldsSpacesAndParentheses() {
    String stat =
        "4242 (C2 Compiler (x) 1) S 1 4242 4242 0 -1 4194560 1200 0 0 0 731 269 5 7 20 0 42 0"
            + " 1733100 2147483647 5000 18446744073709551615";

    assertThat(StackCpu.ticks(stat)).isEqualTo(731 + 269);
  }

  @Test
  void theServicesAreTheLinesOfStackPidsThatNameAProcess() {
    List<StackCpu.Service> services =
        StackCpu.services(
            List.of(
                "launcher 4242 1733100000120",
                "api-url http://127.0.0.1:8080",
                "kafka 4250 1733100001333",
                "elasticsearch 4260",
                ""));

    assertThat(services)
        .containsExactly(
            new StackCpu.Service("launcher", 4242),
            new StackCpu.Service("kafka", 4250),
            new StackCpu.Service("elasticsearch", 4260));
  }

  @Test
  void aProcessThatRunsIsMeasuredAndOneThatIsGoneCountsNothing(@TempDir Path dir) throws Exception {
    Path pids = dir.resolve("stack.pids");
    Files.writeString(
        pids, "launcher " + ProcessHandle.current().pid() + "\ngone " + Long.MAX_VALUE + "\n");
    long spin = System.nanoTime() + 300_000_000L;
    long x = 0;
    while (System.nanoTime() < spin) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }

    var snapshot = StackCpu.of(pids).orElseThrow().snapshot();

    assertThat(snapshot.get("launcher")).as("this JVM has run for %d", x).isPositive();
    assertThat(snapshot.get("gone")).isZero();
    assertThat(StackCpu.of(dir.resolve("absent"))).isEmpty();
  }
}
