package dev.rehearse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A spoken answer's analysis ends before the API stops waiting for the reply. */
class AudioTimeoutTest {

  private static Duration audioTimeout(Map<String, String> env) {
    return StreamJobsConfig.fromEnv(env).audioTimeout();
  }

  @Test
  void theAnalysisGetsTheApisReplyTimeoutLessASecond() {
    assertThat(audioTimeout(Map.of())).isEqualTo(Duration.ofSeconds(4));
    assertThat(audioTimeout(Map.of("REHEARSE_REPLY_TIMEOUT_MS", "12000")))
        .isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void aShortReplyTimeoutLeavesTheAnalysisHalfOfIt() {
    assertThat(audioTimeout(Map.of("REHEARSE_REPLY_TIMEOUT_MS", "1500")))
        .isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void anLlmWordsAFollowUpWithinHalfTheReplyTimeout() {
    assertThat(StreamJobsConfig.fromEnv(Map.of()).followUpTimeout())
        .isEqualTo(Duration.ofMillis(2_500));
    assertThat(
            StreamJobsConfig.fromEnv(Map.of("REHEARSE_REPLY_TIMEOUT_MS", "12000"))
                .followUpTimeout())
        .isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void theLakeIsReadThroughTheS3FileSystemOfItsBucket() {
    assertThat(StreamJobsConfig.fromEnv(Map.of("REHEARSE_LAKE_BUCKET", "lake-b")).lakeRoot())
        .isEqualTo("s3://lake-b");
  }
}
