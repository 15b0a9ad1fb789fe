package dev.rehearse.core.lake;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset of the lake: where it lives in the bucket, its layer, how it is partitioned, which job
 * writes it, its format and its columns. The registry of them all is {@link LakeDatasets}.
 *
 * @param path the dataset's folder in the bucket, e.g. {@code gold/assessments}; a part written
 *     {@code <name>} stands for a value given to {@link #resolve(String...)}
 * @param partitioning the partition folders under the path, e.g. {@code dt=YYYY-MM-DD}; empty when
 *     the dataset is not partitioned
 * @param owner the job that writes the dataset
 * @param columns the schema (for JSON, the fields of each object), in the documented order
 */
public record LakeDataset(
    String path,
    Layer layer,
    Optional<String> partitioning,
    String owner,
    Format format,
    List<Column> columns) {

  private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");

  /** The layers of the lake, each a top-level folder of the bucket. */
  public enum Layer {
    /** Files as users sent them (spoken answers), kept until the user is erased. */
    RAW("raw"),
    /** Raw facts as the stream wrote them, partitioned by event date. */
    BRONZE("bronze"),
    /** Derived by the batch jobs, rewritten whole. */
    GOLD("gold"),
    /** Files for people: cohort reports. */
    REPORTS("reports");

    private final String folder;

    Layer(String folder) {
      this.folder = folder;
    }

    /** The layer's top-level folder. */
    public String folder() {
      return folder;
    }
  }

  /** How a dataset's files are written. */
  public enum Format {
    /** Parquet files, read and written by Spark (and Flink for bronze). */
    PARQUET,
    /** One JSON object per file. */
    JSON,
    /** A report: CSV, Parquet, HTML and PDF files of the same rows. */
    REPORT_FILES,
    /** One RIFF/WAVE audio file per object, as the client sent it; no columns. */
    WAV
  }

  /**
   * One column of a dataset.
   *
   * @param type as documented in {@code docs/lake.md}: {@code string}, {@code int}, {@code long},
   *     {@code double}, {@code boolean}, {@code timestamp}, {@code map<string,string>}, {@code
   *     array<string>} or {@code object}
   * @param nullable whether a row may leave it null
   */
  public record Column(String name, String type, boolean nullable) {}

  public LakeDataset {
    columns = List.copyOf(columns);
    if (!path.startsWith(layer.folder() + "/")) {
      throw new IllegalArgumentException(path + " is not in the " + layer.folder() + " layer");
    }
    Set<String> names = new HashSet<>();
    for (Column column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException(path + " names the column " + column.name() + " twice");
      }
    }
  }

  /** The path with its {@code <name>} parts filled, in order, by {@code values}. */
  public String resolve(String... values) {
    Matcher m = PLACEHOLDER.matcher(path);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (m.find()) {
      if (i == values.length) {
        throw new IllegalArgumentException(path + " needs more than " + values.length + " values");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(values[i++]));
    }
    if (i != values.length) {
      throw new IllegalArgumentException(path + " takes " + i + " values, not " + values.length);
    }
    return m.appendTail(out).toString();
  }

  /** The last segment of the path: {@code answers} for {@code bronze/answers}. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The column names, in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
