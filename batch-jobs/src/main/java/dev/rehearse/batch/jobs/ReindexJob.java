package dev.rehearse.batch.jobs;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.batch.BatchRunner;
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
import dev.rehearse.search.StoredResearch;
import dev.rehearse.search.StoredVectors;
import dev.rehearse.search.documents.ProfileChunkDocument;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
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
 * before the swap, and those made during the swap after it. Research on a user's company, which the
 * topic does not hold, is carried over from the live version (its vectors reused when of the same
 * model). Returns the number of chunks indexed.
 */
public final class ReindexJob {

  private static final Logger LOG = LoggerFactory.getLogger(ReindexJob.class);
  private static final int BULK_SIZE = 200;

  private final SparkSession spark;
  private final ElasticsearchIndex index;
  private final ProfileLog log;

  /**
   * @param index the cluster the new versions are built in
   * @param log the profiles topic, their source of truth
   */
  public ReindexJob(SparkSession spark, ElasticsearchIndex index, ProfileLog log) {
    this.spark = spark;
    this.index = index;
    this.log = log;
  }

  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    URI url = index.url();
    try (ElasticsearchClients es = index.connect()) {
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
      // vectors of the same model are reused for unchanged text: only new text is embedded
      Optional<String> reuseFrom =
          StoredVectors.sameModel(client, oldChunks) ? Optional.of(oldChunks) : Optional.empty();
      progress.step(
          "embedding "
              + profiles.size()
              + " profiles"
              + reuseFrom.map(i -> " (reusing the vectors of unchanged text)").orElse(""),
          0.05);
      LongAccumulator chunks = spark.sparkContext().longAccumulator("chunks");
      LongAccumulator embedded = spark.sparkContext().longAccumulator("embedded");
      int partitions =
          Math.max(1, Math.min(spark.sparkContext().defaultParallelism(), profiles.size()));
      spark
          .createDataset(profiles, Encoders.STRING())
          .repartition(partitions)
          .foreachPartition(
              new IndexProfiles(url, target, oldChunks, reuseFrom.orElse(null), chunks, embedded));
      progress.step("applying changes made during the rebuild", 0.9);
      ProfileLog.Changes during = log.read(all.endOffsets());
      apply(client, target, during);
      IndexVersions.swap(client, Indices.PROFILES, oldProfiles, target.profiles());
      IndexVersions.swap(client, Indices.PROFILE_CHUNKS, oldChunks, target.chunks());
      ProfileLog.Changes swapping = log.read(during.endOffsets());
      apply(client, target, swapping);
      LOG.info(
          "reindex {}: {} chunks indexed, {} of them embedded, the others' vectors reused",
          request.batchId(),
          chunks.value(),
          embedded.value());
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

  /**
   * Embeds and indexes one partition of profiles (JSON) into the new versions, a group of profiles
   * at a time: with {@code reuseFrom}, the vectors of the group's unchanged chunks are read from
   * that version instead of embedded again.
   */
  private static final class IndexProfiles implements ForeachPartitionFunction<String> {
    private static final long serialVersionUID = 1L;
    private static final int GROUP = 50;

    private final URI url;
    private final Target target;
    private final String researchFrom;
    private final String reuseFrom;
    private final LongAccumulator chunks;
    private final LongAccumulator embedded;

    IndexProfiles(
        URI url,
        Target target,
        String researchFrom,
        String reuseFrom,
        LongAccumulator chunks,
        LongAccumulator embedded) {
      this.url = url;
      this.target = target;
      this.researchFrom = researchFrom;
      this.reuseFrom = reuseFrom;
      this.chunks = chunks;
      this.embedded = embedded;
    }

    @Override
    public void call(Iterator<String> profiles) throws IOException {
      ObjectMapper mapper = Json.newMapper();
      Embedder embedder = Embedder.shared();
      try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
        BulkWriter writer = new BulkWriter(es.client());
        while (profiles.hasNext()) {
          List<ProfileRecord> group = new ArrayList<>();
          while (profiles.hasNext() && group.size() < GROUP) {
            group.add(mapper.readValue(profiles.next(), ProfileRecord.class));
          }
          Map<String, float[]> stored =
              reuseFrom == null
                  ? Map.of()
                  : StoredVectors.of(
                      es.client(), reuseFrom, group.stream().map(ProfileRecord::userId).toList());
          // research is not in the topic: each user's is carried over from the live version
          Map<String, List<ProfileChunkDocument>> research =
              StoredResearch.of(
                  es.client(), researchFrom, group.stream().map(ProfileRecord::userId).toList());
          LongAdder fresh = new LongAdder();
          LongAdder reused = new LongAdder();
          List<IndexWrite> batch = new ArrayList<>();
          for (ProfileRecord record : group) {
            batch.addAll(
                ProfileProjections.of(record.userId(), Optional.of(record)).stream()
                    .map(w -> w.to(target.profiles()))
                    .toList());
            ProfileChunkWrites.Result written =
                ProfileChunkWrites.of(
                    record.userId(),
                    Optional.of(record),
                    0,
                    StoredVectors.reusing(stored, record.userId(), embedder::embed, fresh, reused));
            written.writes().forEach(w -> batch.add(w.to(target.chunks())));
            chunks.add(written.chunks());
            Function<String, float[]> vectors =
                StoredVectors.reusing(stored, record.userId(), embedder::embed, fresh, reused);
            for (ProfileChunkDocument doc : research.getOrDefault(record.userId(), List.of())) {
              batch.add(StoredResearch.copy(doc, vectors.apply(doc.text())).to(target.chunks()));
              chunks.add(1);
            }
          }
          embedded.add(fresh.sum());
          writer.write(batch);
        }
      }
    }
  }
}
