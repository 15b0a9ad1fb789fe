package dev.rehearse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.json.Json;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.Delete;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.Indices;
import dev.rehearse.search.UserDocuments;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of users' data: their {@code sessions}, {@code turns}, {@code assessments}, {@code
 * profiles} and {@code profile-chunks} documents, and their rows in the lake. Each bronze file that
 * holds one of their rows is rewritten without them (a new file beside it, then the old one
 * removed); {@code gold/session_aggregates} and {@code gold/assessments} are rewritten without
 * them. A record that the erasure ran, naming the users only by SHA-256, is written to {@code
 * gold/erasures/<batch>.json}.
 */
public final class ErasureJob {

  private static final Logger LOG = LoggerFactory.getLogger(ErasureJob.class);
  static final String ERASURES = "gold/erasures";

  private final SparkSession spark;
  private final BatchConfig config;

  public ErasureJob(SparkSession spark, BatchConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** Runs the erasure; returns the number of sessions removed from the index. */
  public long run(BatchRequest request) throws IOException {
    List<String> users = request.userIds();
    if (users.isEmpty()) {
      throw new IllegalArgumentException("an erasure names the users to erase");
    }
    long sessions;
    long turns;
    try (ElasticsearchClients es =
        ElasticsearchClients.connect(config.connections().elasticsearchUrl())) {
      sessions = UserDocuments.delete(es.client(), Indices.SESSIONS.alias(), users);
      turns = UserDocuments.delete(es.client(), Indices.TURNS.alias(), users);
      UserDocuments.delete(es.client(), Indices.ASSESSMENTS.alias(), users);
      UserDocuments.delete(es.client(), Indices.PROFILE_CHUNKS.alias(), users);
      new BulkWriter(es.client())
          .write(users.stream().map(u -> new Delete(Indices.PROFILES.alias(), u)).toList());
    }
    long[] bronze = rewriteBronze(request.batchId(), users);
    long goldRows = rewriteGold(request.batchId(), SessionAggregatesJob.GOLD_AGGREGATES, users);
    rewriteGold(request.batchId(), AssessmentJob.GOLD_ASSESSMENTS, users);
    Path lake = new Path(config.lakeUri(""));
    FileSystem fs = lake.getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (String user : users) {
      fs.delete(LlmFeedback.userFolder(lake, user), true);
    }
    record(request, sessions, turns, bronze[0], bronze[1], goldRows);
    LOG.info(
        "erasure {}: {} sessions, {} turns, {} lake files rewritten ({} rows)",
        request.batchId(),
        sessions,
        turns,
        bronze[0],
        bronze[1]);
    return sessions;
  }

  /** Rewrites each bronze file holding the users' rows; returns {files, rows removed}. */
  private long[] rewriteBronze(String batchId, List<String> users) throws IOException {
    String bronze = config.lakeUri(SessionAggregatesJob.BRONZE_ANSWERS);
    Path root = new Path(bronze);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(root)) {
      return new long[] {0, 0};
    }
    List<String> files =
        spark
            .read()
            .parquet(bronze)
            .filter(col("userId").isin(users.toArray()))
            .select(input_file_name().as("file"))
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    long removed = 0;
    int n = 0;
    for (String file : files) {
      Path original = new Path(file);
      Dataset<Row> rows = spark.read().parquet(file);
      long before = rows.count();
      Dataset<Row> kept = rows.filter(col("userId").isin(users.toArray()).unary_$bang());
      long after = kept.count();
      if (after > 0) {
        Path staging = new Path(config.lakeUri("tmp/erasure/" + batchId + "/" + n));
        kept.coalesce(1).write().mode(SaveMode.Overwrite).parquet(staging.toString());
        FileStatus[] parts = fs.globStatus(new Path(staging, "part-*.parquet"));
        Path replacement =
            new Path(original.getParent(), "answers-erased-" + batchId + "-" + n + ".parquet");
        if (parts.length != 1 || !fs.rename(parts[0].getPath(), replacement)) {
          throw new IOException("could not place the rewritten file for " + original.getName());
        }
        fs.delete(staging, true);
      }
      fs.delete(original, false);
      removed += before - after;
      n++;
    }
    return new long[] {files.size(), removed};
  }

  /** Rewrites a gold dataset without the users' rows; returns the rows removed. */
  private long rewriteGold(String batchId, String dataset, List<String> users) throws IOException {
    String gold = config.lakeUri(dataset);
    Path goldPath = new Path(gold);
    FileSystem fs = goldPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(goldPath)) {
      return 0;
    }
    Dataset<Row> all = spark.read().parquet(gold);
    long before = all.count();
    Dataset<Row> kept = all.filter(col("userId").isin(users.toArray()).unary_$bang());
    Path staging = new Path(config.lakeUri("tmp/erasure/" + batchId + "/" + dataset));
    kept.write().mode(SaveMode.Overwrite).parquet(staging.toString());
    long after = spark.read().parquet(staging.toString()).count();
    fs.delete(goldPath, true);
    // S3A renames only into an existing parent; if it still refuses, copy through Spark
    fs.mkdirs(goldPath.getParent());
    if (!fs.rename(staging, goldPath)) {
      spark.read().parquet(staging.toString()).write().mode(SaveMode.Overwrite).parquet(gold);
      fs.delete(staging, true);
    }
    return before - after;
  }

  private void record(
      BatchRequest request, long sessions, long turns, long files, long rows, long goldRows)
      throws IOException {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("batchId", request.batchId());
    entry.put("users", request.userIds().stream().map(ErasureJob::sha256).toList());
    entry.put("sessionsDeleted", sessions);
    entry.put("turnsDeleted", turns);
    entry.put("lakeFilesRewritten", files);
    entry.put("lakeRowsRemoved", rows);
    entry.put("goldRowsRemoved", goldRows);
    entry.put("completedAt", Instant.now().toString());
    Path path = new Path(config.lakeUri(ERASURES + "/" + request.batchId() + ".json"));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(path, true)) {
      out.write(Json.toBytes(Json.newMapper(), entry));
    }
  }

  static String sha256(String value) {
    return LlmFeedback.sha256(value);
  }
}
