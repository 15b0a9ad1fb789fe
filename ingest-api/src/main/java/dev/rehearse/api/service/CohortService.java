package dev.rehearse.api.service;

import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.cohort.CohortRecord.Cohort;
import dev.rehearse.core.cohort.CohortRecord.Invite;
import dev.rehearse.core.cohort.CohortRecord.Member;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Cohorts for universities: a cohort admin creates cohorts, enrols and removes members (directly or
 * by invite codes candidates redeem), sees members' latest scores, and runs cohort report batches.
 * A cohort admin sees only the cohorts they own (another's answers 404); an admin sees all.
 */
public final class CohortService {

  static final int MAX_MEMBERS = 5_000;
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final Publisher publisher;
  private final CohortView view;
  private final TopicReader reader;
  private final SessionStore sessions;
  private final BatchView batches;
  private final ReportLinks reports;
  private final Duration replyTimeout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CohortService(
      Publisher publisher,
      CohortView view,
      TopicReader reader,
      SessionStore sessions,
      BatchView batches,
      ReportLinks reports,
      Duration replyTimeout,
      Clock clock) {
    this.publisher = publisher;
    this.view = view;
    this.reader = reader;
    this.sessions = sessions;
    this.batches = batches;
    this.reports = reports;
    this.replyTimeout = replyTimeout;
    this.clock = clock;
  }

  public Reply create(Caller caller, String name, Map<String, Double> rubric)
      throws InterruptedException {
    Cohort cohort =
        new Cohort(
            CohortRecord.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            name,
            caller.userId(),
            clock.instant(),
            rubric);
    write(cohort);
    return new Reply(201, cohort(cohort));
  }

  /** Replaces the cohort's rubric; an empty one goes back to the built-in rubrics. */
  public Reply setRubric(Caller caller, String cohortId, Map<String, Double> rubric)
      throws InterruptedException {
    Cohort cohort = owned(caller, cohortId).withRubric(rubric);
    write(cohort);
    return new Reply(200, cohort(cohort));
  }

  public Reply list(Caller caller) {
    List<Map<String, Object>> items =
        view.cohorts(caller.isAdmin() ? Optional.empty() : Optional.of(caller.userId())).stream()
            .map(this::cohort)
            .toList();
    return new Reply(200, Map.of("cohorts", items));
  }

  public Reply get(Caller caller, String cohortId) {
    return new Reply(200, cohort(owned(caller, cohortId)));
  }

  /** The members, each with their session count, average and latest provisional score. */
  public Reply members(Caller caller, String cohortId) throws IOException {
    owned(caller, cohortId);
    List<Member> members = view.members(cohortId);
    Map<String, SessionStore.Progress> progress =
        sessions.progress(members.stream().map(Member::userId).toList());
    List<Map<String, Object>> items =
        members.stream()
            .map(
                m -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("userId", m.userId());
                  item.put("via", m.via());
                  item.put("joinedAt", m.joinedAt().toString());
                  SessionStore.Progress p = progress.get(m.userId());
                  item.put("completedSessions", p == null ? 0 : p.completed());
                  if (p != null) {
                    p.averageScore().ifPresent(v -> item.put("averageScore", v));
                    p.latest().ifPresent(latest -> item.put("latest", latest));
                  }
                  return item;
                })
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cohortId", cohortId);
    body.put("total", items.size());
    body.put("members", items);
    return new Reply(200, body);
  }

  public Reply enrol(Caller caller, String cohortId, String userId) throws InterruptedException {
    owned(caller, cohortId);
    if (view.member(cohortId, userId).isPresent()) {
      return new Reply(200, member(view.member(cohortId, userId).get()));
    }
    full(cohortId);
    Member member =
        new Member(CohortRecord.SCHEMA_VERSION, cohortId, userId, "admin", clock.instant());
    write(member);
    return new Reply(201, member(member));
  }

  public Reply remove(Caller caller, String cohortId, String userId) throws InterruptedException {
    owned(caller, cohortId);
    view.member(cohortId, userId).orElseThrow(() -> Problem.notFound("member " + userId));
    RecordMetadata at = publisher.erase(Topics.COHORTS, Member.keyOf(cohortId, userId));
    reader.awaitHandled(at, replyTimeout);
    return new Reply(204, Map.of());
  }

  public Reply invite(Caller caller, String cohortId, int days) throws InterruptedException {
    owned(caller, cohortId);
    Invite invite =
        new Invite(
            CohortRecord.SCHEMA_VERSION,
            code(),
            cohortId,
            caller.userId(),
            clock.instant().plus(Duration.ofDays(days)));
    write(invite);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", invite.code());
    body.put("cohortId", cohortId);
    body.put("expiresAt", invite.expiresAt().toString());
    return new Reply(201, body);
  }

  /** A candidate redeems an invite code; an unknown or expired code answers 404. */
  public Reply join(Caller caller, String code) throws InterruptedException {
    Invite invite =
        view.invite(code)
            .filter(i -> i.expiresAt().isAfter(clock.instant()))
            .filter(i -> view.cohort(i.cohortId()).isPresent())
            .orElseThrow(() -> Problem.notFound("invite code"));
    Cohort cohort = view.cohort(invite.cohortId()).orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cohortId", cohort.cohortId());
    body.put("name", cohort.name());
    if (view.member(cohort.cohortId(), caller.userId()).isPresent()) {
      body.put("status", "already-member");
      return new Reply(200, body);
    }
    full(cohort.cohortId());
    write(
        new Member(
            CohortRecord.SCHEMA_VERSION,
            cohort.cohortId(),
            caller.userId(),
            "invite",
            clock.instant()));
    body.put("status", "joined");
    return new Reply(201, body);
  }

  /** Requests the cohort report batch over the members' sessions of a date window. */
  public Reply requestBatch(
      Caller caller, String cohortId, Optional<LocalDate> from, Optional<LocalDate> to) {
    owned(caller, cohortId);
    List<String> members = view.members(cohortId).stream().map(Member::userId).toList();
    if (members.isEmpty()) {
      throw new Problem(409, "Conflict", "the cohort has no members to assess", Optional.empty());
    }
    BatchRequest request =
        new BatchRequest(
            BatchRequest.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            BatchJob.COHORT_REPORT,
            caller.userId(),
            List.of(),
            members,
            Optional.of(cohortId),
            from,
            to,
            false,
            owned(caller, cohortId).rubric(),
            clock.instant());
    publisher.publish(Topics.BATCH_REQUESTS, request.batchId(), request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batchId", request.batchId());
    body.put("status", "queued");
    body.put("members", members.size());
    body.put("poll", "/ai-interview/cohorts/" + cohortId + "/batches/" + request.batchId());
    return new Reply(202, body);
  }

  /** A cohort batch's status and, once it succeeded, presigned links to the report files. */
  public Reply batch(Caller caller, String cohortId, String batchId) {
    owned(caller, cohortId);
    BatchView.Entry entry =
        batches
            .get(batchId)
            .filter(b -> b.request().cohortId().equals(Optional.of(cohortId)))
            .orElseThrow(() -> Problem.notFound("batch " + batchId));
    Map<String, Object> body = SessionService.batch(entry);
    if (entry.status().state() == dev.rehearse.core.events.BatchStatus.State.SUCCEEDED) {
      body.put("reports", reports.links(ReportLinks.prefix(cohortId, batchId)));
    }
    return new Reply(200, body);
  }

  private Cohort owned(Caller caller, String cohortId) {
    return view.cohort(cohortId)
        .filter(c -> caller.isAdmin() || c.ownerId().equals(caller.userId()))
        .orElseThrow(() -> Problem.notFound("cohort " + cohortId));
  }

  private void full(String cohortId) {
    if (view.members(cohortId).size() >= MAX_MEMBERS) {
      throw new Problem(
          409,
          "Conflict",
          "the cohort has the maximum of " + MAX_MEMBERS + " members",
          Optional.empty());
    }
  }

  /** Publishes and waits until this instance's view holds the write, so a next read sees it. */
  private void write(CohortRecord record) throws InterruptedException {
    RecordMetadata at = publisher.publish(Topics.COHORTS, record.key(), record);
    reader.awaitHandled(at, replyTimeout);
  }

  private String code() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  private Map<String, Object> cohort(Cohort cohort) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", cohort.cohortId());
    body.put("name", cohort.name());
    body.put("ownerId", cohort.ownerId());
    body.put("createdAt", cohort.createdAt().toString());
    if (!cohort.rubric().isEmpty()) {
      body.put("rubric", cohort.rubric());
    }
    body.put("memberCount", view.members(cohort.cohortId()).size());
    return body;
  }

  private static Map<String, Object> member(Member member) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cohortId", member.cohortId());
    body.put("userId", member.userId());
    body.put("via", member.via());
    body.put("joinedAt", member.joinedAt().toString());
    return body;
  }
}
