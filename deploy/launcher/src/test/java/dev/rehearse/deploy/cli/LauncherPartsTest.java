package dev.rehearse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherPartsTest {
  @Test
  void demoAnswersCarryIncreasingNonOverlappingTimings() {
    @SuppressWarnings("unchecked")
    var words =
        (java.util.List<Map<String, Object>>) Demo.timedAnswer("one two three").get("words");

    assertThat(words).hasSize(3);
    for (int i = 1; i < words.size(); i++) {
      assertThat((Long) words.get(i).get("startMs"))
          .isGreaterThan((Long) words.get(i - 1).get("endMs"));
    }
  }

  @Test
  void theBatchProgressLineShowsABarTheStepAndTheTime() {
    dev.rehearse.core.events.BatchRequest request =
        dev.rehearse.core.events.BatchRequest.sessions(
            "0123456789abcdef",
            dev.rehearse.core.events.BatchJob.REINDEX,
            "operator",
            java.util.List.of(),
            java.time.Instant.EPOCH);
    dev.rehearse.core.events.BatchStatus running =
        new dev.rehearse.core.events.BatchStatus(
            1,
            "0123456789abcdef",
            dev.rehearse.core.events.BatchJob.REINDEX,
            dev.rehearse.core.events.BatchStatus.State.RUNNING,
            java.util.Optional.empty(),
            java.util.Optional.of("embedding 40 profiles"),
            java.util.Optional.of(0.25),
            java.time.Instant.EPOCH);

    assertThat(BatchCommand.line('|', request, "running", running, 12))
        .startsWith("| batch reindex 01234567: running   [#####---------------]  25% embedding 40")
        .endsWith(" 12 s");
    assertThat(BatchCommand.line('/', request, "queued", null, 0))
        .contains("[--------------------]   0%");
  }
}
