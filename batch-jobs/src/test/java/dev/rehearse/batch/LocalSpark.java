package dev.rehearse.batch;

import dev.rehearse.core.config.Connections;
import java.net.URI;
import org.apache.spark.sql.SparkSession;

/**
 * The one-core local SparkSession the batch tests run their transforms on; no services behind it.
 */
public final class LocalSpark {

  private LocalSpark() {}

  /** A new session; the caller stops it. */
  public static SparkSession start() {
    return Sessions.create(
        new BatchConfig(
            new Connections(
                "unused:9092",
                URI.create("http://unused:9200"),
                URI.create("http://unused:9000"),
                "k",
                "s",
                "lake"),
            "local[1]",
            0,
            0),
        false);
  }
}
