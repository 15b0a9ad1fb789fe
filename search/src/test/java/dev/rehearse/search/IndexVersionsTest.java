package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexVersionsTest {

  @Test
  void theNextVersionFollowsTheHighestWhateverElseMatches() {
    assertThat(IndexVersions.next(Indices.TURNS, Set.of("turns-v1"))).isEqualTo("turns-v2");
    assertThat(IndexVersions.next(Indices.TURNS, Set.of("turns-v2", "turns-v10", "turns-vx")))
        .isEqualTo("turns-v11");
    assertThat(IndexVersions.next(Indices.TURNS, Set.of())).isEqualTo("turns-v1");
    assertThat(IndexVersions.versionOf(Indices.PROFILE_CHUNKS, "profiles-v3")).isEqualTo(-1);
  }
}
