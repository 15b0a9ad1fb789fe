package dev.rehearse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.deploy.cli.Tokens;
import dev.rehearse.deploy.stack.Ports;
import dev.rehearse.deploy.stack.Stack;
import dev.rehearse.deploy.stack.StackConfig;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The real local stack, started once per test run on free ports and a fresh data directory, and
 * shared by every integration test; stopped when the test JVM exits.
 */
final class LocalStack {

  private static Stack stack;

  /** The LiveKit API secret of the test stack's configuration. */
  static final String LIVEKIT_SECRET = "it-livekit-secret-0123456789abcdef";

  private LocalStack() {}

  static synchronized Stack get() throws Exception {
    if (stack == null) {
      Stack started = new Stack(config("shared"), line -> System.out.println("[stack] " + line));
      started.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      stack = started;
    }
    return stack;
  }

  /** A configuration on free ports with its own data and log directories under target/. */
  static StackConfig config(String name) throws IOException {
    return config(name, Map.of());
  }

  /** {@link #config(String)} with more settings ({@code REHEARSE_ENGINES}, say). */
  static StackConfig config(String name, Map<String, String> settings) throws IOException {
    Path home = Path.of(System.getProperty("rehearse.home", "../..")).toAbsolutePath().normalize();
    Path dir =
        home.resolve("deploy/launcher/target/it-" + name + "-" + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    Map<String, String> env = env(home, dir);
    env.putAll(settings);
    return StackConfig.fromEnv(env, home);
  }

  static Map<String, String> env(Path home, Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("REHEARSE_HOME", home.toString());
    env.put("REHEARSE_DATA_DIR", dir.resolve("data").toString());
    env.put("REHEARSE_LOG_DIR", dir.resolve("logs").toString());
    env.put("REHEARSE_CHECKPOINT_INTERVAL_MS", "2000");
    // spoken answers in the tests are measured, not transcribed: their replies stay deterministic
    env.put("REHEARSE_TRANSCRIBE_OFFLINE", "false");
    env.put("REHEARSE_LIVEKIT_URL", "wss://livekit.test");
    env.put("REHEARSE_LIVEKIT_API_KEY", "it-key");
    env.put("REHEARSE_LIVEKIT_API_SECRET", LIVEKIT_SECRET);
    // rooms are created through a local stand-in for LiveKit's room service
    env.put("REHEARSE_LIVEKIT_API_URL", FakeLiveKit.get().baseUrl());
    // tests send many requests a minute as one user (BadInputIT some 300): the interview and read
    // limits must not answer for the validation under test. The batch limit keeps its default (10
    // a minute), which OneAnswerEndToEndIT's test of the limiter relies on.
    env.put("REHEARSE_RATE_INTERVIEW_PER_MINUTE", "100000");
    env.put("REHEARSE_RATE_READ_PER_MINUTE", "100000");
    // company research against a local stand-in for Tavily: the stack's environment is fixed when
    // it starts, so every test's stack has it; it finds pages only for a company no other test's
    // profile names (ResearchIT's), and nothing for the others
    env.put("REHEARSE_TAVILY_BASE_URL", FakeTavily.get().baseUrl());
    env.put("REHEARSE_TAVILY_API_KEY", FakeTavily.KEY);
    env.put("REHEARSE_RESEARCH_TIMEOUT_MS", "2000");
    // traces of every service go to a local OTLP receiver, exported every 200 ms
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", FakeOtlp.get().baseUrl());
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    List<String> ports =
        List.of(
            "REHEARSE_KAFKA_PORT",
            "REHEARSE_KAFKA_CONTROLLER_PORT",
            "REHEARSE_ES_PORT",
            "REHEARSE_ES_TRANSPORT_PORT",
            "REHEARSE_S3_PORT",
            "REHEARSE_API_PORT",
            "REHEARSE_FLINK_REST_PORT",
            "REHEARSE_FLINK_RPC_PORT",
            "REHEARSE_SPARK_DRIVER_PORT",
            "REHEARSE_SPARK_BLOCK_MANAGER_PORT",
            "REHEARSE_SPARK_MASTER_PORT",
            "REHEARSE_SPARK_MASTER_UI_PORT");
    for (String port : ports) {
      try {
        env.put(port, String.valueOf(Ports.ephemeral()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return env;
  }

  static String token(Stack stack, String user) {
    return Tokens.sign(stack.jwtSecret(), user, List.of("candidate"), Duration.ofHours(1));
  }

  /** The names of the lake's objects under {@code prefix}. */
  static List<String> lakeObjects(Stack stack, String prefix) throws Exception {
    return lakeObjects(stack.config(), prefix);
  }

  /** The names of the lake's objects under {@code prefix}, of the stack {@code config} runs. */
  static List<String> lakeObjects(StackConfig config, String prefix) throws Exception {
    MinioClient minio =
        MinioClient.builder()
            .endpoint(config.s3Endpoint())
            .credentials(config.s3AccessKey(), config.s3SecretKey())
            .region("us-east-1")
            .build();
    List<String> names = new java.util.ArrayList<>();
    for (Result<Item> item :
        minio.listObjects(
            ListObjectsArgs.builder()
                .bucket(config.lakeBucket())
                .prefix(prefix)
                .recursive(true)
                .build())) {
      names.add(item.get().objectName());
    }
    return names;
  }

  /** One object of the lake, as text. */
  static String lakeObject(Stack stack, String name) throws Exception {
    return new String(lakeBytes(stack, name), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] lakeBytes(Stack stack, String name) throws Exception {
    return lakeBytes(stack.config(), name);
  }

  private static byte[] lakeBytes(StackConfig config, String name) throws Exception {
    MinioClient minio =
        MinioClient.builder()
            .endpoint(config.s3Endpoint())
            .credentials(config.s3AccessKey(), config.s3SecretKey())
            .region("us-east-1")
            .build();
    try (var in =
        minio.getObject(
            io.minio.GetObjectArgs.builder().bucket(config.lakeBucket()).object(name).build())) {
      return in.readAllBytes();
    }
  }

  /**
   * Every row of every Parquet file of the lake under {@code prefix}, read back with the Parquet
   * reader, as column → value (strings for text, numbers and booleans as they are).
   */
  static List<Map<String, Object>> lakeRows(Stack stack, String prefix) throws Exception {
    return lakeRows(stack.config(), prefix);
  }

  /** As {@link #lakeRows(Stack, String)}, of the stack {@code config} runs. */
  static List<Map<String, Object>> lakeRows(StackConfig config, String prefix) throws Exception {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    Path dir = Files.createTempDirectory("lake-rows");
    try {
      for (String name : lakeObjects(config, prefix)) {
        if (!name.endsWith(".parquet")) {
          continue;
        }
        Path file = dir.resolve(Integer.toHexString(name.hashCode()) + ".parquet");
        Files.write(file, lakeBytes(config, name));
        try (var reader =
            org.apache.parquet.avro.AvroParquetReader
                .<org.apache.avro.generic.GenericRecord>builder(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()),
                        new org.apache.hadoop.conf.Configuration()))
                .withDataModel(org.apache.avro.generic.GenericData.get())
                .build()) {
          for (var record = reader.read(); record != null; record = reader.read()) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (var field : record.getSchema().getFields()) {
              Object value = record.get(field.name());
              row.put(field.name(), value instanceof CharSequence c ? c.toString() : value);
            }
            rows.add(row);
          }
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
    return rows;
  }

  /** A search of Elasticsearch index (or alias) {@code index}: the response's {@code hits.hits}. */
  static com.fasterxml.jackson.databind.JsonNode search(Stack stack, String index, String query)
      throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            stack.config().elasticsearchUrl() + "/" + index + "/_search"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(query))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("search of " + index + ": " + response.body());
    }
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(response.body())
        .path("hits")
        .path("hits");
  }

  /**
   * Polls until {@code probe} returns a value, for at most 180 s: batches queue behind those of
   * earlier tests on the one batch runner.
   */
  static <T> T eventually(Callable<T> probe) throws Exception {
    return eventually(probe, () -> "");
  }

  /**
   * As {@link #eventually(Callable)}; a failure says what {@code last} reports (the last reply).
   */
  static <T> T eventually(Callable<T> probe, java.util.function.Supplier<String> last)
      throws Exception {
    return eventually(probe, last, Duration.ofSeconds(180));
  }

  /** As {@link #eventually(Callable, java.util.function.Supplier)}, waiting up to {@code limit}. */
  static <T> T eventually(
      Callable<T> probe, java.util.function.Supplier<String> last, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "condition not met within " + limit.toSeconds() + " s; last: " + last.get());
      }
      Thread.sleep(500);
    }
  }

  /** A token of {@code user} with {@code roles}. */
  static String token(Stack stack, String user, String... roles) {
    return Tokens.sign(stack.jwtSecret(), user, List.of(roles), Duration.ofHours(1));
  }

  /**
   * Opens the live stream of session {@code sessionId} on the API at {@code apiUrl} as the holder
   * of {@code token}; each event it sends is added to {@code into}, parsed.
   */
  static WebSocket stream(
      String apiUrl, String sessionId, String token, BlockingQueue<JsonNode> into) {
    ObjectMapper mapper = new ObjectMapper();
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(
            URI.create(
                apiUrl.replace("http://", "ws://")
                    + "/ai-interview/sessions/"
                    + sessionId
                    + "/stream"),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  try {
                    into.add(mapper.readTree(text.toString()));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  text.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
        .join();
  }

  /**
   * Every record of {@code topic} from its beginning to its end at the call, committed records
   * only, each with its UTF-8 value: what a test checks was written. Fails after a minute.
   */
  static void readTopic(
      String bootstrap,
      Topic<?> topic,
      java.util.function.Consumer<ConsumerRecord<String, String>> each) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    try (var consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end in a minute");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(each);
      }
    }
  }

  /** {@link #readTopic} of a JSON topic: each record's key and parsed value. */
  static void readJsonTopic(
      String bootstrap, Topic<?> topic, java.util.function.BiConsumer<String, JsonNode> each) {
    ObjectMapper mapper = new ObjectMapper();
    readTopic(
        bootstrap,
        topic,
        r -> {
          try {
            each.accept(r.key(), mapper.readTree(r.value()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * The metrics events ({@code answer-analyzed}) of committed output of the sessions {@code
   * session} accepts, by event id, with how often each was seen: one each is exactly-once.
   */
  static Map<String, Integer> answerEvents(
      String bootstrap, java.util.function.Predicate<String> session) {
    Map<String, Integer> seen = new HashMap<>();
    readJsonTopic(
        bootstrap,
        dev.rehearse.core.topics.Topics.SESSION_EVENTS,
        (key, event) -> {
          if (session.test(key) && event.path("type").asText().equals("answer-analyzed")) {
            seen.merge(event.path("eventId").asText(), 1, Integer::sum);
          }
        });
    return seen;
  }
}
