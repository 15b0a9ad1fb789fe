package dev.rehearse.deploy.stack;

import static org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET;

import dev.rehearse.core.topics.Topic;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.KafkaSettings;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.IndexSetup;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The local stack: Kafka, Elasticsearch and the S3 store, then the Flink jobs, the API and the
 * Spark batch runner, each a supervised child process with a bounded heap, its own port, a log
 * under the log directory and data under the data directory. {@link #close()} stops them all.
 */
public final class Stack implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** The secret the batch jobs' analytics pseudonyms are HMACs under. */
  static final String ANALYTICS_SALT = "REHEARSE_ANALYTICS_SALT";

  private final StackConfig config;
  private final Consumer<String> progress;
  private final Artifacts artifacts;
  private final List<Service> services = Collections.synchronizedList(new ArrayList<>());
  // how each service was started and when it is ready, by name: to start it again after a crash
  private final Map<String, Supervised> supervised = new java.util.concurrent.ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String jwtSecret;
  // the environment the services were started with, for more API instances
  private volatile Map<String, String> serviceEnv = Map.of();
  // whether this stack wrote the data directory's stack.pids: only then may it remove it
  private volatile boolean recorded;

  public Stack(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.artifacts = new Artifacts(config.home());
  }

  public StackConfig config() {
    return config;
  }

  /** The secret API tokens are signed with (created with the data directory). */
  public String jwtSecret() {
    return jwtSecret;
  }

  /** Starts every service and returns once all are ready. On failure, stops what it started. */
  public void start() throws Exception {
    long t0 = System.nanoTime();
    artifacts.requireBuilt();
    // a stack running on this data directory is refused before anything is touched; services a
    // killed launcher left are stopped before their ports are checked
    StackState.stopLeftovers(config, progress);
    List<String> taken = Ports.taken(config.ports().settings(config.engines()));
    if (!taken.isEmpty()) {
      throw new IllegalStateException(String.join("\n", taken));
    }
    Files.createDirectories(config.dataDir());
    Files.createDirectories(config.logDir());
    StackState.recordLauncher(config);
    recorded = true;
    jwtSecret = secret(config.dataDir().resolve("jwt-secret"));
    try {
      // the stores first, side by side
      Service kafka = start(KafkaBroker.service(config, artifacts), this::kafkaReady);
      Service es = start(new Elasticsearch(config, artifacts).service(), this::elasticsearchReady);
      Service s3 =
          start(S3Store.service(config, artifacts), () -> Ports.listening(config.ports().s3()));
      awaitReady(kafka);
      awaitReady(s3);
      awaitReady(es);
      provision();

      // then what reads and writes them
      Map<String, String> env = new LinkedHashMap<>(config.serviceEnv(jwtSecret));
      if (!env.containsKey(ANALYTICS_SALT)) {
        // kept with the data directory, so the analytics pseudonyms stay the same across restarts
        env.put(ANALYTICS_SALT, secret(config.dataDir().resolve("analytics-salt")));
      }
      serviceEnv = Map.copyOf(env);
      boolean standalone = config.engines() == StackConfig.Engines.STANDALONE;
      List<Service> engines =
          standalone
              ? startClusters()
              : List.of(start(Jobs.flink(config, artifacts, env), this::flinkRunning));
      Service api = start(Jobs.api(config, artifacts, env), this::apiReady);
      if (standalone) {
        // the batch runner's session needs the Spark master, the interview job the TaskManagers
        for (Service engine : engines) {
          awaitReady(engine);
        }
      }
      Service spark =
          start(
              Jobs.spark(config, artifacts, env),
              () -> logContains(config.logDir().resolve("spark.log"), Jobs.SPARK_READY));
      if (standalone) {
        submitInterviewJob(env);
      }
      awaitReady(api);
      for (Service engine : engines) {
        awaitReady(engine);
      }
      awaitReady(spark);
    } catch (Exception e) {
      close();
      throw e;
    }
    progress.accept(String.format("stack ready in %.1f s", (System.nanoTime() - t0) / 1e9));
  }

  /**
   * Starts the standalone clusters: Flink's JobManager and TaskManagers, Spark's master and worker.
   * Each is ready once the cluster lists it: a TaskManager registered under its name, the worker
   * ALIVE at the master.
   */
  private List<Service> startClusters() throws IOException {
    List<Service> started = new ArrayList<>();
    Path flinkConf = FlinkCluster.configDir(config);
    started.add(
        start(
            FlinkCluster.jobManager(config, artifacts, flinkConf),
            () -> status(config.flinkRestUrl() + "/overview") == 200));
    for (int k = 1; k <= config.flinkTaskManagers(); k++) {
      String name = FlinkCluster.taskManager(k);
      started.add(
          start(
              FlinkCluster.taskManager(config, artifacts, flinkConf, k),
              () ->
                  ClusterViews.taskManagers(get(config.flinkRestUrl() + "/taskmanagers"))
                      .contains(name)));
    }
    Path sparkHome = SparkCluster.home(config, artifacts);
    started.add(
        start(
            SparkCluster.master(config, artifacts, sparkHome),
            () -> status(config.sparkMasterUiUrl() + "/json/") == 200));
    started.add(
        start(
            SparkCluster.worker(config, artifacts, sparkHome),
            () -> ClusterViews.aliveWorkers(get(config.sparkMasterUiUrl() + "/json/")) > 0));
    return started;
  }

  /**
   * Submits the interview job to the standalone Flink cluster as its shaded jar, and returns once
   * all its tasks run there.
   */
  private void submitInterviewJob(Map<String, String> env) throws Exception {
    ServiceSpec spec = Jobs.flinkSubmit(config, artifacts, env);
    progress.accept("submitting the interview job to the Flink cluster (log: " + spec.log() + ")");
    Service submit =
        Service.start(
            spec.name(), spec.privileges(), spec.command(), spec.env(), spec.workDir(), spec.log());
    int status = submit.awaitExit(START_TIMEOUT);
    if (status != 0) {
      throw new IllegalStateException(
          "the interview job's submission exited with status " + status + submit.tail());
    }
    service(FlinkCluster.JOB_MANAGER).awaitReady(this::flinkRunning, START_TIMEOUT);
  }

  /** How a service was started, and the condition that says it is ready. */
  private record Supervised(ServiceSpec spec, Service.Check ready) {}

  private Service start(ServiceSpec spec, Service.Check ready) throws IOException {
    progress.accept("starting " + spec.name() + " (log: " + spec.log() + ")");
    Service service =
        Service.start(
            spec.name(), spec.privileges(), spec.command(), spec.env(), spec.workDir(), spec.log());
    supervised.put(spec.name(), new Supervised(spec, ready));
    services.add(service);
    StackState.recordService(config, service);
    return service;
  }

  private void awaitReady(Service service) throws InterruptedException {
    service.awaitReady(supervised.get(service.name()).ready(), START_TIMEOUT);
  }

  /** The names of the services, in the order they were started. */
  public List<String> serviceNames() {
    synchronized (services) {
      return services.stream().map(Service::name).toList();
    }
  }

  /** The process id of service {@code name}. */
  public long pid(String name) {
    return service(name).pid();
  }

  /**
   * Kills service {@code name} (kafka, elasticsearch, s3, flink, api, spark; with standalone
   * engines flink-jobmanager, flink-taskmanager-K, spark-master, spark-worker) and what it started
   * with SIGKILL, as a crash would: it gets no chance to clean up. The rest of the stack runs on.
   */
  public void kill(String name) throws InterruptedException {
    Service service = service(name);
    progress.accept("killing " + name + " (pid " + service.pid() + ")");
    service.kill();
  }

  /**
   * Starts service {@code name} again, as it was started first, after it died or was {@link
   * #kill}ed, and returns once it is ready. Its parent-death signal is tied to the calling thread
   * (see {@link Service}): call it from a thread that lives as long as the stack.
   */
  public void restart(String name) throws Exception {
    Service old = service(name);
    if (old.alive()) {
      throw new IllegalStateException(name + " still runs (pid " + old.pid() + ")");
    }
    Supervised how = supervised.get(name);
    Service service;
    synchronized (services) {
      service = start(how.spec(), how.ready());
      services.remove(old);
    }
    awaitReady(service);
    progress.accept(name + " is ready again");
  }

  private Service service(String name) {
    synchronized (services) {
      return services.stream()
          .filter(s -> s.name().equals(name))
          .reduce((first, later) -> later)
          .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }
  }

  /**
   * Starts one more API process against this stack: instance {@code instance} (its reply partition)
   * listening on {@code port}, with the first API's settings otherwise; returns once it is ready.
   * Closing the handle stops it; the stack stops it too when it closes.
   */
  public AutoCloseable startApi(int instance, int port) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(serviceEnv);
    env.put("REHEARSE_API_INSTANCE", String.valueOf(instance));
    env.put("REHEARSE_API_PORT", String.valueOf(port));
    ServiceSpec first = Jobs.api(config, artifacts, env);
    Service api =
        start(
            new ServiceSpec(
                "api-" + instance,
                first.privileges(),
                first.command(),
                first.env(),
                first.workDir(),
                config.logDir().resolve("api-" + instance + ".log")),
            () -> status("http://127.0.0.1:" + port + "/ready") == 200);
    awaitReady(api);
    return () -> {
      services.remove(api);
      api.stop(Duration.ofSeconds(20));
    };
  }

  /** Services that exited although nobody stopped them. */
  public List<String> dead() {
    synchronized (services) {
      return services.stream().filter(s -> !s.alive()).map(Service::name).toList();
    }
  }

  /** Where everything is, for people. */
  public String summary() {
    return String.join(
        "\n",
        "  API            " + config.apiUrl() + "   (GET /health, /ready)",
        "  Kafka          " + config.kafkaBootstrap(),
        "  Elasticsearch  " + config.elasticsearchUrl(),
        "  S3 store       " + config.s3Endpoint() + "   bucket " + config.lakeBucket(),
        "  Flink REST     " + config.flinkRestUrl() + engines(),
        "  logs           " + config.logDir(),
        "  data           " + config.dataDir());
  }

  /** The standalone clusters' processes, for the summary. */
  private String engines() {
    if (config.engines() == StackConfig.Engines.EMBEDDED) {
      return "   (local cluster in one JVM)";
    }
    return "   (JobManager and "
        + config.flinkTaskManagers()
        + " TaskManagers)\n  Spark master   "
        + config.sparkMasterUrl()
        + "   web UI "
        + config.sparkMasterUiUrl()
        + " (1 worker)";
  }

  private void provision() throws Exception {
    progress.accept("creating topics, indices and the lake bucket");
    try (Admin admin = Admin.create(KafkaSettings.admin(config.kafkaBootstrap()))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      Map<ConfigResource, Collection<AlterConfigOp>> settings = new LinkedHashMap<>();
      for (Topic<?> topic : Topics.all()) {
        if (!existing.contains(topic.name())) {
          missing.add(
              new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.settings()));
        } else {
          // a data directory of an older build gets the settings of this one (a new retention)
          settings.put(
              new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
              topic.settings().entrySet().stream()
                  .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), SET))
                  .toList());
        }
      }
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      if (!settings.isEmpty()) {
        admin.incrementalAlterConfigs(settings).all().get(30, TimeUnit.SECONDS);
      }
    }
    try (ElasticsearchClients es =
        ElasticsearchClients.connect(URI.create(config.elasticsearchUrl()))) {
      new IndexSetup(es.client()).ensureAll();
    }
    MinioClient minio =
        MinioClient.builder()
            .endpoint(config.s3Endpoint())
            .credentials(config.s3AccessKey(), config.s3SecretKey())
            .region("us-east-1")
            .build();
    if (!minio.bucketExists(BucketExistsArgs.builder().bucket(config.lakeBucket()).build())) {
      minio.makeBucket(MakeBucketArgs.builder().bucket(config.lakeBucket()).build());
    }
  }

  private boolean kafkaReady() throws InterruptedException {
    if (!Ports.listening(config.ports().kafka())) {
      return false;
    }
    try (Admin admin = Admin.create(KafkaSettings.admin(config.kafkaBootstrap()))) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  private boolean elasticsearchReady() throws IOException, InterruptedException {
    return Ports.listening(config.ports().elasticsearch())
        && status(config.elasticsearchUrl() + "/_cluster/health?wait_for_status=yellow&timeout=1s")
            == 200;
  }

  /** The interview job runs with every task running. */
  private boolean flinkRunning() throws IOException, InterruptedException {
    return ClusterViews.allRunning(get(config.flinkRestUrl() + "/jobs/overview"));
  }

  /** The body of a GET, or an empty string when nothing listens there or it does not answer 200. */
  private String get(String url) throws IOException, InterruptedException {
    if (!Ports.listening(URI.create(url).getPort())) {
      return "";
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? response.body() : "";
  }

  private int status(String url) throws IOException, InterruptedException {
    if (!Ports.listening(URI.create(url).getPort())) {
      return -1;
    }
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private boolean apiReady() throws IOException, InterruptedException {
    return status(config.apiUrl() + "/ready") == 200;
  }

  private static boolean logContains(Path log, String marker) throws IOException {
    return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker);
  }

  /** Reads the secret of this data directory, creating it the first time. */
  static String secret(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.writeString(file, secret, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return secret;
  }

  /**
   * Stops every service, the latest started first, and removes the record of this stack's processes
   * if it wrote one; idempotent.
   */
  @Override
  public void close() {
    List<Service> running;
    synchronized (services) {
      running = new ArrayList<>(services);
      services.clear();
    }
    Collections.reverse(running);
    for (Service service : running) {
      try {
        progress.accept("stopping " + service.name());
        service.stop(Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // a start refused beside another stack leaves that stack's record alone
    if (recorded) {
      StackState.clear(config);
      recorded = false;
    }
  }
}
