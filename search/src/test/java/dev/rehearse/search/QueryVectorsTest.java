package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryVectorsTest {

  private final List<String> embedded = new ArrayList<>();
  private final QueryVectors vectors =
      new QueryVectors(
          q -> {
            embedded.add(q);
            return new float[] {q.length(), 0.5f};
          },
          2);

  @Test
  void aQueryIsEmbeddedOnceAndItsVectorReturnedEachTime() {
    assertThat(vectors.of("behavioral interview for Backend Engineer")).containsExactly(41f, 0.5f);
    assertThat(vectors.of("behavioral interview for Backend Engineer")).containsExactly(41f, 0.5f);

    assertThat(embedded).containsExactly("behavioral interview for Backend Engineer");
  }

  @Test
  void theLeastRecentlyUsedQueryIsDroppedPastCapacity() {
    vectors.of("a");
    vectors.of("b");
    vectors.of("a"); // b is now the least recently used
    vectors.of("c");
    vectors.of("a");
    vectors.of("b");

    assertThat(embedded).containsExactly("a", "b", "c", "b");
  }
}
