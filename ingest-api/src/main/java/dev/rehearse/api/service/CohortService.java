package dev.rehearse.api.service;

import dev.rehearse.api.service.BatchReplies.Accepted;
import dev.rehearse.api.service.BatchReplies.Batch;
import dev.rehearse.api.service.BatchReplies.CohortBatch;
import dev.rehearse.api.service.CohortReplies.CohortList;
import dev.rehearse.api.service.CohortReplies.Invite;
import dev.rehearse.api.service.CohortReplies.Joined;
import dev.rehearse.api.service.CohortReplies.Member;
import dev.rehearse.api.service.CohortReplies.MemberList;
import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cohorts for universities: a cohort admin creates cohorts, enrols and removes members (directly or
 * by invite codes candidates redeem), sees members' latest scores, and runs cohort report batches.
 * A cohort admin sees only the cohorts they own (another's answers 404); an admin sees all.
 */
public final class CohortService {

  static final int MAX_MEMBERS = 5_000;
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final CommandBus bus;
  private final CohortView view;
  private final ViewProgress reader;
  private final SessionReader sessions;
  private final BatchView batches;
  private final ReportLinks reports;
  private final Duration replyTimeout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CohortService(
      CommandBus bus,
      CohortView view,
      ViewProgress reader,
      SessionReader sessions,
      BatchView batches,
      ReportLinks reports,
      Duration replyTimeout,
      Clock clock) {
    this.bus = bus;
    this.view = view;
    this.reader = reader;
    this.sessions = sessions;
    this.batches = batches;
    this.reports = reports;
    this.replyTimeout = replyTimeout;
    this.clock = clock;
  }

  public Reply<CohortReplies.Cohort> create(Caller caller, String name, Map<String, Double> rubric)
      throws InterruptedException {
    CohortRecord.Cohort cohort =
        new CohortRecord.Cohort(
            CohortRecord.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            name,
            caller.userId(),
            clock.instant(),
            rubric);
    write(cohort);
    return new Reply<>(201, cohort(cohort));
  }

  /** Replaces the cohort's rubric; an empty one goes back to the built-in rubrics. */
  public Reply<CohortReplies.Cohort> setRubric(
      Caller caller, String cohortId, Map<String, Double> rubric) throws InterruptedException {
    CohortRecord.Cohort cohort = owned(caller, cohortId).withRubric(rubric);
    write(cohort);
    return new Reply<>(200, cohort(cohort));
  }

  public Reply<CohortList> list(Caller caller) {
    return new Reply<>(
        200,
        new CohortList(
            view
                .cohorts(caller.isAdmin() ? Optional.empty() : Optional.of(caller.userId()))
                .stream()
                .map(this::cohort)
                .toList()));
  }

  public Reply<CohortReplies.Cohort> get(Caller caller, String cohortId) {
    return new Reply<>(200, cohort(owned(caller, cohortId)));
  }

  /** The members, each with their session count, average and latest provisional score. */
  public Reply<MemberList> members(Caller caller, String cohortId) throws IOException {
    owned(caller, cohortId);
    List<CohortRecord.Member> members = view.members(cohortId);
    Map<String, SessionReader.Progress> progress =
        sessions.progress(members.stream().map(CohortRecord.Member::userId).toList());
    List<Member> items =
        members.stream()
            .map(
                m -> {
                  Optional<SessionReader.Progress> p =
                      Optional.ofNullable(progress.get(m.userId()));
                  return new Member(
                      Optional.empty(),
                      m.userId(),
                      m.via(),
                      m.joinedAt(),
                      Optional.of(p.map(SessionReader.Progress::completed).orElse(0L)),
                      p.flatMap(SessionReader.Progress::averageScore),
                      p.flatMap(SessionReader.Progress::latest));
                })
            .toList();
    return new Reply<>(200, new MemberList(cohortId, items.size(), items));
  }

  public Reply<Member> enrol(Caller caller, String cohortId, String userId)
      throws InterruptedException {
    owned(caller, cohortId);
    Optional<CohortRecord.Member> existing = view.member(cohortId, userId);
    if (existing.isPresent()) {
      return new Reply<>(200, member(existing.get()));
    }
    full(cohortId);
    CohortRecord.Member member =
        new CohortRecord.Member(
            CohortRecord.SCHEMA_VERSION, cohortId, userId, "admin", clock.instant());
    write(member);
    return new Reply<>(201, member(member));
  }

  public Reply<Void> remove(Caller caller, String cohortId, String userId)
      throws InterruptedException {
    owned(caller, cohortId);
    view.member(cohortId, userId).orElseThrow(() -> Problem.notFound("member " + userId));
    CommandBus.Acknowledged at =
        bus.erase(Topics.COHORTS, CohortRecord.Member.keyOf(cohortId, userId));
    reader.awaitHandled(at, replyTimeout);
    return Reply.noContent();
  }

  public Reply<Invite> invite(Caller caller, String cohortId, int days)
      throws InterruptedException {
    owned(caller, cohortId);
    CohortRecord.Invite invite =
        new CohortRecord.Invite(
            CohortRecord.SCHEMA_VERSION,
            code(),
            cohortId,
            caller.userId(),
            clock.instant().plus(Duration.ofDays(days)));
    write(invite);
    return new Reply<>(201, new Invite(invite.code(), cohortId, invite.expiresAt()));
  }

  /** A candidate redeems an invite code; an unknown or expired code answers 404. */
  public Reply<Joined> join(Caller caller, String code) throws InterruptedException {
    CohortRecord.Invite invite =
        view.invite(code)
            .filter(i -> i.expiresAt().isAfter(clock.instant()))
            .filter(i -> view.cohort(i.cohortId()).isPresent())
            .orElseThrow(() -> Problem.notFound("invite code"));
    CohortRecord.Cohort cohort = view.cohort(invite.cohortId()).orElseThrow();
    if (view.member(cohort.cohortId(), caller.userId()).isPresent()) {
      return new Reply<>(200, new Joined(cohort.cohortId(), cohort.name(), "already-member"));
    }
    full(cohort.cohortId());
    write(
        new CohortRecord.Member(
            CohortRecord.SCHEMA_VERSION,
            cohort.cohortId(),
            caller.userId(),
            "invite",
            clock.instant()));
    return new Reply<>(201, new Joined(cohort.cohortId(), cohort.name(), "joined"));
  }

  /** Requests the cohort report batch over the members' sessions of a date window. */
  public Reply<Accepted> requestBatch(
      Caller caller, String cohortId, Optional<LocalDate> from, Optional<LocalDate> to) {
    CohortRecord.Cohort cohort = owned(caller, cohortId);
    List<String> members =
        view.members(cohortId).stream().map(CohortRecord.Member::userId).toList();
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
            cohort.rubric(),
            clock.instant());
    bus.publish(Topics.BATCH_REQUESTS, request.batchId(), request);
    return new Reply<>(
        202,
        new Accepted(
            "queued",
            Optional.of(request.batchId()),
            Optional.empty(),
            Optional.of(members.size()),
            Optional.empty(),
            "/ai-interview/cohorts/" + cohortId + "/batches/" + request.batchId()));
  }

  /** A cohort batch's status and, once it succeeded, presigned links to the report files. */
  public Reply<CohortBatch> batch(Caller caller, String cohortId, String batchId) {
    owned(caller, cohortId);
    BatchView.Entry entry =
        batches
            .get(batchId)
            .filter(b -> b.request().cohortId().equals(Optional.of(cohortId)))
            .orElseThrow(() -> Problem.notFound("batch " + batchId));
    Optional<List<BatchReplies.ReportLink>> links =
        entry.status().state() == BatchStatus.State.SUCCEEDED
            ? Optional.of(reports.links(ReportLinks.prefix(cohortId, batchId)))
            : Optional.empty();
    return new Reply<>(200, new CohortBatch(Batch.of(entry), links));
  }

  private CohortRecord.Cohort owned(Caller caller, String cohortId) {
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
    CommandBus.Acknowledged at = bus.publish(Topics.COHORTS, record.key(), record);
    reader.awaitHandled(at, replyTimeout);
  }

  private String code() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  private CohortReplies.Cohort cohort(CohortRecord.Cohort cohort) {
    return new CohortReplies.Cohort(
        cohort.cohortId(),
        cohort.name(),
        cohort.ownerId(),
        cohort.createdAt(),
        cohort.rubric().isEmpty() ? Optional.empty() : Optional.of(cohort.rubric()),
        view.members(cohort.cohortId()).size());
  }

  private static Member member(CohortRecord.Member member) {
    return new Member(
        Optional.of(member.cohortId()),
        member.userId(),
        member.via(),
        member.joinedAt(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
