package dev.rehearse.batch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.Embedder;
import dev.rehearse.search.IndexVersions;
import dev.rehearse.search.IndexWrite;
import dev.rehearse.search.Indices;
import dev.rehearse.search.ProfileChunkWrites;
import dev.rehearse.search.ProfileChunks;
import dev.rehearse.search.ProfileProjections;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RAG reindex: rebuilds {@code profiles} and {@code profile-chunks} from the compacted profiles
 * topic (their source of truth) into new versions of both indices, embedding every chunk again on
 * the Spark executors, then moves each alias to its new version in one step. Searches keep using
 * the old versions until the swap. Changes made during the rebuild are applied to the new versions
 * before the swap, and those made during the swap after it. Returns the number of chunks indexed.
 */
public final class ReindexJob {

  private static final Logger LOG = LoggerFactory.getLogger(ReindexJob.class);
  private static final int BULK_SIZE = 200;

  private final SparkSession spark;
  private final BatchConfig config;

  public ReindexJob(SparkSession spark, BatchConfig config) {
    this.spark = spark;
    this.config = config;
  }

  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    URI url = config.connections().elasticsearchUrl();
    ProfileLog log = new ProfileLog(config.connections().kafkaBootstrap());
    try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
      ElasticsearchClient client = es.client();
      String oldChunks = IndexVersions.current(client, Indices.PROFILE_CHUNKS);
      String oldProfiles = IndexVersions.current(client, Indices.PROFILES);
      Target target =
          new Target(
              IndexVersions.createNext(client, Indices.PROFILES),
              IndexVersions.createNext(client, Indices.PROFILE_CHUNKS));
      progress.step("reading profiles", 0.02);
      ProfileLog.Changes all = log.readAll();
      ObjectMapper mapper = Json.newMapper();
      List<String> profiles = new ArrayList<>();
      for (Optional<ProfileRecord> record : all.latest().values()) {
        if (record.isPresent()) {
          profiles.add(
              new String(
                  Json.toBytes(mapper, record.get()), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      LOG.info(
          "reindex {}: {} profiles into {} and {}",
          request.batchId(),
          profiles.size(),
          target.profiles(),
          target.chunks());
      progress.step("embedding " + profiles.size() + " profiles", 0.05);
      LongAccumulator chunks = spark.sparkContext().longAccumulator("chunks");
      int partitions =
          Math.max(1, Math.min(spark.sparkContext().defaultParallelism(), profiles.size()));
      spark
          .createDataset(profiles, Encoders.STRING())
          .repartition(partitions)
          .foreachPartition(new IndexProfiles(url, target, chunks));
      progress.step("applying changes made during the rebuild", 0.9);
      ProfileLog.Changes during = log.read(all.endOffsets());
      apply(client, target, during);
      IndexVersions.swap(client, Indices.PROFILES, oldProfiles, target.profiles());
      IndexVersions.swap(client, Indices.PROFILE_CHUNKS, oldChunks, target.chunks());
      ProfileLog.Changes swapping = log.read(during.endOffsets());
      apply(client, target, swapping);
      LOG.info("reindex {}: {} chunks embedded and indexed", request.batchId(), chunks.value());
      return chunks.value();
    }
  }

  /** The new versions being built. */
  record Target(String profiles, String chunks) implements java.io.Serializable {}

  /** The writes of one profile change into the new versions; all stale chunks are deleted. */
  static List<IndexWrite> writes(
      Target target, String userId, Optional<ProfileRecord> record, Embedder embedder) {
    List<IndexWrite> writes = new ArrayList<>();
    for (IndexWrite w : ProfileProjections.of(userId, record)) {
      writes.add(w.to(target.profiles()));
    }
    for (IndexWrite w :
        ProfileChunkWrites.of(userId, record, ProfileChunks.MAX_CHUNKS, embedder::embed).writes()) {
      writes.add(w.to(target.chunks()));
    }
    return writes;
  }

  private static void apply(ElasticsearchClient client, Target target, ProfileLog.Changes changes)
      throws IOException {
    BulkWriter writer = new BulkWriter(client);
    for (Map.Entry<String, Optional<ProfileRecord>> change : changes.latest().entrySet()) {
      writer.write(writes(target, change.getKey(), change.getValue(), Embedder.shared()));
    }
  }

  /** Embeds and indexes one partition of profiles (JSON) into the new versions. */
  private static final class IndexProfiles implements ForeachPartitionFunction<String> {
    private static final long serialVersionUID = 1L;

    private final URI url;
    private final Target target;
    private final LongAccumulator chunks;

    IndexProfiles(URI url, Target target, LongAccumulator chunks) {
      this.url = url;
      this.target = target;
      this.chunks = chunks;
    }

    @Override
    public void call(Iterator<String> profiles) throws IOException {
      ObjectMapper mapper = Json.newMapper();
      Embedder embedder = Embedder.shared();
      try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
        BulkWriter writer = new BulkWriter(es.client());
        List<IndexWrite> batch = new ArrayList<>();
        while (profiles.hasNext()) {
          ProfileRecord record = mapper.readValue(profiles.next(), ProfileRecord.class);
          batch.addAll(
              ProfileProjections.of(record.userId(), Optional.of(record)).stream()
                  .map(w -> w.to(target.profiles()))
                  .toList());
          ProfileChunkWrites.Result embedded =
              ProfileChunkWrites.of(record.userId(), Optional.of(record), 0, embedder::embed);
          embedded.writes().forEach(w -> batch.add(w.to(target.chunks())));
          chunks.add(embedded.chunks());
          if (batch.size() >= BULK_SIZE) {
            writer.write(batch);
            batch.clear();
          }
        }
        writer.write(batch);
      }
    }
  }
}
