package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The processes of a running stack, recorded in {@code stack.pids} of its data directory: the
 * launcher first, then each service. {@code down} and the next {@code up} use it to stop a stack,
 * or the leftovers of a launcher that was killed.
 */
public final class StackState {

  private StackState() {}

  static Path file(StackConfig config) {
    return config.dataDir().resolve("stack.pids");
  }

  static void recordLauncher(StackConfig config) throws IOException {
    Files.writeString(
        file(config), "launcher " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
  }

  static void recordService(StackConfig config, Service service) throws IOException {
    Files.writeString(
        file(config),
        service.name() + " " + service.pid() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  static void clear(StackConfig config) {
    try {
      Files.deleteIfExists(file(config));
    } catch (IOException e) {
      // a stale file is harmless: processes are checked before anything is signalled
    }
  }

  /** The live launcher of this data directory, if one runs. */
  static Optional<ProcessHandle> runningLauncher(StackConfig config) throws IOException {
    return entries(config).stream()
        .filter(e -> e.name().equals("launcher"))
        .map(e -> ProcessHandle.of(e.pid()))
        .flatMap(Optional::stream)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .findFirst();
  }

  /**
   * Refuses to start beside a running launcher, and stops services a killed launcher left behind.
   */
  static void stopLeftovers(StackConfig config, Consumer<String> progress) throws IOException {
    Optional<ProcessHandle> launcher = runningLauncher(config);
    if (launcher.isPresent()) {
      throw new IllegalStateException(
          "a stack already runs on "
              + config.dataDir()
              + " (launcher pid "
              + launcher.get().pid()
              + "); stop it with ./rehearse down");
    }
    for (Entry e : entries(config)) {
      Optional<ProcessHandle> p = ProcessHandle.of(e.pid()).filter(ours(config));
      if (p.isPresent() && !e.name().equals("launcher")) {
        progress.accept(
            "stopping " + e.name() + " (pid " + e.pid() + ") left by an earlier launcher");
        kill(p.get(), Duration.ofSeconds(20));
      }
    }
    clear(config);
  }

  /** Stops the stack of this data directory: its launcher, then anything left. */
  public static boolean down(StackConfig config, Consumer<String> progress) throws IOException {
    List<Entry> entries = entries(config);
    if (entries.isEmpty()) {
      return false;
    }
    Optional<ProcessHandle> launcher = runningLauncher(config);
    if (launcher.isPresent()) {
      progress.accept("stopping the stack (launcher pid " + launcher.get().pid() + ")");
      kill(launcher.get(), Duration.ofSeconds(90));
    }
    for (Entry e : entries) {
      ProcessHandle.of(e.pid())
          .filter(ours(config))
          .filter(p -> !e.name().equals("launcher"))
          .ifPresent(
              p -> {
                progress.accept("stopping " + e.name() + " (pid " + e.pid() + ")");
                kill(p, Duration.ofSeconds(20));
              });
    }
    clear(config);
    return true;
  }

  /** Only processes whose command line names this stack's directories are ever signalled. */
  private static java.util.function.Predicate<ProcessHandle> ours(StackConfig config) {
    return p ->
        p.isAlive()
            && p.info()
                .commandLine()
                .map(
                    c ->
                        c.contains(config.home().toString())
                            || c.contains(config.dataDir().toString()))
                .orElse(false);
  }

  private static void kill(ProcessHandle process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private record Entry(String name, long pid) {}

  private static List<Entry> entries(StackConfig config) throws IOException {
    Path file = file(config);
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .map(l -> l.split(" "))
        .filter(parts -> parts.length == 2 && parts[1].chars().allMatch(Character::isDigit))
        .map(parts -> new Entry(parts[0], Long.parseLong(parts[1])))
        .toList();
  }
}
