package dev.rehearse.voice.provider;

import dev.rehearse.voice.provider.ProviderException.Reason;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a local program (PocketSphinx, espeak-ng) with a deadline: its standard output goes to a
 * file in a directory of the caller's, its standard error is discarded, and past the deadline it is
 * killed with its children. An output longer than a limit is refused unread.
 */
public final class BoundedProcess {

  /** A program that exited by itself. */
  public record Outcome(int exitCode, byte[] stdout, Duration elapsed) {}

  private BoundedProcess() {}

  /**
   * Runs {@code command} in {@code dir}, standard input from {@code stdin} when given.
   *
   * @throws ProviderException {@link Reason#NOT_INSTALLED} when the program cannot be started,
   *     {@link Reason#TIMEOUT} when it was killed at the deadline, {@link Reason#PROCESS_FAILED}
   *     when its output is longer than {@code maxOutputBytes}
   */
  public static Outcome run(
      String provider,
      List<String> command,
      File stdin,
      Path dir,
      Duration timeout,
      long maxOutputBytes) {
    Path out = dir.resolve("stdout");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    if (stdin != null) {
      builder.redirectInput(stdin);
    }
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ProviderException(
          provider, Reason.NOT_INSTALLED, "cannot run " + command.get(0) + ": " + e.getMessage());
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new ProviderException(
            provider,
            Reason.TIMEOUT,
            command.get(0) + " did not finish within " + timeout.toMillis() + " ms and was killed");
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new ProviderException(provider, Reason.PROCESS_FAILED, "interrupted");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    try {
      long size = Files.size(out);
      if (size > maxOutputBytes) {
        throw new ProviderException(
            provider,
            Reason.PROCESS_FAILED,
            command.get(0) + " printed " + size + " bytes, more than " + maxOutputBytes);
      }
      return new Outcome(process.exitValue(), Files.readAllBytes(out), elapsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code command} itself when it names a file, else its first match on the {@code PATH}. */
  public static Optional<Path> executable(String command) {
    if (command.contains(File.separator)) {
      Path p = Path.of(command);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return Optional.of(Path.of(dir, command));
      }
    }
    return Optional.empty();
  }

  /** A private temporary directory, deleted with its files by {@link #deleteTree}. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and the files in it (one level: the runs here make no subdirectories). */
  public static void deleteTree(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a leftover temporary file is not worth failing the call for
    }
  }
}
