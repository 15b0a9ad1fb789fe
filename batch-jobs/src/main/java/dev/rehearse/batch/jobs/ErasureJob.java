package dev.rehearse.batch.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.lake.AssessedFileFields;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.lake.LakeRows;
import dev.rehearse.core.lake.SessionAggregateFields;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of users' data: their {@code sessions}, {@code turns}, {@code assessments}, {@code
 * profiles} and {@code profile-chunks} documents, and their rows in the lake. Each bronze file that
 * holds one of their rows is rewritten without them (a new file beside it, then the old one
 * removed); {@code gold/session_aggregates} and {@code gold/assessments} are rewritten without
 * them, and their cached feedback and spoken answers ({@code raw/audio/<sha256 of user>/}) deleted.
 * A record that the erasure ran, naming the users only by SHA-256, is written to {@code
 * gold/erasures/<batch>.json}.
 */
public final class ErasureJob {

  private static final Logger LOG = LoggerFactory.getLogger(ErasureJob.class);

  /** Where rewritten files are staged before they replace the originals. */
  private static final String STAGING = "tmp/erasure/";

  private final Lake lake;
  private final SearchIndex index;

  public ErasureJob(Lake lake, SearchIndex index) {
    this.lake = lake;
    this.index = index;
  }

  /** Runs the erasure; returns the number of sessions removed from the index. */
  public long run(BatchRequest request) throws IOException {
    List<String> users = request.userIds();
    if (users.isEmpty()) {
      throw new IllegalArgumentException("an erasure names the users to erase");
    }
    SearchIndex.Erased erased = index.eraseUsers(users);
    long[] bronze = rewriteBronze(request.batchId(), users);
    long goldRows =
        rewriteGold(
            request.batchId(),
            LakeDatasets.GOLD_SESSION_AGGREGATES,
            SessionAggregateFields.USER_ID,
            users);
    rewriteGold(
        request.batchId(), LakeDatasets.GOLD_ASSESSMENTS, AssessmentKeyFields.USER_ID, users);
    for (String user : users) {
      lake.fileSystem().delete(LlmFeedback.userFolder(lake.root(), user), true);
      // the user's spoken answers: raw/audio/<sha256 of user>/
      lake.fileSystem().delete(new Path(lake.uri(LakeDatasets.audioFolder(user))), true);
    }
    LakeRows.Erasure record =
        new LakeRows.Erasure(
            request.batchId(),
            users.stream().map(ErasureJob::sha256).toList(),
            erased.sessions(),
            erased.turns(),
            bronze[0],
            bronze[1],
            goldRows,
            Instant.now());
    lake.writeFile(
        LakeDatasets.GOLD_ERASURES.resolve() + "/" + request.batchId() + ".json",
        Json.toBytes(Json.newMapper(), record));
    LOG.info(
        "erasure {}: {} sessions, {} turns, {} lake files rewritten ({} rows)",
        request.batchId(),
        erased.sessions(),
        erased.turns(),
        bronze[0],
        bronze[1]);
    return erased.sessions();
  }

  /** Rewrites each bronze file holding the users' rows; returns {files, rows removed}. */
  private long[] rewriteBronze(String batchId, List<String> users) throws IOException {
    Optional<Dataset<Row>> bronze = lake.read(LakeDatasets.BRONZE_ANSWERS);
    if (bronze.isEmpty()) {
      return new long[] {0, 0};
    }
    FileSystem fs = lake.fileSystem();
    List<String> files =
        bronze
            .get()
            .filter(col(BronzeAnswerFields.USER_ID).isin(users.toArray()))
            .select(input_file_name().as(AssessedFileFields.FILE))
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    long removed = 0;
    int n = 0;
    for (String file : files) {
      Path original = new Path(file);
      Dataset<Row> rows = lake.readFiles(List.of(file));
      long before = rows.count();
      Dataset<Row> kept =
          rows.filter(col(BronzeAnswerFields.USER_ID).isin(users.toArray()).unary_$bang());
      long after = kept.count();
      if (after > 0) {
        String staging = STAGING + batchId + "/" + n;
        lake.overwrite(staging, kept.coalesce(1));
        Path stagingPath = new Path(lake.uri(staging));
        FileStatus[] parts = fs.globStatus(new Path(stagingPath, "part-*.parquet"));
        Path replacement =
            new Path(original.getParent(), "answers-erased-" + batchId + "-" + n + ".parquet");
        if (parts.length != 1 || !fs.rename(parts[0].getPath(), replacement)) {
          throw new IOException("could not place the rewritten file for " + original.getName());
        }
        fs.delete(stagingPath, true);
      }
      fs.delete(original, false);
      removed += before - after;
      n++;
    }
    return new long[] {files.size(), removed};
  }

  /**
   * Rewrites a gold dataset without the rows of the users (named in its column {@code userColumn});
   * returns the rows removed.
   */
  private long rewriteGold(
      String batchId, LakeDataset dataset, String userColumn, List<String> users)
      throws IOException {
    Optional<Dataset<Row>> all = lake.read(dataset);
    if (all.isEmpty()) {
      return 0;
    }
    FileSystem fs = lake.fileSystem();
    Path goldPath = new Path(lake.uri(dataset.resolve()));
    long before = all.get().count();
    Dataset<Row> kept = all.get().filter(col(userColumn).isin(users.toArray()).unary_$bang());
    String staging = STAGING + batchId + "/" + dataset.resolve();
    lake.overwrite(staging, kept);
    Path stagingPath = new Path(lake.uri(staging));
    long after = lake.readFiles(List.of(stagingPath.toString())).count();
    fs.delete(goldPath, true);
    // S3A renames only into an existing parent; if it still refuses, copy through Spark
    fs.mkdirs(goldPath.getParent());
    if (!fs.rename(stagingPath, goldPath)) {
      lake.overwrite(dataset, lake.readFiles(List.of(stagingPath.toString())));
      fs.delete(stagingPath, true);
    }
    return before - after;
  }

  static String sha256(String value) {
    return LlmFeedback.sha256(value);
  }
}
