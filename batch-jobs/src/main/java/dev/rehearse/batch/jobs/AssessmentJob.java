package dev.rehearse.batch.jobs;

import static org.apache.spark.sql.functions.col;

import dev.rehearse.batch.BatchRunner;
import dev.rehearse.batch.transforms.AssessedFiles;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.batch.transforms.Benchmarks;
import dev.rehearse.batch.transforms.SessionAggregates;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.LakeDatasets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The assessment batch: the session aggregates, then the full assessment of every session in the
 * lake ({@code gold/assessments}, a full rewrite, so a re-run never duplicates), of which the
 * selected sessions go to the {@code assessments} index with their feedback: the named ones; or,
 * for {@link BatchRequest#onlyNew()}, those with answers the last complete run did not read ({@link
 * AssessedFiles}); or all. Then, when an analytics salt is set, the analytics indices are rebuilt
 * from the new assessments ({@link AnalyticsJob}).
 */
public final class AssessmentJob {

  /** How often the lake and the index are read again while an assessment waits. */
  private static final Duration POLL = Duration.ofSeconds(3);

  private final Lake lake;
  private final SearchIndex index;
  private final AggregatePublisher aggregates;
  private final BenchmarkPublisher benchmarks;
  private final Map<String, Map<String, Double>> rubrics;
  private final int minGroup;
  private final Optional<LlmFeedback> llm;
  private final Optional<AnalyticsJob> analytics;
  private final Clock clock;

  /**
   * @param rubrics the rubrics by interview type ({@link
   *     dev.rehearse.batch.transforms.Rubrics#builtIn()})
   * @param minGroup groups with fewer candidates are not ranked against
   * @param llm writes the feedback when present (the offline assessor where it fails)
   * @param analytics rebuilds the analytics indices after every assessment, when present (the batch
   *     runner passes none: the analytics batch runs on its own)
   * @param clock tells how long ago an assessment was requested and how long it has waited
   */
  public AssessmentJob(
      Lake lake,
      SearchIndex index,
      AggregatePublisher aggregates,
      BenchmarkPublisher benchmarks,
      Map<String, Map<String, Double>> rubrics,
      int minGroup,
      Optional<LlmFeedback> llm,
      Optional<AnalyticsJob> analytics,
      Clock clock) {
    this.lake = lake;
    this.index = index;
    this.aggregates = aggregates;
    this.benchmarks = benchmarks;
    this.rubrics = Map.copyOf(rubrics);
    this.minGroup = minGroup;
    this.llm = llm;
    this.analytics = analytics;
    this.clock = clock;
  }

  /** Runs the job; returns the number of sessions assessed into the index. */
  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    Optional<Dataset<Row>> bronze = awaitSessions(request, progress);
    if (bronze.isEmpty()) {
      return 0;
    }
    // one listing of the lake for both: answers committed in between are in neither
    Dataset<Row> answers = bronze.get();
    String[] files = answers.inputFiles();
    UnaryOperator<Dataset<Row>> select;
    if (request.onlyNew()) {
      List<String> unseen = AssessedFiles.unseen(files, assessedFiles());
      if (unseen.isEmpty()) {
        progress.step("nothing new since the last run", 1.0);
        return 0;
      }
      Dataset<Row> fresh = AssessedFiles.sessionsIn(lake.readFiles(unseen));
      select = rows -> rows.join(fresh, BronzeAnswerFields.SESSION_ID, "left_semi");
    } else {
      select = rows -> SessionAggregates.ofSessions(rows, request.sessionIds());
    }
    progress.step("session aggregates", 0.1);
    aggregates.publish(request.batchId(), answers, select);
    progress.step("scores and ranks", 0.35);
    Dataset<Row> answerScores = Assessments.scoreAnswers(answers).cache();
    Dataset<Row> scored = Assessments.sessions(answerScores, rubrics).cache();
    Dataset<Row> assessed = Benchmarks.ranks(scored, minGroup).cache();
    try {
      lake.overwrite(LakeDatasets.GOLD_ASSESSMENTS, assessed);
      progress.step("peer benchmarks", 0.6);
      benchmarks.publish(scored, answerScores, request.batchId());
      progress.step("indexing assessments", 0.8);
      Dataset<Row> selected = select.apply(assessed);
      long count = selected.count();
      long named = request.sessionIds().stream().distinct().count();
      if (count < named) {
        // every named session had answers in the lake when the wait ended: one left out of the
        // assessment is a fault of the job, not of the candidate
        throw new IllegalStateException(
            (named - count)
                + " of the sessions were not assessed although their answers are in the lake");
      }
      index.writeAssessments(selected, request.batchId(), llm);
      if (request.sessionIds().isEmpty()) {
        // every session in these files is in the index now: the next --new run starts after them
        lake.overwrite(
            LakeDatasets.GOLD_ASSESSED_FILES,
            AssessedFiles.rows(answers.sparkSession(), files).coalesce(1));
      }
      if (analytics.isPresent()) {
        analytics.get().publish(assessed, answerScores, request.batchId(), progress, 0.9);
      }
      return count;
    } finally {
      assessed.unpersist();
      scored.unpersist();
      answerScores.unpersist();
    }
  }

  /** The files the last complete run read; none before the first. */
  private Set<String> assessedFiles() throws IOException {
    return lake.read(LakeDatasets.GOLD_ASSESSED_FILES)
        .map(AssessedFiles::files)
        .orElseGet(HashSet::new);
  }

  /**
   * The bronze answers, once every requested session has answers in them ({@link AnswerWait}
   * decides): a session answered a moment ago may not be in the lake yet, so the lake and the index
   * are read again every {@link #POLL} while the answers may still come; a session that cannot get
   * answers fails the batch at once, before the heavy work.
   */
  private Optional<Dataset<Row>> awaitSessions(BatchRequest request, BatchRunner.Progress progress)
      throws IOException {
    List<String> sessionIds = request.sessionIds();
    Instant started = clock.instant();
    // a request without its time is taken as made now: the grace then runs from here
    Instant requestedAt = Optional.ofNullable(request.at()).orElse(started);
    while (true) {
      Optional<Dataset<Row>> bronze = lake.read(LakeDatasets.BRONZE_ANSWERS, true);
      if (sessionIds.isEmpty()) {
        return bronze;
      }
      Set<String> inLake = bronze.map(b -> sessionsIn(b, sessionIds)).orElseGet(Set::of);
      List<String> missing = sessionIds.stream().filter(id -> !inLake.contains(id)).toList();
      Map<String, SearchIndex.IndexedSession> indexed =
          missing.isEmpty() ? Map.of() : index.indexedSessions(missing);
      AnswerWait.Decision decision =
          AnswerWait.decide(sessionIds, inLake, indexed, requestedAt, started, clock.instant());
      if (decision instanceof AnswerWait.Proceed) {
        return bronze;
      }
      if (decision instanceof AnswerWait.Fail fail) {
        throw new IllegalStateException(fail.reason());
      }
      progress.step(((AnswerWait.Wait) decision).reason(), 0.02);
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the sessions' answers", e);
      }
    }
  }

  /** The requested sessions that have answers in {@code bronze}. */
  private static Set<String> sessionsIn(Dataset<Row> bronze, List<String> sessionIds) {
    Set<String> present = new HashSet<>();
    for (Row row :
        bronze
            .filter(col(BronzeAnswerFields.SESSION_ID).isin(sessionIds.toArray()))
            .select(BronzeAnswerFields.SESSION_ID)
            .distinct()
            .collectAsList()) {
      present.add(row.getString(0));
    }
    return present;
  }
}
