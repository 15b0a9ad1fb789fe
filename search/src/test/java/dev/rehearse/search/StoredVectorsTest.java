package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StoredVectorsTest {

  @Test
  void onlyTextThatChangedOrIsAnotherUsersIsEmbeddedAgain() {
    float[] stored = {1f, 2f};
    List<String> embedded = new ArrayList<>();
    Function<String, float[]> embed =
        text -> {
          embedded.add(text);
          return new float[] {9f};
        };
    LongAdder fresh = new LongAdder();
    LongAdder reused = new LongAdder();
    Map<String, float[]> vectors = Map.of("ana\u0000Led the Kafka migration.", stored);

    Function<String, float[]> ana = StoredVectors.reusing(vectors, "ana", embed, fresh, reused);
    Function<String, float[]> bo = StoredVectors.reusing(vectors, "bo", embed, fresh, reused);

    assertThat(ana.apply("Led the Kafka migration.")).isSameAs(stored);
    assertThat(ana.apply("Led the Kafka migration, and the Flink one.")).containsExactly(9f);
    assertThat(bo.apply("Led the Kafka migration.")).containsExactly(9f);
    assertThat(embedded)
        .containsExactly("Led the Kafka migration, and the Flink one.", "Led the Kafka migration.");
    assertThat(fresh.sum()).isEqualTo(2);
    assertThat(reused.sum()).isEqualTo(1);
  }

  @Test
  void aNewChunksVersionRecordsTheModelItsVectorsComeFrom() {
    assertThat(
            Indices.PROFILE_CHUNKS.mapping().meta().get(StoredVectors.MODEL_META).to(String.class))
        .isEqualTo(Embedder.MODEL);
  }
}
