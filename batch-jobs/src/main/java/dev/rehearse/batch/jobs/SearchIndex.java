package dev.rehearse.batch.jobs;

import dev.rehearse.search.Indices.Index;
import dev.rehearse.search.Replace;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
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

  /** Whether the {@code turns} index has an answer of any of these sessions. */
  boolean hasAnswers(List<String> sessionIds) throws IOException;

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
