package dev.rehearse.batch;

import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a process keeps warm, configured for the lake. */
public final class Sessions {

  private Sessions() {}

  public static SparkSession create(BatchConfig config, boolean ui) {
    return SparkSession.builder()
        .appName("rehearse-batch")
        .master(config.sparkMaster())
        // on a cluster: the batch jobs' jar for the executors, and their heap
        .config("spark.jars", config.sparkJars())
        .config("spark.executor.memory", config.executorMemoryMb() + "m")
        .config("spark.ui.enabled", ui)
        .config("spark.driver.host", config.driverHost())
        .config("spark.driver.bindAddress", config.driverBindAddress())
        .config("spark.driver.port", config.driverPort())
        .config("spark.blockManager.port", config.blockManagerPort())
        .config("spark.sql.shuffle.partitions", 4)
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        // percentiles of a few thousand groups stay in the hash aggregation (default: 128)
        .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", 8192)
        .config("spark.hadoop.fs.s3a.endpoint", config.connections().s3Endpoint().toString())
        .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .config("spark.hadoop.fs.s3a.path.style.access", true)
        .config("spark.hadoop.fs.s3a.connection.ssl.enabled", false)
        .config("spark.hadoop.fs.s3a.access.key", config.connections().s3AccessKey())
        .config("spark.hadoop.fs.s3a.secret.key", config.connections().s3SecretKey())
        .config(
            "spark.hadoop.fs.s3a.aws.credentials.provider",
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        .config("spark.hadoop.fs.s3a.directory.marker.retention", "keep")
        .getOrCreate();
  }
}
