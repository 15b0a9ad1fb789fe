package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes of a running stack, recorded in {@code stack.pids} of its data directory: the
 * launcher first (with the stack's API address), then each service, each with its pid and the time
 * it started. {@code down} and the next {@code up} use it to find a stack that runs, or the
 * leftovers of a launcher that was killed. A recorded process counts only if a live process has its
 * pid and its start time (or, for a line without a start time, a command line naming the stack's
 * directories), so a pid the system gave to another process since is never taken for it.
 *
 * <pre>
 *   launcher 4242 1733100000120
 *   api-url http://127.0.0.1:8080
 *   kafka 4250 1733100001333
 * </pre>
 */
public final class StackState {

  private static final String LAUNCHER = "launcher";
  private static final String API_URL = "api-url";

  /** How far a live process's start time may be from the recorded one and still be the same. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private StackState() {}

  /** One recorded process: its name, its pid, and its start time when the system gave one. */
  record Entry(String name, long pid, Optional<Instant> started) {}

  /** What {@code stack.pids} holds: the processes, and the API address of the stack. */
  record Recorded(List<Entry> entries, Optional<String> apiUrl) {
    Recorded {
      entries = List.copyOf(entries);
    }

    static final Recorded NONE = new Recorded(List.of(), Optional.empty());
  }

  /** A live process as the process table shows it. */
  record LiveProcess(Optional<Instant> started, Optional<String> commandLine) {}

  /** The live processes of the system, by pid; tests give a table of their own. */
  @FunctionalInterface
  interface ProcessTable {
    Optional<LiveProcess> find(long pid);

    /** This system's processes. */
    ProcessTable SYSTEM =
        pid ->
            ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> new LiveProcess(p.info().startInstant(), p.info().commandLine()));
  }

  /** What the state of a data directory says, before a start: a stack runs, or it does not. */
  sealed interface Found permits Running, NotRunning {}

  /** The recorded launcher lives: the stack runs, whatever its services do. */
  record Running(long launcherPid, Optional<String> apiUrl) implements Found {}

  /** No recorded launcher lives; {@code leftovers} are the recorded services that still live. */
  record NotRunning(List<Entry> leftovers) implements Found {
    NotRunning {
      leftovers = List.copyOf(leftovers);
    }
  }

  /**
   * Decides whether the stack recorded in {@code recorded} runs: its launcher (other than {@code
   * self}) is a live process with the recorded pid and start time. Processes are matched as {@link
   * #alive} says; {@code markers} are the stack's directories, for lines without a start time.
   */
  static Found assess(Recorded recorded, ProcessTable table, long self, List<String> markers) {
    Optional<Entry> launcher =
        recorded.entries().stream()
            .filter(e -> e.name().equals(LAUNCHER))
            .filter(e -> e.pid() != self)
            .filter(e -> alive(e, table, markers))
            .findFirst();
    if (launcher.isPresent()) {
      return new Running(launcher.get().pid(), recorded.apiUrl());
    }
    return new NotRunning(
        recorded.entries().stream()
            .filter(e -> !e.name().equals(LAUNCHER))
            .filter(e -> alive(e, table, markers))
            .toList());
  }

  /**
   * Whether the process {@code e} recorded still runs: a live process has its pid and started when
   * it did (within {@link #START_TOLERANCE}); a line without a start time, or a process whose start
   * time the system does not tell, falls back to a command line naming one of {@code markers}.
   */
  static boolean alive(Entry e, ProcessTable table, List<String> markers) {
    Optional<LiveProcess> live = table.find(e.pid());
    if (live.isEmpty()) {
      return false;
    }
    if (e.started().isPresent() && live.get().started().isPresent()) {
      Duration apart = Duration.between(e.started().get(), live.get().started().get()).abs();
      return apart.compareTo(START_TOLERANCE) <= 0;
    }
    return live.get().commandLine().map(c -> markers.stream().anyMatch(c::contains)).orElse(false);
  }

  /** What a second {@code up} says when a stack already runs on its data directory. */
  static String runningMessage(Path dataDir, Running running) {
    return "a stack already runs on "
        + dataDir
        + " (launcher pid "
        + running.launcherPid()
        + running.apiUrl().map(u -> ", API " + u).orElse("")
        + "); use it as it is, or stop it first with ./rehearse down";
  }

  static Path file(StackConfig config) {
    return config.dataDir().resolve("stack.pids");
  }

  /** Starts a new record with this process as the launcher of a stack answering at its API. */
  static void recordLauncher(StackConfig config) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(
        file(config),
        line(LAUNCHER, self.pid(), self.info().startInstant())
            + API_URL
            + " "
            + config.apiUrl()
            + "\n",
        StandardCharsets.UTF_8);
  }

  static void recordService(StackConfig config, Service service) throws IOException {
    Files.writeString(
        file(config),
        line(service.name(), service.pid(), service.started()),
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  private static String line(String name, long pid, Optional<Instant> started) {
    return name + " " + pid + started.map(s -> " " + s.toEpochMilli()).orElse("") + "\n";
  }

  static void clear(StackConfig config) {
    try {
      Files.deleteIfExists(file(config));
    } catch (IOException e) {
      // a stale file is harmless: processes are checked before anything is signalled
    }
  }

  /** Whether a stack runs on the data directory of {@code config}, by its recorded state. */
  static Found find(StackConfig config) throws IOException {
    return assess(
        read(config), ProcessTable.SYSTEM, ProcessHandle.current().pid(), markers(config));
  }

  /**
   * Refuses to start beside a running stack, without touching its state; otherwise stops the
   * services a killed launcher left behind and removes the stale record.
   */
  static void stopLeftovers(StackConfig config, Consumer<String> progress) throws IOException {
    Found found = find(config);
    if (found instanceof Running running) {
      throw new IllegalStateException(runningMessage(config.dataDir(), running));
    }
    for (Entry e : ((NotRunning) found).leftovers()) {
      ProcessHandle.of(e.pid())
          .ifPresent(
              p -> {
                progress.accept(
                    "stopping " + e.name() + " (pid " + e.pid() + ") left by an earlier launcher");
                kill(p, Duration.ofSeconds(20));
              });
    }
    clear(config);
  }

  /**
   * Stops the stack of this data directory: its launcher, then anything left; a stale record is
   * removed. Whether any recorded process still ran.
   */
  public static boolean down(StackConfig config, Consumer<String> progress) throws IOException {
    Recorded recorded = read(config);
    boolean stopped = false;
    Found found =
        assess(recorded, ProcessTable.SYSTEM, ProcessHandle.current().pid(), markers(config));
    if (found instanceof Running running) {
      Optional<ProcessHandle> launcher = ProcessHandle.of(running.launcherPid());
      if (launcher.isPresent()) {
        progress.accept("stopping the stack (launcher pid " + running.launcherPid() + ")");
        kill(launcher.get(), Duration.ofSeconds(90));
        stopped = true;
      }
    }
    // what the launcher did not stop, or a killed launcher left
    for (Entry e : recorded.entries()) {
      if (e.name().equals(LAUNCHER) || !alive(e, ProcessTable.SYSTEM, markers(config))) {
        continue;
      }
      Optional<ProcessHandle> p = ProcessHandle.of(e.pid());
      if (p.isPresent()) {
        progress.accept("stopping " + e.name() + " (pid " + e.pid() + ")");
        kill(p.get(), Duration.ofSeconds(20));
        stopped = true;
      }
    }
    clear(config);
    return stopped;
  }

  /** The stack's directories, which the command line of each of its processes names. */
  private static List<String> markers(StackConfig config) {
    return List.of(config.home().toString(), config.dataDir().toString());
  }

  private static void kill(ProcessHandle process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static Recorded read(StackConfig config) throws IOException {
    Path file = file(config);
    if (!Files.exists(file)) {
      return Recorded.NONE;
    }
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * The record's lines: {@code NAME PID [START_EPOCH_MS]} per process (files written before start
   * times were recorded have none) and {@code api-url URL}; anything else is skipped.
   */
  static Recorded parse(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    Optional<String> apiUrl = Optional.empty();
    for (String line : lines) {
      String[] parts = line.strip().split(" ");
      if (parts.length == 2 && parts[0].equals(API_URL)) {
        apiUrl = Optional.of(parts[1]);
      } else if ((parts.length == 2 || parts.length == 3)
          && digits(parts[1])
          && (parts.length == 2 || digits(parts[2]))) {
        entries.add(
            new Entry(
                parts[0],
                Long.parseLong(parts[1]),
                parts.length == 3
                    ? Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[2])))
                    : Optional.empty()));
      }
    }
    return new Recorded(entries, apiUrl);
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
  }
}
