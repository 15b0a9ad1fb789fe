package dev.rehearse.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.batch.jobs.AggregatePublisher;
import dev.rehearse.batch.jobs.AnalyticsJob;
import dev.rehearse.batch.jobs.AnalyticsSettings;
import dev.rehearse.batch.jobs.AssessmentJob;
import dev.rehearse.batch.jobs.BenchmarkJob;
import dev.rehearse.batch.jobs.BenchmarkPublisher;
import dev.rehearse.batch.jobs.CohortLog;
import dev.rehearse.batch.jobs.CohortReportJob;
import dev.rehearse.batch.jobs.ElasticsearchIndex;
import dev.rehearse.batch.jobs.ErasureJob;
import dev.rehearse.batch.jobs.Lake;
import dev.rehearse.batch.jobs.LlmFeedback;
import dev.rehearse.batch.jobs.ProfileLog;
import dev.rehearse.batch.jobs.ReindexJob;
import dev.rehearse.batch.jobs.SessionAggregatesJob;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.Telemetry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch runner: keeps one SparkSession warm, consumes {@code rehearse.batch-requests} and runs
 * each request to its end before committing it, publishing its status to {@code
 * rehearse.batch-status}. A request interrupted by a crash is run again after restart; jobs are
 * idempotent.
 */
public final class BatchMain {

  private static final Logger LOG = LoggerFactory.getLogger(BatchMain.class);

  /** Printed once the runner consumes requests; the launcher waits for it. */
  public static final String READY = "rehearse batch runner ready";

  private BatchMain() {}

  public static void main(String[] args) throws Exception {
    BatchConfig config = BatchConfig.fromEnv(System.getenv());
    if (ErrorTracking.start(ErrorTracking.Settings.fromEnv(System.getenv(), "batch-runner"))) {
      LOG.info("error reports go to Sentry");
    }
    Telemetry.Settings telemetry =
        Telemetry.Settings.fromEnv(System.getenv(), "rehearse-batch-runner");
    Tracer tracer = Telemetry.tracer(Telemetry.create(telemetry));
    if (telemetry.exports()) {
      LOG.info("traces go to OpenTelemetry (OTLP)");
    }
    ObjectMapper mapper = Json.newMapper();
    SparkSession spark = Sessions.create(config, false);
    try (KafkaConsumer<String, byte[]> consumer = KafkaClients.rawConsumer(consumerProps(config));
        KafkaProducer<String, byte[]> producer = KafkaClients.rawProducer(producerProps(config))) {
      Thread main = Thread.currentThread();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    consumer.wakeup();
                    joinQuietly(main);
                  }));
      BatchRunner runner =
          new BatchRunner(
              jobs(spark, config, tracer),
              status -> publish(producer, mapper, status),
              Clock.systemUTC(),
              tracer);
      consumer.subscribe(List.of(Topics.BATCH_REQUESTS.name()));
      System.out.println(READY);
      System.out.flush();
      while (true) {
        // a poll returns as soon as a request arrives; the timeout only sets how often an idle
        // runner wakes up (a stop wakes it at once)
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(10))) {
          BatchRequest request;
          try {
            request = mapper.readValue(record.value(), BatchRequest.class);
          } catch (java.io.IOException e) {
            LOG.warn("skipping a malformed batch request at offset {}", record.offset());
            continue;
          }
          runner.run(request, TraceHeaders.extract(record.headers()));
          consumer.commitSync();
        }
      }
    } catch (WakeupException stopping) {
      LOG.info("batch runner stopping");
    } finally {
      spark.stop();
    }
  }

  /**
   * Every job the runner runs, by name: the lake, the index and the LLM are built here once, from
   * the configuration, and handed to the jobs; the LLM's calls are spans of {@code tracer}.
   */
  static Map<BatchJob, BatchRunner.Job> jobs(
      SparkSession spark, BatchConfig config, Tracer tracer) {
    Lake lake = Lake.of(spark, config);
    ElasticsearchIndex index = new ElasticsearchIndex(config.connections().elasticsearchUrl());
    Optional<LlmFeedback> llm = llmFeedback(lake, config, tracer);
    Map<String, Map<String, Double>> rubrics = Rubrics.builtIn();
    AggregatePublisher aggregates = new AggregatePublisher(lake, index);
    BenchmarkPublisher benchmarks = new BenchmarkPublisher(lake, index, config.minGroup());
    SessionAggregatesJob sessionAggregates = new SessionAggregatesJob(lake, aggregates);
    CohortReportJob reports =
        new CohortReportJob(spark, lake, index, rubrics, config.minGroup(), llm);
    ErasureJob erasure = new ErasureJob(lake, index);
    AnalyticsJob analytics =
        new AnalyticsJob(
            lake,
            index,
            new CohortLog(config.connections().kafkaBootstrap())::members,
            config.analytics());
    if (config.analytics().salt().isEmpty()) {
      LOG.warn("{} is not set: the analytics batch cannot run", AnalyticsSettings.SALT_SETTING);
    }
    AssessmentJob assessment =
        new AssessmentJob(
            lake,
            index,
            aggregates,
            benchmarks,
            rubrics,
            config.minGroup(),
            llm,
            // the analytics indices are rebuilt by their own batch (./rehearse batch analytics),
            // not at the end of every assessment: the rebuild is too slow for an assessment a
            // candidate waits for
            Optional.empty(),
            Clock.systemUTC());
    BenchmarkJob benchmark = new BenchmarkJob(lake, benchmarks);
    ReindexJob reindex =
        new ReindexJob(spark, index, new ProfileLog(config.connections().kafkaBootstrap()));
    return Map.of(
        BatchJob.SESSION_AGGREGATES,
        (request, progress) -> sessionAggregates.run(request.batchId(), request.sessionIds()),
        BatchJob.COHORT_REPORT,
        reports::run,
        BatchJob.ERASURE,
        (request, progress) -> erasure.run(request),
        BatchJob.ASSESSMENT,
        assessment::run,
        BatchJob.BENCHMARK,
        benchmark::run,
        BatchJob.REINDEX,
        reindex::run,
        BatchJob.ANALYTICS,
        analytics::run);
  }

  /** The LLM feedback writer when a provider is configured, its cache in the lake. */
  static Optional<LlmFeedback> llmFeedback(Lake lake, BatchConfig config, Tracer tracer) {
    if (config.llm().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new LlmFeedback(
            config.llm(),
            config.feedbackBatch(),
            config.feedbackPerMinute(),
            lake.fileSystem(),
            lake.root(),
            tracer));
  }

  private static void publish(
      KafkaProducer<String, byte[]> producer, ObjectMapper mapper, BatchStatus status) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.BATCH_STATUS.name(), status.batchId(), Json.toBytes(mapper, status)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing a batch status", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish a batch status", e.getCause());
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Properties consumerProps(BatchConfig config) {
    // a batch may run for a long time between polls
    return KafkaSettings.workConsumer(
        config.connections().kafkaBootstrap(), "rehearse-batch-runner", Duration.ofHours(2));
  }

  private static Properties producerProps(BatchConfig config) {
    return KafkaSettings.producer(config.connections().kafkaBootstrap());
  }
}
