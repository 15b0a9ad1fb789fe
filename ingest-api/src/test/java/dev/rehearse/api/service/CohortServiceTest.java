package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.service.BatchReplies.Accepted;
import dev.rehearse.api.service.BatchReplies.CohortBatch;
import dev.rehearse.api.service.BatchReplies.ReportLink;
import dev.rehearse.api.service.CohortReplies.Cohort;
import dev.rehearse.api.service.CohortReplies.Invite;
import dev.rehearse.api.service.CohortReplies.Joined;
import dev.rehearse.api.service.CohortReplies.Member;
import dev.rehearse.api.service.CohortReplies.MemberList;
import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CohortServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Caller UNI = new Caller("uni-admin", Set.of("cohort_admin"));
  private static final Caller OTHER = new Caller("other-admin", Set.of("cohort_admin"));
  private static final Caller ANA = new Caller("ana", Set.of("candidate"));
  private static final ReportLink REPORT =
      new ReportLink("report.html", 1200, "https://s3/report.html?sig", 900);

  private final ObjectMapper mapper = Json.newMapper();
  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final CohortView view = new CohortView(mapper);
  private final BatchView batches = new BatchView(mapper);
  private final InMemorySessionReader sessions = new InMemorySessionReader();
  private final List<String> reportPrefixes = new ArrayList<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private CohortService service;

  @BeforeEach
  void wire() {
    // the views read what the bus stored, as the topic readers do
    bus.onSent(
        sent -> {
          byte[] value = sent.value().map(v -> Json.toBytes(mapper, v)).orElse(null);
          var record = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), value);
          if (sent.topic().equals(Topics.COHORTS.name())) {
            view.onRecord(sent.topic(), record);
          } else {
            batches.onRecord(sent.topic(), record);
          }
        });
    service = service();
  }

  private CohortService service() {
    return new CohortService(
        bus,
        view,
        (write, timeout) -> true,
        sessions,
        batches,
        prefix -> {
          reportPrefixes.add(prefix);
          return List.of(REPORT);
        },
        Duration.ofSeconds(1),
        clock);
  }

  private String cohort() throws Exception {
    return service.create(UNI, "Class of 2027", Map.of()).body().id();
  }

  @Test
  void aNewCohortIsPublishedKeyedByItsIdAndRepliedWithoutARubric() throws Exception {
    Reply<Cohort> reply = service.create(UNI, "Class of 2027", Map.of());

    assertThat(reply.status()).isEqualTo(201);
    Cohort cohort = reply.body();
    CohortRecord published = bus.values(Topics.COHORTS).get(0);
    assertThat(published).isInstanceOf(CohortRecord.Cohort.class);
    assertThat(bus.sent().get(0).key()).isEqualTo("cohort:" + cohort.id());
    assertThat(cohort)
        .isEqualTo(new Cohort(cohort.id(), "Class of 2027", "uni-admin", NOW, Optional.empty(), 0));
  }

  @Test
  void aCohortWithItsOwnRubricShowsIt() throws Exception {
    String id = cohort();

    Cohort cohort = service.setRubric(UNI, id, Map.of("content", 2.0)).body();

    assertThat(cohort.rubric()).contains(Map.of("content", 2.0));
    assertThat(service.get(UNI, id).body().rubric()).contains(Map.of("content", 2.0));
  }

  @Test
  void anotherAdminsCohortIsNotFoundAndNotListed() throws Exception {
    String id = cohort();

    assertThatThrownBy(() -> service.get(OTHER, id))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
    assertThat(service.list(OTHER).body().cohorts()).isEmpty();
    assertThat(service.list(new Caller("root", Set.of("admin"))).body().cohorts()).hasSize(1);
  }

  @Test
  void enrollingPublishesAMemberOnceAndTheSecondTimeRepliesTheExistingOne() throws Exception {
    String id = cohort();

    Reply<Member> first = service.enrol(UNI, id, "ana");
    Reply<Member> again = service.enrol(UNI, id, "ana");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(first.body())
        .isEqualTo(
            new Member(
                Optional.of(id),
                "ana",
                "admin",
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertThat(bus.values(Topics.COHORTS)).hasSize(2); // the cohort, then one member
    assertThat(bus.sent().get(1).key()).isEqualTo("member:" + id + ":ana");
  }

  @Test
  void removingAMemberPublishesATombstone() throws Exception {
    String id = cohort();
    service.enrol(UNI, id, "ana");

    Reply<Void> reply = service.remove(UNI, id, "ana");

    assertThat(reply.status()).isEqualTo(204);
    InMemoryCommandBus.Sent last = bus.sent().get(bus.sent().size() - 1);
    assertThat(last.key()).isEqualTo("member:" + id + ":ana");
    assertThat(last.value()).isEmpty();
    assertThat(view.member(id, "ana")).isEmpty();
    assertThatThrownBy(() -> service.remove(UNI, id, "ana"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
  }

  @Test
  void aCandidateJoinsWithAnInviteCodeOnce() throws Exception {
    String id = cohort();
    Invite invite = service.invite(UNI, id, 14).body();

    Reply<Joined> joined = service.join(ANA, invite.code());
    Reply<Joined> again = service.join(ANA, invite.code());

    assertThat(invite.code()).matches("[A-Z2-9]{10}");
    assertThat(invite.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(14)));
    assertThat(joined.status()).isEqualTo(201);
    assertThat(joined.body()).isEqualTo(new Joined(id, "Class of 2027", "joined"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().status()).isEqualTo("already-member");
    assertThat(view.member(id, "ana"))
        .hasValueSatisfying(m -> assertThat(m.via()).isEqualTo("invite"));
  }

  @Test
  void anExpiredInviteCodeIsNotFound() throws Exception {
    String id = cohort();
    String code = service.invite(UNI, id, 1).body().code();
    clock = Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    service = service();

    assertThatThrownBy(() -> service.join(ANA, code))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
    assertThat(view.member(id, "ana")).isEmpty();
  }

  @Test
  void aReportBatchOfACohortWithoutMembersIsAConflict() throws Exception {
    String id = cohort();

    assertThatThrownBy(() -> service.requestBatch(UNI, id, Optional.empty(), Optional.empty()))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
    assertThat(bus.values(Topics.BATCH_REQUESTS)).isEmpty();
  }

  @Test
  void aReportBatchCoversTheMembersWithTheCohortsRubric() throws Exception {
    String id = service.create(UNI, "Rubric class", Map.of("content", 3.0)).body().id();
    service.enrol(UNI, id, "ana");
    service.enrol(UNI, id, "ben");

    Reply<Accepted> reply =
        service.requestBatch(
            UNI, id, Optional.of(java.time.LocalDate.of(2026, 11, 1)), Optional.empty());

    BatchRequest request = bus.values(Topics.BATCH_REQUESTS).get(0);
    assertThat(request.job()).isEqualTo(BatchJob.COHORT_REPORT);
    assertThat(request.userIds()).containsExactly("ana", "ben");
    assertThat(request.cohortId()).contains(id);
    assertThat(request.rubric()).isEqualTo(Map.of("content", 3.0));
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().members()).contains(2);
    assertThat(reply.body().poll())
        .isEqualTo("/ai-interview/cohorts/" + id + "/batches/" + request.batchId());
  }

  @Test
  void membersShowTheirProgress() throws Exception {
    String id = cohort();
    service.enrol(UNI, id, "ana");
    service.enrol(UNI, id, "ben");
    sessions.progress(
        "ana",
        new SessionReader.Progress(
            3,
            Optional.of(72.5),
            Optional.of(InMemorySessionReader.sessionDocument(Map.of("sessionId", "s9")))));

    MemberList list = service.members(UNI, id).body();

    assertThat(list.total()).isEqualTo(2);
    assertThat(list.members().get(0).completedSessions()).contains(3L);
    assertThat(list.members().get(0).averageScore()).contains(72.5);
    assertThat(list.members().get(0).latest())
        .hasValueSatisfying(s -> assertThat(s.sessionId()).contains("s9"));
    assertThat(list.members().get(0).cohortId()).isEmpty();
    assertThat(list.members().get(1).completedSessions()).contains(0L);
    assertThat(list.members().get(1).averageScore()).isEmpty();
  }

  @Test
  void aSucceededCohortBatchLinksItsReports() throws Exception {
    String id = cohort();
    service.enrol(UNI, id, "ana");
    String batchId =
        service.requestBatch(UNI, id, Optional.empty(), Optional.empty()).body().batchId().get();

    CohortBatch queued = service.batch(UNI, id, batchId).body();
    batches.onRecord(
        Topics.BATCH_STATUS.name(),
        new ConsumerRecord<>(
            Topics.BATCH_STATUS.name(),
            0,
            0L,
            batchId,
            Json.toBytes(
                mapper,
                new BatchStatus(
                    BatchStatus.SCHEMA_VERSION,
                    batchId,
                    BatchJob.COHORT_REPORT,
                    BatchStatus.State.SUCCEEDED,
                    Optional.of(1L),
                    Optional.empty(),
                    Optional.empty(),
                    NOW))));
    CohortBatch done = service.batch(UNI, id, batchId).body();

    assertThat(queued.batch().state()).isEqualTo("queued");
    assertThat(queued.reports()).isEmpty();
    assertThat(done.batch().state()).isEqualTo("succeeded");
    assertThat(done.batch().processed()).contains(1L);
    assertThat(done.reports()).contains(List.of(REPORT));
    assertThat(reportPrefixes).containsExactly("reports/" + id + "/" + batchId + "/");
  }
}
