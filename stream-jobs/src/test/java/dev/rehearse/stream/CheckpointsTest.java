package dev.rehearse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

  private static Path checkpoint(Path root, String job, int n, long writtenAt) throws Exception {
    Path chk = Files.createDirectories(root.resolve(job).resolve("chk-" + n));
    Path metadata = Files.writeString(chk.resolve("_metadata"), "m");
    Files.setLastModifiedTime(metadata, FileTime.fromMillis(writtenAt));
    return chk;
  }

  @Test
  void theNewestCompleteCheckpointOfAnyJobWins(@TempDir Path root) throws Exception {
    checkpoint(root, "job-a", 7, 1_000);
    Path newest = checkpoint(root, "job-b", 2, 5_000);
    Files.createDirectories(root.resolve("job-b/chk-3")); // in progress: no _metadata
    Files.createDirectories(root.resolve("job-b/shared"));

    assertThat(Checkpoints.latest(root.toUri().toString())).contains(newest);
    assertThat(Checkpoints.latest(root.toString())).contains(newest);
  }

  @Test
  void nothingToResumeFromAnEmptyOrMissingDirectory(@TempDir Path root) {
    assertThat(Checkpoints.latest(root.toUri().toString())).isEmpty();
    assertThat(Checkpoints.latest(root.resolve("missing").toUri().toString())).isEmpty();
  }

  @Test
  void remoteCheckpointDirectoriesAreLeftToTheOperator() {
    assertThat(Checkpoints.latest("s3://bucket/checkpoints")).isEmpty();
  }
}
