package dev.rehearse.batch;

import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Upsert;
import dev.rehearse.search.documents.SessionDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the bronze answers from the lake, writes per-session aggregates to {@code
 * gold/session_aggregates} (a full, idempotent rewrite) and merges the requested sessions'
 * aggregates into their {@code sessions} documents.
 */
public final class SessionAggregatesJob {

  static final String BRONZE_ANSWERS = "bronze/answers";
  static final String GOLD_AGGREGATES = "gold/session_aggregates";
  private static final int BULK_SIZE = 500;

  private final SparkSession spark;
  private final BatchConfig config;

  public SessionAggregatesJob(SparkSession spark, BatchConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** Runs the job; returns the number of sessions written to Elasticsearch. */
  public long run(String batchId, List<String> sessionIds) throws IOException {
    String bronze = config.lakeUri(BRONZE_ANSWERS);
    Path bronzePath = new Path(bronze);
    if (!bronzePath.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(bronzePath)) {
      return 0;
    }
    return run(batchId, sessionIds, spark.read().parquet(bronze));
  }

  /**
   * Runs the job over {@code answers}, read by the caller: the assessment passes the same snapshot
   * of the lake it assesses, so both see the same answers.
   */
  public long run(String batchId, List<String> sessionIds, Dataset<Row> answers) {
    return run(batchId, answers, rows -> SessionAggregates.ofSessions(rows, sessionIds));
  }

  /** Runs the job over {@code answers}, indexing the sessions {@code select} keeps. */
  long run(String batchId, Dataset<Row> answers, UnaryOperator<Dataset<Row>> select) {
    Dataset<Row> aggregates = SessionAggregates.aggregate(answers).cache();
    try {
      aggregates.write().mode(SaveMode.Overwrite).parquet(config.lakeUri(GOLD_AGGREGATES));
      Dataset<Row> selected = select.apply(aggregates);
      long count = selected.count();
      selected.foreachPartition(
          new IndexPartition(config.connections().elasticsearchUrl(), batchId, Instant.now()));
      return count;
    } finally {
      aggregates.unpersist();
    }
  }

  /** Writes one partition of aggregates as upserts of the {@code aggregate} of each session. */
  private static final class IndexPartition implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;

    private final URI url;
    private final String batchId;
    private final Instant computedAt;

    IndexPartition(URI url, String batchId, Instant computedAt) {
      this.url = url;
      this.batchId = batchId;
      this.computedAt = computedAt;
    }

    @Override
    public void call(Iterator<Row> rows) throws IOException {
      try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
        BulkWriter writer = new BulkWriter(es.client());
        List<Upsert> batch = new ArrayList<>();
        while (rows.hasNext()) {
          batch.add(upsert(rows.next()));
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

    private Upsert upsert(Row row) {
      SessionDocument.Aggregate aggregate =
          new SessionDocument.Aggregate(
              row.<Integer>getAs("answerCount"),
              row.<Long>getAs("totalWords"),
              row.<Double>getAs("averageWords"),
              Optional.ofNullable(row.<Double>getAs("averageWordsPerMinute")),
              row.<Timestamp>getAs("firstAnswerAt").toInstant(),
              row.<Timestamp>getAs("lastAnswerAt").toInstant(),
              computedAt,
              batchId);
      SessionDocument.Aggregated doc =
          new SessionDocument.Aggregated(row.getAs("sessionId"), row.getAs("userId"), aggregate);
      return new Upsert(Indices.SESSIONS.alias(), row.getAs("sessionId"), doc);
    }
  }
}
