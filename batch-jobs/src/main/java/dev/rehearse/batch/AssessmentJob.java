package dev.rehearse.batch;

import static org.apache.spark.sql.functions.col;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.json.Json;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Replace;
import dev.rehearse.search.UserDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The assessment batch: the session aggregates, then the full assessment of every session in the
 * lake ({@code gold/assessments}, a full rewrite, so a re-run never duplicates), of which the
 * selected sessions go to the {@code assessments} index with their feedback: the named ones; or,
 * for {@link BatchRequest#onlyNew()}, those with answers the last complete run did not read ({@link
 * AssessedFiles}); or all.
 */
public final class AssessmentJob {

  static final String GOLD_ASSESSMENTS = "gold/assessments";
  static final String GOLD_BENCHMARKS = "gold/benchmarks";
  private static final int BULK_SIZE = 500;

  /** Sessions read from Spark at a time when an LLM writes the feedback. */
  private static final int LLM_CHUNK = 64;

  /** Turns feedback into its document form; mappers are thread-safe and costly to create. */
  private static final ObjectMapper FEEDBACK_MAPPER = Json.newMapper();

  /** The benchmark groups an assessment run publishes (cohorts are their batches' own). */
  static final Query PEER_GROUPS =
      Query.of(
          q ->
              q.terms(
                  t ->
                      t.field("groupKind")
                          .terms(
                              v ->
                                  v.value(
                                      java.util.stream.Stream.of("all", "type", "role", "question")
                                          .map(
                                              co.elastic.clients.elasticsearch._types.FieldValue
                                                  ::of)
                                          .toList()))));

  private final SparkSession spark;
  private final BatchConfig config;
  private final SessionAggregatesJob aggregates;
  private final Map<String, Map<String, Double>> rubrics;
  private final Optional<LlmFeedback> llm;

  public AssessmentJob(SparkSession spark, BatchConfig config) {
    this(spark, config, Optional.empty());
  }

  /** With {@code llm}, the feedback comes from the model (the offline assessor where it fails). */
  public AssessmentJob(SparkSession spark, BatchConfig config, Optional<LlmFeedback> llm) {
    this.llm = llm;
    this.spark = spark;
    this.config = config;
    this.aggregates = new SessionAggregatesJob(spark, config);
    this.rubrics = rubrics();
  }

  /** The rubrics, by interview type: the weight of each dimension group in the overall score. */
  public static Map<String, Map<String, Double>> rubrics() {
    try (InputStream in = AssessmentJob.class.getResourceAsStream("rubrics.json")) {
      return Json.newMapper().readValue(in, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rubrics", e);
    }
  }

  /**
   * The rubrics a batch scores with: the built-in ones, or a cohort's own {@code rubric} for every
   * interview type when it brings one.
   */
  static Map<String, Map<String, Double>> rubrics(
      Map<String, Map<String, Double>> builtIn, Map<String, Double> rubric) {
    if (rubric.isEmpty()) {
      return builtIn;
    }
    Map<String, Map<String, Double>> everyType = new LinkedHashMap<>();
    builtIn.keySet().forEach(type -> everyType.put(type, rubric));
    return everyType;
  }

  /** Runs the job; returns the number of sessions assessed into the index. */
  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    Optional<Dataset<Row>> bronze = awaitSessions(request.sessionIds(), progress);
    if (bronze.isEmpty()) {
      return 0;
    }
    // one listing of the lake for both: answers committed in between are in neither
    Dataset<Row> answers = bronze.get();
    String[] files = answers.inputFiles();
    UnaryOperator<Dataset<Row>> select;
    if (request.onlyNew()) {
      List<String> unseen = AssessedFiles.unseen(files, AssessedFiles.read(spark, config));
      if (unseen.isEmpty()) {
        progress.step("nothing new since the last run", 1.0);
        return 0;
      }
      Dataset<Row> fresh = AssessedFiles.sessionsIn(spark, unseen);
      select = rows -> rows.join(fresh, "sessionId", "left_semi");
    } else {
      select = rows -> SessionAggregates.ofSessions(rows, request.sessionIds());
    }
    progress.step("session aggregates", 0.1);
    aggregates.run(request.batchId(), answers, select);
    progress.step("scores and ranks", 0.35);
    Dataset<Row> answerScores = Assessments.scoreAnswers(answers).cache();
    Dataset<Row> scored = Assessments.sessions(answerScores, rubrics).cache();
    Dataset<Row> assessed = Benchmarks.ranks(scored, config.minGroup()).cache();
    try {
      assessed.write().mode(SaveMode.Overwrite).parquet(config.lakeUri(GOLD_ASSESSMENTS));
      progress.step("peer benchmarks", 0.6);
      BenchmarkJob.publish(config, scored, answerScores, request.batchId());
      progress.step("indexing assessments", 0.8);
      Dataset<Row> selected = select.apply(assessed);
      long count = selected.count();
      if (count < request.sessionIds().size()) {
        // the lake commits answers at each checkpoint: a session answered a moment ago is not in it
        throw new IllegalStateException(
            (request.sessionIds().size() - count)
                + " of the sessions have no answers in the lake after "
                + LAKE_WAIT.toSeconds()
                + " s: were they answered?");
      }
      index(selected, config.connections().elasticsearchUrl(), request.batchId(), llm);
      if (request.sessionIds().isEmpty()) {
        // every session in these files is in the index now: the next --new run starts after them
        AssessedFiles.write(spark, config, files);
      }
      return count;
    } finally {
      assessed.unpersist();
      scored.unpersist();
      answerScores.unpersist();
    }
  }

  /** How long an assessment waits for its sessions' answers to reach the lake. */
  static final Duration LAKE_WAIT = Duration.ofSeconds(45);

  /**
   * The bronze answers, once every requested session has answers in them: the lake commits answers
   * at each checkpoint, so a session answered a moment ago may not be there yet; the lake is listed
   * again every few seconds, for at most {@link #LAKE_WAIT}.
   */
  private Optional<Dataset<Row>> awaitSessions(
      List<String> sessionIds, BatchRunner.Progress progress) throws IOException {
    long deadline = System.nanoTime() + LAKE_WAIT.toNanos();
    while (true) {
      Optional<Dataset<Row>> bronze =
          Lake.read(spark, config, SessionAggregatesJob.BRONZE_ANSWERS, true);
      long present =
          sessionIds.isEmpty() || bronze.isEmpty()
              ? 0
              : bronze
                  .get()
                  .filter(col("sessionId").isin(sessionIds.toArray()))
                  .select("sessionId")
                  .distinct()
                  .count();
      if (sessionIds.isEmpty() || present == sessionIds.size()) {
        return bronze;
      }
      // before the heavy work: a session with no answers, or answers that never came, fails here
      if (System.nanoTime() > deadline || !answered(sessionIds)) {
        throw new IllegalStateException(
            (sessionIds.size() - present)
                + " of the sessions have no answers in the lake"
                + (System.nanoTime() > deadline
                    ? " after " + LAKE_WAIT.toSeconds() + " s"
                    : ": they have not been answered"));
      }
      progress.step("waiting for the sessions' answers to reach the lake", 0.02);
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the lake", e);
      }
    }
  }

  /** Whether the {@code turns} index has an answer of any of these sessions: worth a wait. */
  private boolean answered(List<String> sessionIds) throws IOException {
    try (ElasticsearchClients es =
        ElasticsearchClients.connect(config.connections().elasticsearchUrl())) {
      BulkWriter reader = new BulkWriter(es.client());
      for (String id : sessionIds) {
        // a turn's id is its answer's event id: every answered session has its first
        if (reader.get(Indices.TURNS.alias(), id + "/answer/0").isPresent()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Writes the assessed sessions, each with its feedback, to the {@code assessments} index: in
   * parallel with the offline assessor; with an LLM, from the driver in chunks, since the model's
   * rate limit and batches are shared by all.
   */
  static void index(
      Dataset<Row> assessed, URI elasticsearch, String batchId, Optional<LlmFeedback> llm)
      throws IOException {
    if (llm.isEmpty()) {
      assessed.foreachPartition(new IndexPartition(elasticsearch, batchId, Instant.now()));
      return;
    }
    String computedAt = Instant.now().toString();
    try (ElasticsearchClients es = ElasticsearchClients.connect(elasticsearch)) {
      BulkWriter writer = new BulkWriter(es.client());
      Iterator<Row> rows = assessed.toLocalIterator();
      List<Row> chunk = new ArrayList<>();
      while (rows.hasNext()) {
        chunk.add(rows.next());
        if (chunk.size() == LLM_CHUNK || !rows.hasNext()) {
          Map<String, LlmFeedback.Written> written =
              llm.get().feedback(chunk.stream().map(AssessmentJob::input).toList());
          List<Replace> documents = new ArrayList<>();
          for (Row row : chunk) {
            documents.add(
                document(
                    row,
                    batchId,
                    computedAt,
                    Optional.ofNullable(written.get(row.<String>getAs("sessionId")))));
          }
          writer.write(documents);
          chunk.clear();
        }
      }
    }
  }

  /**
   * The published benchmarks, written over those of the last run (one id per group and score); then
   * the documents in {@code scope} that this run did not write (groups that fell below the minimum
   * size or are gone) are deleted.
   */
  static void writeBenchmarks(List<Row> rows, URI elasticsearch, String batchId, Query scope)
      throws IOException {
    try (ElasticsearchClients es = ElasticsearchClients.connect(elasticsearch)) {
      List<dev.rehearse.search.IndexWrite> writes = new ArrayList<>();
      String computedAt = Instant.now().toString();
      for (Row row : rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (String field : row.schema().fieldNames()) {
          doc.put(field, row.getAs(field));
        }
        doc.put("batchId", batchId);
        doc.put("computedAt", computedAt);
        String id =
            row.getAs("groupKind") + ":" + row.getAs("groupValue") + ":" + row.getAs("score");
        writes.add(new Replace(Indices.BENCHMARKS.alias(), id, doc));
      }
      new BulkWriter(es.client()).write(writes);
      Query stale =
          Query.of(
              q ->
                  q.bool(
                      b ->
                          b.filter(scope)
                              .mustNot(m -> m.term(t -> t.field("batchId").value(batchId)))));
      UserDocuments.deleteMatching(es.client(), Indices.BENCHMARKS.alias(), stale);
    }
  }

  /** Writes one partition of assessments, each with its feedback, to the index. */
  private static final class IndexPartition implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;

    private final URI url;
    private final String batchId;
    private final String computedAt;

    IndexPartition(URI url, String batchId, Instant computedAt) {
      this.url = url;
      this.batchId = batchId;
      this.computedAt = computedAt.toString();
    }

    @Override
    public void call(Iterator<Row> rows) throws IOException {
      try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
        BulkWriter writer = new BulkWriter(es.client());
        List<Replace> batch = new ArrayList<>();
        while (rows.hasNext()) {
          batch.add(document(rows.next(), batchId, computedAt));
          if (batch.size() == BULK_SIZE) {
            writer.write(batch);
            batch.clear();
          }
        }
        writer.write(batch);
      }
    }
  }

  /** The index document of one assessed session, with the offline assessor's feedback. */
  public static Replace document(Row row, String batchId, String computedAt) {
    return document(row, batchId, computedAt, Optional.empty());
  }

  /** The index document of one assessed session, with {@code written} feedback if there is. */
  static Replace document(
      Row row, String batchId, String computedAt, Optional<LlmFeedback.Written> written) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String field : row.schema().fieldNames()) {
      Object value = row.getAs(field);
      if (field.equals("evidence")) {
        doc.put(field, row.getJavaMap(row.fieldIndex(field)));
      } else if (value instanceof java.sql.Timestamp t) {
        doc.put(field, t.toInstant().toString());
      } else if (value != null) {
        doc.put(field, value);
      }
    }
    List<String> notAssessed = new ArrayList<>(Assessments.NOT_ASSESSED);
    for (String d : Assessments.DIMENSIONS) {
      if (row.getAs(d) == null) {
        notAssessed.add(d);
      }
    }
    doc.put("notAssessed", notAssessed);
    LlmFeedback.Input input = input(row);
    doc.put(
        "feedback",
        FEEDBACK_MAPPER.convertValue(
            written
                .map(LlmFeedback.Written::feedback)
                .orElseGet(() -> Feedback.of(input.scores(), input.overall())),
            new TypeReference<Map<String, Object>>() {}));
    doc.put("feedbackSource", written.map(LlmFeedback.Written::source).orElse("offline"));
    doc.put("batchId", batchId);
    doc.put("computedAt", computedAt);
    return new Replace(Indices.ASSESSMENTS.alias(), row.getAs("sessionId"), doc);
  }

  /** What feedback is written from: the dimension scores, the overall, the quoted answer. */
  static LlmFeedback.Input input(Row row) {
    Map<String, Double> scores = new HashMap<>();
    for (String d : Assessments.DIMENSIONS) {
      Object value = row.getAs(d);
      scores.put(d, value == null ? null : ((Number) value).doubleValue());
    }
    Object overall = row.getAs("overall");
    Map<String, String> evidence = row.getJavaMap(row.fieldIndex("evidence"));
    return new LlmFeedback.Input(
        row.getAs("sessionId"),
        row.getAs("userId"),
        row.getAs("interviewType"),
        scores,
        overall == null ? null : ((Number) overall).doubleValue(),
        evidence == null ? null : evidence.get("quote"));
  }
}
