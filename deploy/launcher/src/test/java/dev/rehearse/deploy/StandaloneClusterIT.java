package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.cli.BatchCommand;
import dev.rehearse.deploy.stack.Stack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The stack on real standalone clusters ({@code REHEARSE_ENGINES=standalone}), on a stack of its
 * own: a Flink JobManager and two TaskManagers as separate processes on Flink's own jars, the
 * interview job submitted to them as its jar, and a Spark master and worker whose executor runs the
 * batch jobs. An interview runs end to end; an assessment, a cohort report and a reindex run on the
 * Spark cluster; then a TaskManager is killed with SIGKILL during a load of answers, and the job
 * goes on from its checkpoint on the other one with every accepted answer there exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

  /** Answers a second of the load around the TaskManager kill. */
  private static final int RATE = 30;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Stack stack;
  private static String sessionId;

  @BeforeAll
  static void startStack() throws Exception {
    stack =
        new Stack(
            LocalStack.config("cluster", Map.of("REHEARSE_ENGINES", "standalone")),
            line -> System.out.println("[cluster] " + line));
    long t0 = System.nanoTime();
    stack.start();
    System.out.printf(
        "[cluster] standalone stack ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      printResidentMemory();
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theClustersRunAsSeparateProcessesOnTheirOwnJars() throws Exception {
    JsonNode taskManagers = get(stack.config().flinkRestUrl() + "/taskmanagers");
    assertThat(taskManagers.path("taskmanagers").findValuesAsText("id"))
        .containsExactlyInAnyOrder("flink-taskmanager-1", "flink-taskmanager-2");

    List<Long> pids =
        List.of("flink-jobmanager", "flink-taskmanager-1", "flink-taskmanager-2", "spark-master")
            .stream()
            .map(stack::pid)
            .toList();
    assertThat(pids).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
    for (String name : List.of("flink-jobmanager", "flink-taskmanager-1")) {
      String commandLine = commandLine(stack.pid(name));
      assertThat(commandLine)
          .as(name + " runs on Flink's jars, without the job's classes")
          .contains("deploy/flink-cluster/target/lib")
          .doesNotContain("stream-jobs/target");
    }

    JsonNode master = get(stack.config().sparkMasterUiUrl() + "/json/");
    assertThat(master.path("workers").findValuesAsText("state")).containsExactly("ALIVE");
    assertThat(master.path("activeapps").findValuesAsText("name")).contains("rehearse-batch");
  }

  @Test
  @Order(2)
  void anInterviewRunsEndToEndOnTheFlinkCluster() throws Exception {
    ApiClient me = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "cluster-1"));
    ApiClient.Response started =
        me.post(
            "/ai-interview/sessions",
            Map.of("type", "behavioral", "role", "Engineer", "questionCount", 2));
    assertThat(started.status()).isEqualTo(201);
    sessionId = started.body().path("id").asText();

    ApiClient.Response answered =
        me.post(
            "/ai-interview/sessions/" + sessionId + "/message",
            Map.of(
                "text",
                "When the release slipped I owned the plan. I cut the scope with the team and"
                    + " shipped on time, and the churn fell by a tenth.",
                "durationMs",
                11_000));
    assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
    assertThat(answered.body().toString()).contains("wordsPerMinute");
    assertThat(me.post("/ai-interview/sessions/" + sessionId + "/complete", Map.of()).status())
        .isEqualTo(200);

    // the answer reached the lake through the cluster's S3 file system
    eventually(
        () ->
            LocalStack.lakeRows(stack, "bronze/answers/").stream()
                    .anyMatch(r -> sessionId.equals(r.get("sessionId")))
                ? true
                : null);
  }

  @Test
  @Order(3)
  void anAssessmentACohortReportAndAReindexRunOnTheSparkCluster() throws Exception {
    assertThat(sessionId).as("the interview of the test before").isNotNull();
    assertThat(batch("assess", "--session", sessionId)).contains("state      succeeded");
    JsonNode assessment =
        eventually(
            () -> {
              JsonNode hits =
                  LocalStack.search(
                      stack,
                      "assessments",
                      "{\"query\":{\"term\":{\"sessionId\":\"" + sessionId + "\"}}}");
              return hits.size() == 1 ? hits.get(0).path("_source") : null;
            });
    assertThat(assessment.path("overall").isNumber()).as(assessment.toString()).isTrue();

    ApiClient admin =
        new ApiClient(
            stack.config().apiUrl(), LocalStack.token(stack, "cluster-admin", "cohort_admin"));
    ApiClient.Response cohort =
        admin.post("/ai-interview/cohorts", Map.of("name", "Cluster cohort"));
    assertThat(cohort.status()).isEqualTo(201);
    String cohortId = cohort.body().path("id").asText();
    assertThat(
            admin
                .post(
                    "/ai-interview/cohorts/" + cohortId + "/members", Map.of("userId", "cluster-1"))
                .status())
        .isEqualTo(201);
    assertThat(batch("cohort-report", "--cohort", cohortId)).contains("state      succeeded");
    assertThat(LocalStack.lakeObjects(stack, "reports/" + cohortId + "/"))
        .anyMatch(name -> name.endsWith("report.html"));

    assertThat(batch("reindex")).contains("state      succeeded");

    // the batch application ran on the worker's executor, not in the driver
    JsonNode master = get(stack.config().sparkMasterUiUrl() + "/json/");
    JsonNode app = master.path("activeapps").get(0);
    assertThat(app.path("name").asText()).isEqualTo("rehearse-batch");
    assertThat(app.path("cores").asInt()).isPositive();
    assertThat(master.path("workers").get(0).path("coresused").asInt()).isPositive();
  }

  @Test
  @Order(4)
  void theJobGoesOnFromItsCheckpointWhenATaskManagerIsKilledDuringAnswers() throws Exception {
    List<String> tokens =
        IntStream.range(0, 10).mapToObj(i -> LocalStack.token(stack, "cluster-load-" + i)).toList();
    InterviewLoad load = new InterviewLoad(stack.config().apiUrl(), tokens);
    load.start(RATE);
    Thread.sleep(10_000);

    long killed = System.currentTimeMillis();
    stack.kill("flink-taskmanager-1");
    // the job restarts on the TaskManager left: it has the slots for all of it
    long restored =
        eventually(
            () -> {
              JsonNode jobs = get(stack.config().flinkRestUrl() + "/jobs/overview").path("jobs");
              JsonNode job = jobs.get(0);
              return job != null
                      && job.path("state").asText().equals("RUNNING")
                      && job.path("tasks").path("running").asInt()
                          == job.path("tasks").path("total").asInt()
                      && System.currentTimeMillis() > killed + 1_000
                  ? System.currentTimeMillis()
                  : null;
            });
    long recovered = AcceptedAnswers.awaitRecovery(load, killed, 3 * RATE, Duration.ofMinutes(2));
    System.out.printf(
        "[cluster] TaskManager killed: job running again after %.1f s, answers all answered 200"
            + " again after %s%n",
        (restored - killed) / 1e3,
        recovered < 0 ? "(not within 120 s)" : (recovered - killed) / 1e3 + " s");
    Map<Integer, Long> between =
        load.attempts().stream()
            .filter(a -> a.kind().equals("answer") && a.sentMs() >= killed)
            .filter(a -> recovered < 0 || a.sentMs() < recovered)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    InterviewLoad.Attempt::status,
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));
    System.out.println("[cluster] answers sent until then, by status: " + between);
    assertThat(recovered).as("answers all answered 200 again after the kill").isPositive();

    // and a TaskManager started again joins the cluster
    stack.restart("flink-taskmanager-1");
    assertThat(
            get(stack.config().flinkRestUrl() + "/taskmanagers")
                .path("taskmanagers")
                .findValuesAsText("id"))
        .contains("flink-taskmanager-1", "flink-taskmanager-2");
    Thread.sleep(3_000);
    load.close();

    SoftAssertions softly = new SoftAssertions();
    // the interview of the second test is the only session the load did not start
    AcceptedAnswers.checkNothingLost(
        softly, stack, load, sessionId == null ? Set.of() : Set.of(sessionId), "cluster");
    softly.assertAll();
  }

  /** Runs {@code ./rehearse batch ARGS} against the stack; returns what it printed. */
  private static String batch(String... args) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit =
        new BatchCommand(stack.config(), new PrintStream(output, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    String shown = output.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(shown).isZero();
    return shown;
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }

  private static String commandLine(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
  }

  /** Prints the resident memory of every process of the clusters (the executor's included). */
  private static void printResidentMemory() {
    List<String> lines = new ArrayList<>();
    for (String name : stack.serviceNames()) {
      if (!name.startsWith("flink") && !name.startsWith("spark")) {
        continue;
      }
      ProcessHandle.of(stack.pid(name))
          .ifPresent(
              p -> {
                lines.add(String.format("%-20s %5d MB", name, rssMb(p.pid())));
                p.descendants()
                    .filter(d -> commandLine(d.pid()).contains("CoarseGrainedExecutorBackend"))
                    .forEach(
                        d ->
                            lines.add(
                                String.format("%-20s %5d MB", "spark-executor", rssMb(d.pid()))));
              });
    }
    System.out.println(
        "[cluster] resident memory:\n[cluster]   " + String.join("\n[cluster]   ", lines));
  }

  private static long rssMb(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
              .filter(l -> l.startsWith("VmRSS:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
              .findFirst()
              .orElse(0)
          / 1024;
    } catch (Exception e) {
      return -1;
    }
  }
}
