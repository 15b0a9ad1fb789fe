package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Ports;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two API instances on the one stack, as separate processes that share nothing but Kafka and
 * Elasticsearch: the stack's (instance 0) and a second one (instance 1). Interviews are started and
 * answered on both in turn; every request is answered by the interviewer (no 202), and each
 * instance reads the events of its own commands only, as its Prometheus counter of consumed records
 * shows. A live stream opened on one instance gets the events of commands sent to the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoApiInstancesIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern CONSUMED =
      Pattern.compile(
          "^rehearse_api_records_consumed_total\\{reader=\"([a-z-]+)\"[^}]*\\} ([0-9.eE+]+)$",
          Pattern.MULTILINE);

  /** Interviews answered on both instances in turn; one more goes to instance 0 alone. */
  private static final int INTERVIEWS = 4;

  private static final int QUESTIONS = 3;

  private static Stack stack;
  private static AutoCloseable second;
  private static String[] urls;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    stack = LocalStack.get();
    int port = Ports.ephemeral();
    second = stack.startApi(1, port);
    urls = new String[] {stack.config().apiUrl(), "http://127.0.0.1:" + port};
  }

  @AfterAll
  static void stopSecondInstance() throws Exception {
    if (second != null) {
      second.close();
    }
  }

  @Test
  @Order(1)
  void everyReplyReachesItsInstanceAndEachReadsOnlyTheEventsOfItsOwnCommands() throws Exception {
    Map<String, Double> before0 = consumed(urls[0]);
    Map<String, Double> before1 = consumed(urls[1]);

    // interviews started and answered on both instances in turn (request n goes to instance
    // n % 2), then one more on instance 0 alone: the instances' traffic differs
    Map<String, List<Integer>> instanceOfCommand = new LinkedHashMap<>();
    int[] requests = new int[2];
    int n = 0;
    for (int i = 0; i <= INTERVIEWS; i++) {
      String user = "two-instances-" + i;
      boolean alone = i == INTERVIEWS;
      int at = alone ? 0 : n++ % 2;
      ApiClient.Response started =
          client(at, user)
              .post(
                  "/ai-interview/sessions",
                  Map.of("type", "behavioral", "role", "Backend Engineer", "questionCount", 3));
      requests[at]++;
      assertThat(started.status())
          .as("start on instance %d: %s", at, started.body())
          .isEqualTo(201);
      assertThat(started.body().path("question").path("index").asInt()).isZero();
      String sessionId = started.body().path("id").asText();
      List<Integer> instances = new ArrayList<>(List.of(at));
      instanceOfCommand.put(sessionId, instances);
      String status = "active";
      for (int q = 0; q < QUESTIONS + 2 && status.equals("active"); q++) {
        at = alone ? 0 : n++ % 2;
        ApiClient.Response answered =
            client(at, user)
                .post(
                    "/ai-interview/sessions/" + sessionId + "/message",
                    Map.of(
                        "text",
                        "When our payments pipeline kept failing, my task was to fix it. I added"
                            + " retries and alerts, and as a result failures dropped to zero.",
                        "durationMs",
                        12_000));
        requests[at]++;
        instances.add(at);
        assertThat(answered.status())
            .as("answer %d of %s on instance %d: %s", q, sessionId, at, answered.body())
            .isEqualTo(200);
        status = answered.body().path("status").asText();
      }
      assertThat(status).as("session %s", sessionId).isEqualTo("completed");
    }

    // what each instance's commands caused: the events of the session's n-th command are the
    // replies of the instance it was sent to
    Map<String, List<List<String>>> eventsByCommand = eventsByCommand(instanceOfCommand.keySet());
    long[] expected = new long[2];
    long total = 0;
    for (Map.Entry<String, List<Integer>> session : instanceOfCommand.entrySet()) {
      List<List<String>> commands = eventsByCommand.get(session.getKey());
      assertThat(commands).as("commands of %s", session.getKey()).hasSameSizeAs(session.getValue());
      for (int c = 0; c < commands.size(); c++) {
        expected[session.getValue().get(c)] += commands.get(c).size();
        total += commands.get(c).size();
      }
    }

    Map<String, Double> after0 = consumed(urls[0]);
    Map<String, Double> after1 = consumed(urls[1]);
    long replies0 = delta(before0, after0, "session-replies");
    long replies1 = delta(before1, after1, "session-replies");
    System.out.printf(
        "[two-instances] requests %d / %d; session events of these interviews %d; replies"
            + " consumed: instance 0 %d (its commands' events %d), instance 1 %d (its commands'"
            + " events %d); stream records consumed %d / %d%n",
        requests[0],
        requests[1],
        total,
        replies0,
        expected[0],
        replies1,
        expected[1],
        delta(before0, after0, "session-streams"),
        delta(before1, after1, "session-streams"));
    assertThat(expected[0]).as("instance 0 had more traffic").isGreaterThan(expected[1]);
    assertThat(replies0).as("records instance 0 read").isEqualTo(expected[0]);
    assertThat(replies1).as("records instance 1 read").isEqualTo(expected[1]);
    assertThat(replies0 + replies1).isEqualTo(total);
    // no stream open: the events topic is not read at all
    assertThat(delta(before0, after0, "session-streams")).isZero();
    assertThat(delta(before1, after1, "session-streams")).isZero();
  }

  @Test
  @Order(2)
  void aStreamOnOneInstanceGetsTheEventsOfCommandsSentToTheOther() throws Exception {
    String user = "two-instances-stream";
    ApiClient.Response started =
        client(0, user)
            .post(
                "/ai-interview/sessions",
                Map.of("type", "behavioral", "role", "Backend Engineer", "questionCount", 3));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();
    String path = "/ai-interview/sessions/" + sessionId;
    Map<String, Object> answer =
        Map.of("text", "I led the migration and we cut the latency by half.", "durationMs", 5_000);
    Map<String, Double> before = consumed(urls[1]);

    // streamed on instance 1, answered on instance 0
    BlockingQueue<JsonNode> streamed = new LinkedBlockingQueue<>();
    WebSocket socket =
        LocalStack.stream(urls[1], sessionId, LocalStack.token(stack, user), streamed);
    assertThat(client(0, user).post(path + "/message", answer).status()).isEqualTo(200);
    assertThat(nextOfKind(streamed, "answer-analyzed").path("sessionId").asText())
        .isEqualTo(sessionId);
    assertThat(nextOfKind(streamed, "question-asked").path("index").asInt()).isEqualTo(1);
    // then on instance 1, which so learns the session; then completed through instance 0
    assertThat(client(1, user).post(path + "/message", answer).status()).isEqualTo(200);
    assertThat(nextOfKind(streamed, "question-asked").path("index").asInt()).isEqualTo(2);
    assertThat(client(0, user).post(path + "/complete", Map.of()).status()).isEqualTo(200);
    assertThat(nextOfKind(streamed, "session-completed").path("sessionId").asText())
        .isEqualTo(sessionId);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

    // the stream's instance read the session's events (its partition of the events topic) while
    // the stream was open
    Map<String, Double> after = consumed(urls[1]);
    assertThat(delta(before, after, "session-streams")).isGreaterThanOrEqualTo(5);

    // instance 1 had not seen the session end: the interviewer's refusal and the session's
    // document tell it, and it answers as for a session it saw complete
    ApiClient.Response late = client(1, user).post(path + "/message", answer);
    assertThat(late.status()).as("%s", late.body()).isEqualTo(409);
    ApiClient.Response completedAgain = client(1, user).post(path + "/complete", Map.of());
    assertThat(completedAgain.status()).isEqualTo(200);
    assertThat(completedAgain.body().path("status").asText()).isEqualTo("completed");
  }

  private static ApiClient client(int instance, String user) {
    return new ApiClient(urls[instance], LocalStack.token(stack, user));
  }

  /** The instance's {@code rehearse_api_records_consumed_total}, by reader. */
  private static Map<String, Double> consumed(String url) throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    Map<String, Double> byReader = new HashMap<>();
    Matcher m = CONSUMED.matcher(metrics.body());
    while (m.find()) {
      byReader.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    assertThat(byReader).containsKeys("session-replies", "session-streams");
    return byReader;
  }

  private static long delta(Map<String, Double> before, Map<String, Double> after, String reader) {
    return Math.round(after.get(reader) - before.get(reader));
  }

  /**
   * The events of each session of {@code sessions} as the interview job wrote them to the events
   * topic, grouped by command in the order the commands came.
   */
  private static Map<String, List<List<String>>> eventsByCommand(Set<String> sessions)
      throws Exception {
    Map<String, Map<String, List<String>>> bySession = new HashMap<>();
    LocalStack.readJsonTopic(
        stack.config().kafkaBootstrap(),
        Topics.SESSION_EVENTS,
        (key, event) -> {
          if (sessions.contains(key)) {
            bySession
                .computeIfAbsent(key, k -> new LinkedHashMap<>())
                .computeIfAbsent(event.path("commandId").asText(), k -> new ArrayList<>())
                .add(event.path("type").asText());
          }
        });
    Map<String, List<List<String>>> result = new HashMap<>();
    bySession.forEach((s, commands) -> result.put(s, new ArrayList<>(commands.values())));
    return result;
  }

  private static JsonNode nextOfKind(BlockingQueue<JsonNode> events, String type)
      throws InterruptedException {
    Set<String> seen = new LinkedHashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      JsonNode event = events.poll(500, TimeUnit.MILLISECONDS);
      if (event != null) {
        if (event.path("type").asText().equals(type)) {
          return event;
        }
        seen.add(event.path("type").asText());
      }
    }
    throw new AssertionError("no " + type + " on the stream within 20 s; saw " + seen);
  }
}
