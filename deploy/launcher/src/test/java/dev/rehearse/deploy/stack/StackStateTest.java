package dev.rehearse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.deploy.stack.StackState.Entry;
import dev.rehearse.deploy.stack.StackState.LiveProcess;
import dev.rehearse.deploy.stack.StackState.NotRunning;
import dev.rehearse.deploy.stack.StackState.ProcessTable;
import dev.rehearse.deploy.stack.StackState.Recorded;
import dev.rehearse.deploy.stack.StackState.Running;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a start decides, from {@code stack.pids} and the process table, whether a stack runs. */
class StackStateTest {

  private static final long SELF = 1;
  private static final Instant T0 = Instant.parse("2026-12-02T03:00:00.120Z");
  private static final List<String> MARKERS = List.of("/opt/rehearse", "/opt/rehearse/data");
  private static final String URL = "http://127.0.0.1:18080";

  private static Entry entry(String name, long pid, Instant started) {
    return new Entry(name, pid, Optional.of(started));
  }

  private static Recorded stack(Entry... entries) {
    return new Recorded(List.of(entries), Optional.of(URL));
  }

  /** A process table holding exactly {@code live}. */
  private static ProcessTable table(Map<Long, LiveProcess> live) {
    return pid -> Optional.ofNullable(live.get(pid));
  }

  private static LiveProcess startedAt(Instant started) {
    return new LiveProcess(Optional.of(started), Optional.of("java -jar rehearse-launcher.jar up"));
  }

  @Test
  void aLiveLauncherThatStartedWhenRecordedIsARunningStack() {
    Recorded recorded = stack(entry("launcher", 100, T0), entry("kafka", 101, T0.plusSeconds(1)));
    ProcessTable live =
        table(Map.of(100L, startedAt(T0.plusMillis(10)), 101L, startedAt(T0.plusSeconds(1))));

    assertThat(StackState.assess(recorded, live, SELF, MARKERS))
        .isEqualTo(new Running(100, Optional.of(URL)));
  }

  @Test
  void aLauncherWhosePidWasGivenToAnotherProcessIsNoStack() {
    // the launcher died and its pid went to a process started an hour later
    Recorded recorded = stack(entry("launcher", 100, T0), entry("kafka", 101, T0));
    ProcessTable live =
        table(Map.of(100L, startedAt(T0.plusSeconds(3600)), 101L, startedAt(T0.plusSeconds(5))));

    assertThat(StackState.assess(recorded, live, SELF, MARKERS))
        .isEqualTo(new NotRunning(List.of()));
  }

  @Test
  void servicesOfADeadLauncherAreLeftoversToStop() {
    Entry kafka = entry("kafka", 101, T0.plusSeconds(1));
    Entry api = entry("api", 102, T0.plusSeconds(20));
    Recorded recorded = stack(entry("launcher", 100, T0), kafka, api);
    ProcessTable live = table(Map.of(101L, startedAt(T0.plusSeconds(1))));

    assertThat(StackState.assess(recorded, live, SELF, MARKERS))
        .isEqualTo(new NotRunning(List.of(kafka)));
  }

  @Test
  void processesThatAllExitedLeaveAStaleRecord() {
    Recorded recorded = stack(entry("launcher", 100, T0), entry("kafka", 101, T0));

    assertThat(StackState.assess(recorded, table(Map.of()), SELF, MARKERS))
        .isEqualTo(new NotRunning(List.of()));
    assertThat(StackState.assess(Recorded.NONE, table(Map.of()), SELF, MARKERS))
        .isEqualTo(new NotRunning(List.of()));
  }

  @Test
  void theStartingLauncherIsNotAStackBesideItself() {
    Recorded recorded = stack(entry("launcher", SELF, T0));

    assertThat(StackState.assess(recorded, table(Map.of(SELF, startedAt(T0))), SELF, MARKERS))
        .isInstanceOf(NotRunning.class);
  }

  @Test
  void aLineWithoutAStartTimeMatchesByTheCommandLine() {
    Recorded recorded =
        new Recorded(List.of(new Entry("launcher", 100, Optional.empty())), Optional.empty());
    LiveProcess ours =
        new LiveProcess(
            Optional.of(T0), Optional.of("java -jar /opt/rehearse/deploy/launcher.jar up"));
    LiveProcess other = new LiveProcess(Optional.of(T0), Optional.of("/usr/sbin/sshd -D"));
    LiveProcess unknown = new LiveProcess(Optional.empty(), Optional.empty());

    assertThat(StackState.assess(recorded, table(Map.of(100L, ours)), SELF, MARKERS))
        .isEqualTo(new Running(100, Optional.empty()));
    assertThat(StackState.assess(recorded, table(Map.of(100L, other)), SELF, MARKERS))
        .isInstanceOf(NotRunning.class);
    assertThat(StackState.assess(recorded, table(Map.of(100L, unknown)), SELF, MARKERS))
        .isInstanceOf(NotRunning.class);
  }

  @Test
  void theRecordIsReadBackLineByLineAndOldLinesHaveNoStartTime() {
    Recorded recorded =
        StackState.parse(
            List.of(
                "launcher 100 1796178365190",
                "api-url " + URL,
                "kafka 101",
                "",
                "garbage here and there",
                "api x12"));

    assertThat(recorded)
        .isEqualTo(
            new Recorded(
                List.of(
                    entry("launcher", 100, Instant.ofEpochMilli(1796178365190L)),
                    new Entry("kafka", 101, Optional.empty())),
                Optional.of(URL)));
  }

  @Test
  void theRefusalNamesTheStackItsApiAndHowToStopIt() {
    assertThat(
            StackState.runningMessage(
                Path.of("/opt/rehearse/data"), new Running(100, Optional.of(URL))))
        .isEqualTo(
            "a stack already runs on /opt/rehearse/data (launcher pid 100, API "
                + URL
                + "); use it as it is, or stop it first with ./rehearse down");
  }

  @Test
  void aSecondStartBesideARunningStackLeavesItsRecordAsItIs(@TempDir Path dir) throws Exception {
    StackConfig config = config(dir);
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Files.createDirectories(config.dataDir());
      String record =
          "launcher "
              + other.pid()
              + " "
              + other.info().startInstant().orElseThrow().toEpochMilli()
              + "\napi-url "
              + URL
              + "\n";
      Files.writeString(StackState.file(config), record, StandardCharsets.UTF_8);

      assertThatThrownBy(() -> StackState.stopLeftovers(config, line -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("a stack already runs on " + config.dataDir())
          .hasMessageContaining("API " + URL)
          .hasMessageContaining("./rehearse down");
      // the launcher's shutdown hook closes the stack it did not start
      new Stack(config, line -> {}).close();

      assertThat(Files.readString(StackState.file(config), StandardCharsets.UTF_8))
          .isEqualTo(record);
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aStaleRecordIsRemoved(@TempDir Path dir) throws Exception {
    StackConfig config = config(dir);
    Process gone = new ProcessBuilder("true").start();
    Instant started = gone.info().startInstant().orElse(Instant.now());
    gone.waitFor(10, TimeUnit.SECONDS);
    Files.createDirectories(config.dataDir());
    Files.writeString(
        StackState.file(config),
        "launcher " + gone.pid() + " " + started.toEpochMilli() + "\n",
        StandardCharsets.UTF_8);

    StackState.stopLeftovers(config, line -> {});

    assertThat(StackState.file(config)).doesNotExist();
  }

  private static StackConfig config(Path dir) {
    return StackConfig.fromEnv(
        Map.of(
            "REHEARSE_DATA_DIR", dir.resolve("data").toString(),
            "REHEARSE_LOG_DIR", dir.resolve("logs").toString()),
        dir);
  }
}
