package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service of the stack running as a child process, its output appended to its own log file.
 * Started through {@code setpriv --pdeathsig}, so the service is signalled if the thread that
 * started it dies with the launcher, even by SIGKILL.
 */
final class Service {

  /** A readiness condition, polled until it holds. */
  @FunctionalInterface
  interface Check {
    boolean ready() throws Exception;
  }

  private final String name;
  private final Process process;
  private final Path log;

  private Service(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command}; {@code privileges} are extra {@code setpriv} options (for example to
   * drop root), placed before the parent-death signal.
   */
  static Service start(
      String name,
      List<String> privileges,
      List<String> command,
      Map<String, String> env,
      Path workDir,
      Path log)
      throws IOException {
    List<String> full = new ArrayList<>();
    full.add("setpriv");
    full.addAll(privileges);
    full.add("--pdeathsig");
    full.add("TERM");
    full.add("--");
    full.addAll(command);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(env);
    return new Service(name, builder.start(), log);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** When the process started, if the system tells. */
  Optional<Instant> started() {
    return process.info().startInstant();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Polls {@code check} until it holds; fails early, with the log's tail, if the service dies. */
  void awaitReady(Check check, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with status " + process.exitValue() + " while starting" + tail());
      }
      try {
        if (check.ready()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        name
            + " was not ready within "
            + timeout.toSeconds()
            + " s"
            + (last == null ? "" : " (last check: " + last + ")")
            + tail());
  }

  /**
   * Waits for a process that runs to its end (a submission) and returns its exit status; fails,
   * with the log's tail, if it still runs after {@code timeout}, and then kills it.
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException(
          name + " did not finish within " + timeout.toSeconds() + " s" + tail());
    }
    return process.exitValue();
  }

  /** The last lines of the service's log, for error messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
      return "\n--- last lines of " + log + " ---\n  " + String.join("\n  ", last);
    } catch (IOException | RuntimeException e) {
      return " (see " + log + ")";
    }
  }

  /**
   * Kills the service and every process it started with SIGKILL, as a crash or an out-of-memory
   * killer would, and waits until the service's process is gone.
   */
  void kill() throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle child : descendants) {
      try {
        child.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // gone or unkillable: nothing more a SIGKILL can do
      }
    }
  }

  /** Asks the service to stop (SIGTERM), then kills it and what it started after {@code grace}. */
  void stop(Duration grace) throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
