package dev.rehearse.batch.jobs;

import dev.rehearse.search.Indices;
import dev.rehearse.search.Replace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An index for the job tests: holds the sessions a test puts in it, and records what the jobs ask
 * of it and write to it.
 */
final class RecordingIndex implements SearchIndex {

  /** The sessions the index holds, by id. */
  final Map<String, IndexedSession> sessions = new HashMap<>();

  /** The session ids of each {@link #indexedSessions} call. */
  final List<List<String>> asked = new ArrayList<>();

  /** The session ids of the assessments written. */
  final List<String> assessed = new ArrayList<>();

  @Override
  public void mergeAggregates(Dataset<Row> aggregates, String batchId) {}

  @Override
  public void writeAssessments(Dataset<Row> rows, String batchId, Optional<LlmFeedback> llm) {
    for (Row row : rows.select("sessionId").collectAsList()) {
      assessed.add(row.getString(0));
    }
  }

  @Override
  public void replacePeerBenchmarks(List<Row> rows, String batchId) {}

  @Override
  public void replaceCohortBenchmarks(List<Row> rows, String batchId, String cohortId) {}

  @Override
  public Map<String, IndexedSession> indexedSessions(Collection<String> sessionIds) {
    asked.add(List.copyOf(sessionIds));
    Map<String, IndexedSession> held = new HashMap<>();
    for (String id : sessionIds) {
      if (sessions.containsKey(id)) {
        held.put(id, sessions.get(id));
      }
    }
    return held;
  }

  @Override
  public List<AnalyticsJob.SessionSpec> sessionSpecs(Collection<String> sessionIds) {
    return List.of();
  }

  @Override
  public long rebuild(Indices.Index index, Dataset<Row> rows, Function<Row, Replace> document) {
    return 0;
  }

  @Override
  public Erased eraseUsers(List<String> userIds) {
    return new Erased(0, 0);
  }
}
