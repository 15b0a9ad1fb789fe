package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexWriteCodecTest {

  @Test
  void keptWritesSendTheSameDocumentsAgain() throws IOException {
    List<IndexWrite> writes = new ArrayList<>();
    writes.addAll(Projections.of(ProjectionsTest.started()));
    writes.addAll(Projections.of(ProjectionsTest.analyzed()));
    writes.add(new Delete("profile-chunks", "u1:0"));
    writes.add(new Replace("analytics-sessions", "s1", Map.of("score", 71.5, "role", "SRE")));
    assertThat(writes).hasAtLeastOneElementOfType(Upsert.class);
    assertThat(writes).hasAtLeastOneElementOfType(Replace.class);

    List<IndexWrite> restored = IndexWriteCodec.decode(IndexWriteCodec.encode(writes));

    assertThat(restored).hasSameSizeAs(writes);
    for (int i = 0; i < writes.size(); i++) {
      IndexWrite before = writes.get(i);
      IndexWrite after = restored.get(i);
      assertThat(after.getClass()).isEqualTo(before.getClass());
      assertThat(after.alias()).isEqualTo(before.alias());
      assertThat(after.id()).isEqualTo(before.id());
      assertThat(document(after)).isEqualTo(document(before));
    }
  }

  @Test
  void anUnknownDocumentTypeIsAnError() {
    byte[] bytes =
        "[{\"op\":\"replace\",\"alias\":\"a\",\"id\":\"1\",\"documentClass\":\"no.Such\",\"document\":{}}]"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> IndexWriteCodec.decode(bytes)).hasMessageContaining("no.Such");
  }

  /** The document as Elasticsearch gets it. */
  private static Object document(IndexWrite write) {
    Object document =
        write instanceof Upsert u ? u.document() : write instanceof Replace r ? r.document() : null;
    return document == null ? null : Documents.json(document);
  }
}
