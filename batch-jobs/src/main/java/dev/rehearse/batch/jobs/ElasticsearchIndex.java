package dev.rehearse.batch.jobs;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.rehearse.batch.transforms.Benchmarks;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.BenchmarkFields;
import dev.rehearse.core.lake.SessionAggregateFields;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.Delete;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.IndexVersions;
import dev.rehearse.search.IndexWrite;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Indices.Index;
import dev.rehearse.search.Queries;
import dev.rehearse.search.Replace;
import dev.rehearse.search.Upsert;
import dev.rehearse.search.UserDocuments;
import dev.rehearse.search.documents.BenchmarkDocument;
import dev.rehearse.search.documents.BenchmarkDocumentFields;
import dev.rehearse.search.documents.DocumentFields;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.SessionDocumentFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The batch jobs' Elasticsearch, at one URL: bulk writes from the Spark executors in parallel (a
 * client per partition), or from the driver where an LLM writes the feedback, since the model's
 * rate limit and batches are shared by all.
 */
public final class ElasticsearchIndex implements SearchIndex {

  private static final int BULK_SIZE = 500;

  /** Sessions whose specs one search reads. */
  private static final int SPEC_CHUNK = 1_000;

  /** Sessions read from Spark at a time when an LLM writes the feedback. */
  private static final int LLM_CHUNK = 64;

  /** The benchmark groups an assessment run publishes (cohorts are their batches' own). */
  private static final Query PEER_GROUPS =
      Queries.terms(
          BenchmarkDocumentFields.GROUP_KIND,
          List.of(
              Benchmarks.KIND_ALL,
              Benchmarks.KIND_TYPE,
              Benchmarks.KIND_ROLE,
              Benchmarks.KIND_QUESTION));

  private final URI url;

  public ElasticsearchIndex(URI url) {
    this.url = url;
  }

  /** The cluster's URL, for work that runs on the executors. */
  public URI url() {
    return url;
  }

  /** A client of the cluster; the caller closes it. */
  public ElasticsearchClients connect() {
    return ElasticsearchClients.connect(url);
  }

  @Override
  public void mergeAggregates(Dataset<Row> aggregates, String batchId) {
    Instant computedAt = Instant.now();
    aggregates.foreachPartition(
        new BulkPartition(url, row -> aggregateUpsert(row, batchId, computedAt)));
  }

  @Override
  public void writeAssessments(Dataset<Row> assessed, String batchId, Optional<LlmFeedback> llm)
      throws IOException {
    String computedAt = Instant.now().toString();
    if (llm.isEmpty()) {
      assessed.foreachPartition(
          new BulkPartition(url, row -> AssessmentDocuments.of(row, batchId, computedAt)));
    } else {
      writeWithLlmFeedback(assessed, batchId, computedAt, llm.get());
    }
    // a batch that succeeded is searchable: the next session's weak areas read these at once
    try (ElasticsearchClients es = connect()) {
      es.client().indices().refresh(r -> r.index(Indices.ASSESSMENTS.alias()));
    }
  }

  /** Writes from the driver, in chunks an LLM writes the feedback of. */
  private void writeWithLlmFeedback(
      Dataset<Row> assessed, String batchId, String computedAt, LlmFeedback llm)
      throws IOException {
    try (ElasticsearchClients es = connect()) {
      BulkWriter writer = new BulkWriter(es.client());
      Iterator<Row> rows = assessed.toLocalIterator();
      List<Row> chunk = new ArrayList<>();
      while (rows.hasNext()) {
        chunk.add(rows.next());
        if (chunk.size() == LLM_CHUNK || !rows.hasNext()) {
          Map<String, LlmFeedback.Written> written =
              llm.feedback(chunk.stream().map(AssessmentDocuments::input).toList());
          List<Replace> documents = new ArrayList<>();
          for (Row row : chunk) {
            documents.add(
                AssessmentDocuments.of(
                    row,
                    batchId,
                    computedAt,
                    Optional.ofNullable(
                        written.get(row.<String>getAs(AssessmentKeyFields.SESSION_ID)))));
          }
          writer.write(documents);
          chunk.clear();
        }
      }
    }
  }

  @Override
  public void replacePeerBenchmarks(List<Row> rows, String batchId) throws IOException {
    replaceBenchmarks(rows, batchId, PEER_GROUPS);
  }

  @Override
  public void replaceCohortBenchmarks(List<Row> rows, String batchId, String cohortId)
      throws IOException {
    replaceBenchmarks(
        rows,
        batchId,
        Queries.allOf(
            Queries.term(BenchmarkDocumentFields.GROUP_KIND, Benchmarks.KIND_COHORT),
            Queries.term(BenchmarkDocumentFields.GROUP_VALUE, cohortId)));
  }

  /**
   * The benchmarks, written over those of the last run (one id per group and score); then the
   * documents in {@code scope} that this run did not write (groups that fell below the minimum size
   * or are gone) are deleted.
   */
  private void replaceBenchmarks(List<Row> rows, String batchId, Query scope) throws IOException {
    try (ElasticsearchClients es = connect()) {
      List<IndexWrite> writes = new ArrayList<>();
      String computedAt = Instant.now().toString();
      for (Row row : rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (String field : row.schema().fieldNames()) {
          doc.put(field, row.getAs(field));
        }
        doc.put(BenchmarkDocumentFields.BATCH_ID, batchId);
        doc.put(BenchmarkDocumentFields.COMPUTED_AT, computedAt);
        String id =
            row.getAs(BenchmarkFields.GROUP_KIND)
                + ":"
                + row.getAs(BenchmarkFields.GROUP_VALUE)
                + ":"
                + row.getAs(BenchmarkFields.SCORE);
        writes.add(
            new Replace(
                Indices.BENCHMARKS.alias(), id, DocumentFields.of(doc, BenchmarkDocument.class)));
      }
      new BulkWriter(es.client()).write(writes);
      Query stale =
          Query.of(
              q ->
                  q.bool(
                      b ->
                          b.filter(scope)
                              .mustNot(
                                  m ->
                                      m.term(
                                          t ->
                                              t.field(BenchmarkDocumentFields.BATCH_ID)
                                                  .value(batchId)))));
      UserDocuments.deleteMatching(es.client(), Indices.BENCHMARKS.alias(), stale);
    }
  }

  @Override
  public Map<String, IndexedSession> indexedSessions(Collection<String> sessionIds)
      throws IOException {
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(sessionIds));
    Map<String, IndexedSession> held = new LinkedHashMap<>();
    try (ElasticsearchClients es = connect()) {
      Map<String, Map<?, ?>> documents =
          sessionDocuments(
              es,
              ids,
              SessionDocumentFields.STATUS,
              SessionDocumentFields.ANSWERS,
              SessionDocumentFields.UPDATED_AT);
      BulkWriter reader = new BulkWriter(es.client());
      for (String id : ids) {
        // a turn's id is its answer's event id: every answered session has its first
        boolean answerIndexed = reader.get(Indices.TURNS.alias(), id + "/answer/0").isPresent();
        Map<?, ?> document = documents.get(id);
        if (document == null && !answerIndexed) {
          continue;
        }
        Map<?, ?> source = document == null ? Map.of() : document;
        held.put(
            id,
            new IndexedSession(
                text(source, SessionDocumentFields.STATUS),
                Optional.ofNullable(source.get(SessionDocumentFields.ANSWERS))
                    .filter(Number.class::isInstance)
                    .map(n -> ((Number) n).intValue()),
                instant(source, SessionDocumentFields.UPDATED_AT),
                answerIndexed));
      }
    }
    return held;
  }

  @Override
  public List<AnalyticsJob.SessionSpec> sessionSpecs(Collection<String> sessionIds)
      throws IOException {
    List<AnalyticsJob.SessionSpec> specs = new ArrayList<>();
    try (ElasticsearchClients es = connect()) {
      sessionDocuments(
              es,
              List.copyOf(sessionIds),
              SessionDocumentFields.SENIORITY,
              SessionDocumentFields.LANGUAGE,
              SessionDocumentFields.STARTED_AT,
              SessionDocumentFields.COMPLETED_AT)
          .forEach(
              (id, source) ->
                  specs.add(
                      new AnalyticsJob.SessionSpec(
                          id,
                          text(source, SessionDocumentFields.SENIORITY),
                          text(source, SessionDocumentFields.LANGUAGE),
                          instant(source, SessionDocumentFields.STARTED_AT),
                          instant(source, SessionDocumentFields.COMPLETED_AT))));
    }
    return specs;
  }

  /**
   * The {@code fields} of the sessions' documents, by session id, in requests of at most {@link
   * #SPEC_CHUNK} ids; a session without a document is absent.
   */
  private static Map<String, Map<?, ?>> sessionDocuments(
      ElasticsearchClients es, List<String> ids, String... fields) throws IOException {
    Map<String, Map<?, ?>> documents = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += SPEC_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SPEC_CHUNK));
      var response =
          es.client()
              .search(
                  s ->
                      s.index(Indices.SESSIONS.alias())
                          .query(q -> q.ids(i -> i.values(chunk)))
                          .size(chunk.size())
                          .source(src -> src.filter(f -> f.includes(List.of(fields)))),
                  Map.class);
      for (var hit : response.hits().hits()) {
        documents.put(hit.id(), hit.source() == null ? Map.of() : hit.source());
      }
    }
    return documents;
  }

  private static Optional<String> text(Map<?, ?> source, String field) {
    return Optional.ofNullable(source.get(field)).map(Object::toString).filter(t -> !t.isBlank());
  }

  /** A date of a document: ISO-8601 text as Rehearse writes it, or epoch milliseconds. */
  private static Optional<Instant> instant(Map<?, ?> source, String field) {
    Object value = source.get(field);
    if (value instanceof Number millis) {
      return Optional.of(Instant.ofEpochMilli(millis.longValue()));
    }
    try {
      return text(source, field).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public long rebuild(Index index, Dataset<Row> rows, Function<Row, Replace> document)
      throws IOException {
    try (ElasticsearchClients es = connect()) {
      String live = IndexVersions.current(es.client(), index);
      String next = IndexVersions.createNext(es.client(), index);
      Dataset<Row> cached = rows.cache();
      try {
        long count = cached.count();
        cached.foreachPartition(new BulkPartition(url, row -> document.call(row).to(next)));
        IndexVersions.swap(es.client(), index, live, next);
        return count;
      } finally {
        cached.unpersist();
      }
    }
  }

  @Override
  public Erased eraseUsers(List<String> users) throws IOException {
    try (ElasticsearchClients es = connect()) {
      long sessions = UserDocuments.delete(es.client(), Indices.SESSIONS.alias(), users);
      long turns = UserDocuments.delete(es.client(), Indices.TURNS.alias(), users);
      UserDocuments.delete(es.client(), Indices.ASSESSMENTS.alias(), users);
      UserDocuments.delete(es.client(), Indices.PROFILE_CHUNKS.alias(), users);
      new BulkWriter(es.client())
          .write(users.stream().map(u -> new Delete(Indices.PROFILES.alias(), u)).toList());
      return new Erased(sessions, turns);
    }
  }

  /** The upsert of a session's aggregate, from its row of {@code gold/session_aggregates}. */
  static Upsert aggregateUpsert(Row row, String batchId, Instant computedAt) {
    SessionDocument.Aggregate aggregate =
        new SessionDocument.Aggregate(
            row.<Integer>getAs(SessionAggregateFields.ANSWER_COUNT),
            row.<Long>getAs(SessionAggregateFields.TOTAL_WORDS),
            row.<Double>getAs(SessionAggregateFields.AVERAGE_WORDS),
            Optional.ofNullable(row.<Double>getAs(SessionAggregateFields.AVERAGE_WORDS_PER_MINUTE)),
            row.<Timestamp>getAs(SessionAggregateFields.FIRST_ANSWER_AT).toInstant(),
            row.<Timestamp>getAs(SessionAggregateFields.LAST_ANSWER_AT).toInstant(),
            computedAt,
            batchId);
    SessionDocument.Aggregated doc =
        new SessionDocument.Aggregated(
            row.getAs(SessionAggregateFields.SESSION_ID),
            row.getAs(SessionAggregateFields.USER_ID),
            aggregate);
    return new Upsert(Indices.SESSIONS.alias(), row.getAs(SessionAggregateFields.SESSION_ID), doc);
  }

  /**
   * Writes one partition from an executor, in bulk requests of {@value #BULK_SIZE}: each row
   * becomes the write {@code write} makes of it.
   */
  private static final class BulkPartition implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;

    private final URI url;
    private final Function<Row, IndexWrite> write;

    BulkPartition(URI url, Function<Row, IndexWrite> write) {
      this.url = url;
      this.write = write;
    }

    @Override
    public void call(Iterator<Row> rows) throws Exception {
      try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
        BulkWriter writer = new BulkWriter(es.client());
        List<IndexWrite> batch = new ArrayList<>();
        while (rows.hasNext()) {
          batch.add(write.call(rows.next()));
          if (batch.size() == BULK_SIZE) {
            writer.write(batch);
            batch.clear();
          }
        }
        writer.write(batch);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }
}
