package dev.rehearse.batch.jobs;

import dev.rehearse.batch.BatchConfig;
import dev.rehearse.core.lake.LakeDataset;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The lake, as the batch jobs see it: reads the datasets of {@link
 * dev.rehearse.core.lake.LakeDatasets}, rewrites gold ones whole, writes report files. Built once
 * at the entry point over the bucket (or, in tests, a local folder) and handed to the jobs.
 */
public final class Lake {

  private final SparkSession spark;
  private final Path root;
  private final FileSystem fs;

  /**
   * @param root the lake's root, e.g. {@code s3a://rehearse-lake} or a {@code file:} folder
   */
  public Lake(SparkSession spark, String root) {
    this.spark = spark;
    this.root = new Path(root);
    try {
      this.fs = this.root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the lake at " + root, e);
    }
  }

  /** The configured bucket, through Spark's s3a file system. */
  public static Lake of(SparkSession spark, BatchConfig config) {
    return new Lake(spark, config.lakeUri(""));
  }

  /** The lake's root folder. */
  public Path root() {
    return root;
  }

  /** The file system the lake is on. */
  public FileSystem fileSystem() {
    return fs;
  }

  /** The full URI of a path relative to the root, e.g. {@code gold/assessments}. */
  public String uri(String path) {
    return new Path(root, path).toString();
  }

  /** Whether anything was written at a path relative to the root. */
  public boolean exists(String path) throws IOException {
    return fs.exists(new Path(root, path));
  }

  /** The dataset, if anything was written to it. */
  public Optional<Dataset<Row>> read(LakeDataset dataset) throws IOException {
    return read(dataset, false);
  }

  /**
   * The dataset, if anything was written to it; with {@code mergeSchema}, files written before a
   * column was added read as null in it.
   */
  public Optional<Dataset<Row>> read(LakeDataset dataset, boolean mergeSchema) throws IOException {
    if (!exists(dataset.resolve())) {
      return Optional.empty();
    }
    return Optional.of(
        spark
            .read()
            .option("mergeSchema", String.valueOf(mergeSchema))
            .parquet(uri(dataset.resolve())));
  }

  /** The rows of the given Parquet files (full paths, as {@link Dataset#inputFiles()} names). */
  public Dataset<Row> readFiles(Collection<String> files) {
    return spark.read().parquet(files.toArray(String[]::new));
  }

  /** Replaces everything in the dataset by {@code rows}. */
  public void overwrite(LakeDataset dataset, Dataset<Row> rows) {
    overwrite(dataset.resolve(), rows);
  }

  /** Replaces everything at a path relative to the root by {@code rows}, as Parquet. */
  public void overwrite(String path, Dataset<Row> rows) {
    rows.write().mode(SaveMode.Overwrite).parquet(uri(path));
  }

  /** Writes one file at a path relative to the root, replacing it. */
  public void writeFile(String path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(new Path(root, path), true)) {
      out.write(bytes);
    }
  }
}
