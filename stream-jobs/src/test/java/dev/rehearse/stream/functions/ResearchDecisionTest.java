package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import java.time.Duration;
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

/** When the profile job asks for research: {@code needsRefresh} against what it last asked. */
class ResearchDecisionTest {

  private static final Duration TTL = Duration.ofHours(168);

  private KeyedOneInputStreamOperatorTestHarness<String, ProfileChange, ProfileIndexFunction.Writes>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ProfileIndexFunction(Optional.of(TTL))),
            ProfileChange::userId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static ProfileChange change(String rev, String role, String company) {
    Profile profile =
        new Profile(
            role,
            null,
            Optional.ofNullable(company),
            null,
            Optional.of("senior"),
            List.of("Kafka"),
            null,
            null,
            null,
            null,
            null,
            null);
    return new ProfileChange(
        "u1", Optional.of(new ProfileRecord(1, "u1", rev, profile, Instant.EPOCH)));
  }

  /** The tasks a change at processing time {@code at} gives. */
  private List<ResearchTask> send(ProfileChange change, Duration at) throws Exception {
    int before = tasks().size();
    harness.setProcessingTime(at.toMillis());
    harness.processElement(new StreamRecord<>(change));
    List<ResearchTask> all = tasks();
    return all.subList(before, all.size());
  }

  private List<ResearchTask> tasks() {
    var out = harness.getSideOutput(ProfileIndexFunction.RESEARCH);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void aCompanyIsResearchedOnceUntilItsCompanyOrRoleChangesOrItIsAWeekOld() throws Exception {
    List<ResearchTask> first = send(change("r1", "Backend Engineer", "Acme"), Duration.ZERO);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).company()).contains("Acme");
    assertThat(first.get(0).role()).isEqualTo("Backend Engineer");
    assertThat(first.get(0).seniority()).contains("senior");
    assertThat(first.get(0).revision()).isEqualTo("r1");

    // another revision, same company (case and spaces aside) and role: nothing to fetch
    assertThat(send(change("r2", "Backend Engineer", " acme "), Duration.ofHours(1))).isEmpty();
    assertThat(send(change("r3", "Data Engineer", "Acme"), Duration.ofHours(2))).hasSize(1);
    assertThat(send(change("r4", "Data Engineer", "Globex"), Duration.ofHours(3))).hasSize(1);
    assertThat(send(change("r5", "Data Engineer", "Globex"), Duration.ofHours(3 + 167))).isEmpty();
    List<ResearchTask> stale = send(change("r6", "Data Engineer", "Globex"), Duration.ofHours(171));
    assertThat(stale).hasSize(1);

    // each task is newer than the one before, so the research step can tell stale outcomes
    List<Long> seqs = tasks().stream().map(ResearchTask::seq).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aProfileWithoutACompanyIsNotResearchedAndDroppingOrErasingTheCompanyDropsTheResearch()
      throws Exception {
    assertThat(send(change("r1", "Backend Engineer", null), Duration.ZERO)).isEmpty();
    send(change("r2", "Backend Engineer", "Acme"), Duration.ofMinutes(1));

    List<ResearchTask> dropped =
        send(change("r3", "Backend Engineer", null), Duration.ofMinutes(2));
    assertThat(dropped).hasSize(1);
    assertThat(dropped.get(0).company()).isEmpty();

    send(change("r4", "Backend Engineer", "Acme"), Duration.ofMinutes(3));
    List<ResearchTask> erased =
        send(new ProfileChange("u1", Optional.empty()), Duration.ofMinutes(4));
    assertThat(erased).hasSize(1);
    assertThat(erased.get(0).company()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void withoutResearchNoTaskLeaves() throws Exception {
    try (var off =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ProfileIndexFunction()),
            ProfileChange::userId,
            Types.STRING)) {
      off.open();
      off.processElement(new StreamRecord<>(change("r1", "Backend Engineer", "Acme")));
      assertThat(off.getSideOutput(ProfileIndexFunction.RESEARCH)).isNullOrEmpty();
      assertThat(off.extractOutputValues()).hasSize(1);
    }
  }
}
