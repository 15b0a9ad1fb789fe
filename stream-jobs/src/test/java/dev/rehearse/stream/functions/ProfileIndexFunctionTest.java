package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.search.Delete;
import dev.rehearse.search.IndexWrite;
import dev.rehearse.search.ProfileChunks;
import dev.rehearse.search.Replace;
import dev.rehearse.search.documents.ProfileChunkDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileIndexFunctionTest {

  private KeyedOneInputStreamOperatorTestHarness<String, ProfileChange, ProfileIndexFunction.Writes>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ProfileIndexFunction()),
            ProfileChange::userId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static ProfileChange revision(String rev, String resume) {
    Profile profile =
        new Profile(
            "Backend Engineer",
            null,
            null,
            null,
            null,
            List.of("Kafka"),
            null,
            null,
            null,
            null,
            null,
            Optional.ofNullable(resume));
    return new ProfileChange(
        "u1", Optional.of(new ProfileRecord(1, "u1", rev, profile, Instant.EPOCH)));
  }

  private List<IndexWrite> send(ProfileChange change) throws Exception {
    harness.processElement(new StreamRecord<>(change));
    List<ProfileIndexFunction.Writes> out = harness.extractOutputValues();
    return out.get(out.size() - 1).writes();
  }

  @Test
  void chunksAreEmbeddedAndAShorterRevisionOrAnErasureRemovesTheRest() throws Exception {
    List<IndexWrite> first =
        send(revision("r1", "Ran Kafka in production.\n\n" + "Long story. ".repeat(200)));
    List<Replace> chunks =
        first.stream()
            .filter(w -> w instanceof Replace r && r.alias().equals("profile-chunks"))
            .map(Replace.class::cast)
            .toList();
    assertThat(first.get(0)).isInstanceOf(Replace.class);
    assertThat(((Replace) first.get(0)).alias()).isEqualTo("profiles");
    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(((ProfileChunkDocument) chunks.get(0).document()).vector()).hasSize(384);
    // before any state, every chunk id a profile could have is cleared
    assertThat(first.stream().filter(Delete.class::isInstance))
        .hasSize(ProfileChunks.MAX_CHUNKS - chunks.size());

    List<IndexWrite> second = send(revision("r2", null));
    long kept =
        second.stream()
            .filter(w -> w instanceof Replace r && r.alias().equals("profile-chunks"))
            .count();
    assertThat(second.stream().filter(Delete.class::isInstance))
        .hasSize(chunks.size() - (int) kept);

    List<IndexWrite> erased = send(new ProfileChange("u1", Optional.empty()));
    // the profile, its chunks and every research chunk it may have
    assertThat(erased)
        .allMatch(Delete.class::isInstance)
        .hasSize(1 + (int) kept + ProfileChunks.MAX_RESEARCH);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }
}
