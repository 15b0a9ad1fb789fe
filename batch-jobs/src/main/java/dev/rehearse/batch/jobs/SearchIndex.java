package dev.rehearse.batch.jobs;

import dev.rehearse.search.Indices.Index;
import dev.rehearse.search.Replace;
import dev.rehearse.search.documents.SessionDocument;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Elasticsearch indices as the batch jobs write them: session aggregates, assessments with
 * their feedback, benchmarks, and the erasure of users. Built once at the entry point ({@link
 * ElasticsearchIndex}) and handed to the jobs; tests hand them one that records the writes.
 */
public interface SearchIndex {

  /** What an erasure removed. */
  record Erased(long sessions, long turns) {}

  /** Merges each session's aggregate into its {@code sessions} document (rows of aggregates). */
  void mergeAggregates(Dataset<Row> aggregates, String batchId) throws IOException;

  /**
   * Writes the assessed sessions to the {@code assessments} index, each with its feedback: the
   * offline assessor's, or {@code llm}'s where it has one.
   */
  void writeAssessments(Dataset<Row> assessed, String batchId, Optional<LlmFeedback> llm)
      throws IOException;

  /**
   * Replaces the peer benchmarks (groups {@code all}, {@code type}, {@code role}, {@code question})
   * by {@code rows}: those of the last run that this one did not write are deleted.
   */
  void replacePeerBenchmarks(List<Row> rows, String batchId) throws IOException;

  /** Replaces the benchmarks of one cohort by {@code rows}, in the same way. */
  void replaceCohortBenchmarks(List<Row> rows, String batchId, String cohortId) throws IOException;

  /**
   * What the indices hold of one session: from its {@code sessions} document, its status, the
   * answers it counted when it completed and its last activity; and whether the {@code turns} index
   * has an answer of it.
   */
  record IndexedSession(
      Optional<String> status,
      Optional<Integer> answers,
      Optional<Instant> lastActivity,
      boolean answerIndexed) {

    /** Whether the session has an answer: one indexed, or counted when it completed. */
    public boolean answered() {
      return answerIndexed || answers.orElse(0) > 0;
    }

    /** Whether the session is over: it gets no more answers. */
    public boolean completed() {
      return status.filter(SessionDocument.COMPLETED::equals).isPresent();
    }
  }

  /**
   * What the indices hold of these sessions, by session id; a session that has neither a document
   * nor an indexed answer is left out.
   */
  Map<String, IndexedSession> indexedSessions(Collection<String> sessionIds) throws IOException;

  /**
   * The specs the {@code sessions} index holds of these sessions (seniority, language, start and
   * completion); a session it does not hold is left out.
   */
  List<AnalyticsJob.SessionSpec> sessionSpecs(Collection<String> sessionIds) throws IOException;

  /**
   * Rebuilds {@code index} from {@code rows}: each row's document ({@code document}) written into a
   * new version of the index, then the alias moved to it and the old version deleted. Returns the
   * number of documents written.
   */
  long rebuild(Index index, Dataset<Row> rows, Function<Row, Replace> document) throws IOException;

  /** Removes the users' documents from every index that holds any. */
  Erased eraseUsers(List<String> userIds) throws IOException;
}
