package dev.rehearse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.http.Api;
import dev.rehearse.api.http.ApiDocs;
import dev.rehearse.api.http.HttpMetrics;
import dev.rehearse.api.http.RateLimits;
import dev.rehearse.api.http.SessionStream;
import dev.rehearse.api.http.TokenVerifier;
import dev.rehearse.api.service.AnalyticsService;
import dev.rehearse.api.service.BatchView;
import dev.rehearse.api.service.CohortService;
import dev.rehearse.api.service.CohortView;
import dev.rehearse.api.service.ElasticsearchDimensionStatistics;
import dev.rehearse.api.service.ElasticsearchProfileReader;
import dev.rehearse.api.service.ElasticsearchSessionReader;
import dev.rehearse.api.service.ElasticsearchSessionStatistics;
import dev.rehearse.api.service.KafkaCommandBus;
import dev.rehearse.api.service.KafkaReplyWaiter;
import dev.rehearse.api.service.LiveKitEgress;
import dev.rehearse.api.service.LiveKitRooms;
import dev.rehearse.api.service.LiveKitTokens;
import dev.rehearse.api.service.LiveKitWebhooks;
import dev.rehearse.api.service.ProfileService;
import dev.rehearse.api.service.QuestionSpeech;
import dev.rehearse.api.service.ReplyPartitions;
import dev.rehearse.api.service.S3AudioStore;
import dev.rehearse.api.service.S3ReportLinks;
import dev.rehearse.api.service.S3SpeechCache;
import dev.rehearse.api.service.SessionEventFollower;
import dev.rehearse.api.service.SessionOwnerView;
import dev.rehearse.api.service.SessionReader;
import dev.rehearse.api.service.SessionService;
import dev.rehearse.api.service.TopicReader;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.voice.tts.SpeechSynthesizer;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the ingest API: reads the configuration once and wires Kafka and Elasticsearch.
 */
public final class ApiMain {

  private static final Logger LOG = LoggerFactory.getLogger(ApiMain.class);

  /** How long a question just asked may take to reach its session document. */
  private static final Duration QUESTION_PROJECTION_WAIT = Duration.ofSeconds(5);

  private ApiMain() {}

  public static void main(String[] args) throws Exception {
    ApiConfig config;
    try {
      config = ApiConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("rehearse-api: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (ErrorTracking.start(ErrorTracking.Settings.fromEnv(System.getenv(), "api"))) {
      LOG.info("error reports go to Sentry");
    }
    Telemetry.Settings telemetry = Telemetry.Settings.fromEnv(System.getenv(), "rehearse-api");
    Tracer tracer = Telemetry.tracer(Telemetry.create(telemetry));
    if (telemetry.exports()) {
      LOG.info("traces go to OpenTelemetry (OTLP)");
    }
    ObjectMapper mapper = Json.newMapper();
    SessionOwnerView owners = SessionOwnerView.withDefaults(Clock.systemUTC());
    Optional<LiveKitRooms> rooms = config.liveKit().map(LiveKitRooms::of);
    KafkaReplyWaiter replies =
        new KafkaReplyWaiter(
            mapper,
            event -> {
              owners.onEvent(event);
              rooms.ifPresent(r -> r.onEvent(event)); // a completed session's room is closed
            },
            tracer);
    BatchView batches = new BatchView(mapper);
    ElasticsearchClients es = ElasticsearchClients.connect(config.connections().elasticsearchUrl());
    // this instance's replies: the events of its own commands, on its own partition (the commands
    // it publishes name it); it reads no other instance's
    TopicReader replyPartition;
    try {
      replyPartition =
          new TopicReader(
                  "session-replies-reader",
                  config.connections().kafkaBootstrap(),
                  List.of(Topics.SESSION_REPLIES.name()),
                  counts ->
                      List.of(
                          new TopicPartition(
                              Topics.SESSION_REPLIES.name(),
                              ReplyPartitions.of(
                                  config.instance(), counts.get(Topics.SESSION_REPLIES.name())))),
                  false,
                  replies::onRecord)
              .start(Duration.ofSeconds(60));
    } catch (IllegalStateException e) {
      System.err.println("rehearse-api: REHEARSE_API_INSTANCE: " + e.getMessage());
      System.exit(2);
      return;
    }
    int replyTo = replyPartition.reading().get(0).partition();
    LOG.info(
        "instance {}: replies come on partition {} of {}",
        config.instance(),
        replyTo,
        Topics.SESSION_REPLIES.name());
    KafkaCommandBus bus =
        new KafkaCommandBus(config.connections().kafkaBootstrap(), mapper, tracer, replyTo);
    // the live streams: the events of the sessions streamed here, read only while one is open
    SessionEventFollower streamed =
        new SessionEventFollower(
                config.connections().kafkaBootstrap(),
                Topics.SESSION_EVENTS.name(),
                mapper,
                Duration.ofSeconds(10))
            .start(Duration.ofSeconds(60));
    TopicReader batchTopics =
        new TopicReader(
                "batch-status-reader",
                config.connections().kafkaBootstrap(),
                List.of(Topics.BATCH_REQUESTS.name(), Topics.BATCH_STATUS.name()),
                true,
                batches::onRecord)
            .start(Duration.ofSeconds(60));
    CohortView cohortView = new CohortView(mapper);
    TopicReader cohortTopic =
        new TopicReader(
                "cohorts-reader",
                config.connections().kafkaBootstrap(),
                List.of(Topics.COHORTS.name()),
                true,
                cohortView::onRecord)
            .start(Duration.ofSeconds(60));
    if (!cohortTopic.awaitCaughtUp(Duration.ofSeconds(60))
        || !batchTopics.awaitCaughtUp(Duration.ofSeconds(60))) {
      LOG.warn("the cohort and batch views are still catching up; reads may lag for a while");
    }
    SessionReader store = new ElasticsearchSessionReader(es.client());
    S3ReportLinks reports = new S3ReportLinks(config.connections());
    Optional<SpeechSynthesizer> speech =
        Synthesizers.create(
            config.speech(), new S3SpeechCache(config.connections()), Synthesizers.newClient());
    LOG.info(
        "questions are spoken by {}",
        speech.map(SpeechSynthesizer::name).orElse("nobody: no synthesizer is configured"));
    S3AudioStore audio = new S3AudioStore(config.connections());
    SessionService sessions =
        new SessionService(
            bus,
            replies,
            store,
            owners,
            batches,
            config.replyTimeout(),
            Clock.systemUTC(),
            config.liveKit().map(lk -> new LiveKitTokens(lk, Clock.systemUTC(), rooms)),
            audio);
    Optional<LiveKitWebhooks> webhooks =
        config
            .liveKit()
            .map(
                lk ->
                    new LiveKitWebhooks(
                        lk.apiKey(),
                        lk.apiSecret(),
                        new LiveKitEgress(sessions, audio, config.connections().lakeBucket()),
                        Clock.systemUTC()));
    Api.Services services =
        new Api.Services(
            sessions,
            new ProfileService(
                bus,
                new ElasticsearchProfileReader(new BulkWriter(es.client()), mapper),
                config.replyTimeout(),
                Clock.systemUTC()),
            new CohortService(
                bus,
                cohortView,
                cohortTopic,
                store,
                batches,
                reports,
                config.replyTimeout(),
                Clock.systemUTC()),
            new AnalyticsService(
                new ElasticsearchSessionStatistics(es.client()),
                new ElasticsearchDimensionStatistics(es.client()),
                cohortView,
                config.analyticsMinGroup()),
            new SessionStream(streamed, store, mapper),
            new QuestionSpeech(store, owners, speech, QUESTION_PROJECTION_WAIT),
            webhooks);
    HttpMetrics metrics = new HttpMetrics();
    metrics.reader("session-replies", replyPartition::consumed);
    metrics.reader("session-streams", streamed::consumed);
    metrics.reader("batches", batchTopics::consumed);
    metrics.reader("cohorts", cohortTopic::consumed);
    RateLimits limits = RateLimits.fromEnv(System.getenv());
    Javalin app =
        Api.create(
            services,
            new TokenVerifier(
                config.jwtSecret(), config.jwksUrl(), config.jwtIssuer(), config.jwtAudience()),
            mapper,
            config,
            () ->
                replyPartition.alive()
                    && streamed.alive()
                    && batchTopics.alive()
                    && cohortTopic.alive()
                    && es.healthy()
                    && reports.reachable(),
            metrics,
            ApiDocs.load(),
            limits,
            tracer);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  try {
                    replyPartition.close();
                    streamed.close();
                    batchTopics.close();
                    cohortTopic.close();
                    limits.close();
                    bus.close();
                    es.close();
                  } catch (Exception e) {
                    LOG.warn("error while stopping: {}", e.toString());
                  }
                  stopped.countDown();
                }));
    app.start(config.host(), config.port());
    LOG.info("rehearse API listening on http://{}:{}", config.host(), config.port());
    stopped.await();
  }
}
