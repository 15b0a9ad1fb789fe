package dev.rehearse.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoint a restarted job resumes from: the newest complete one ({@code chk-N} with
 * its {@code _metadata}) under a local checkpoint directory. Used by the local stack so that a
 * second {@code up} continues the interviews in flight; on a cluster, restores are the operator's.
 */
final class Checkpoints {

  private Checkpoints() {}

  /** The newest complete checkpoint under {@code checkpointDir}, if it is a local directory. */
  static Optional<Path> latest(String checkpointDir) {
    URI uri = URI.create(checkpointDir);
    if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
      return Optional.empty();
    }
    Path root = uri.getScheme() == null ? Path.of(checkpointDir) : Path.of(uri);
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(root)) {
      return jobs.filter(Files::isDirectory)
          .flatMap(Checkpoints::children)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparing(Checkpoints::written));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + root, e);
    }
  }

  private static Stream<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static FileTime written(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
