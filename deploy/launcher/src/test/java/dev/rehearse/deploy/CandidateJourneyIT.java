package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A candidate's whole journey on the real stack: profile → session (watched over the WebSocket) →
 * answers → complete → assessment requested and ready → erasure of everything.
 */
class CandidateJourneyIT {

  private static Stack stack;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  private static final Map<String, Object> PROFILE =
      Map.of(
          "targetRole",
          "Backend Engineer",
          "currentRole",
          "Software Engineer",
          "yearsOfExperience",
          4,
          "seniority",
          "mid",
          "technicalSkills",
          List.of("Java", "PostgreSQL", "Kafka"),
          "softSkills",
          List.of("mentoring"),
          "education",
          List.of(
              Map.of(
                  "institution", "TU Delft",
                  "degree", "MSc",
                  "field", "Computer Science",
                  "year", 2020)),
          "preferences",
          Map.of("interviewTypes", List.of("technical"), "difficulty", "medium"),
          "resumeText",
          "Built a Kafka pipeline for payments.\n\nRan Kafka Streams jobs for fraud alerts.");

  @Test
  void profileSessionAnswersAssessmentAndErasure() throws Exception {
    ApiClient me = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "journey-ana"));

    // the profile: created, read back, replaced
    ApiClient.Response created = me.post("/ai-interview/profile", PROFILE);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("indexed").asBoolean()).isTrue();
    assertThat(me.post("/ai-interview/profile", PROFILE).status()).isEqualTo(409);
    JsonNode profile = me.get("/ai-interview/profile").body();
    assertThat(profile.path("technicalSkills").toString()).contains("Kafka");
    assertThat(profile.path("education").get(0).path("institution").asText()).isEqualTo("TU Delft");

    // the interviewer asks about what the resume says the candidate did
    ApiClient.Response technical =
        me.post(
            "/ai-interview/sessions",
            Map.of("type", "technical", "role", "Backend Engineer", "questionCount", 2));
    assertThat(technical.body().path("question").path("text").asText()).contains("Kafka");

    Map<String, Object> changed = new java.util.HashMap<>(PROFILE);
    changed.put("targetRole", "Staff Engineer");
    changed.remove("resumeText");
    ApiClient.Response updated = me.put("/ai-interview/profile", changed);
    assertThat(updated.status()).isEqualTo(200);
    JsonNode afterUpdate = me.get("/ai-interview/profile").body();
    assertThat(afterUpdate.path("targetRole").asText()).isEqualTo("Staff Engineer");
    assertThat(afterUpdate.has("resumeText")).as("a field the update left out is gone").isFalse();
    assertThat(me.post("/ai-interview/profile/index", Map.of()).status()).isEqualTo(202);

    // a session, watched over the WebSocket
    ApiClient.Response started =
        me.post(
            "/ai-interview/sessions",
            Map.of("type", "behavioral", "role", "Staff Engineer", "questionCount", 3));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();
    BlockingQueue<JsonNode> streamed = new LinkedBlockingQueue<>();
    WebSocket socket =
        LocalStack.stream(
            stack.config().apiUrl(), sessionId, LocalStack.token(stack, "journey-ana"), streamed);

    ApiClient.Response first =
        me.post(
            "/ai-interview/sessions/" + sessionId + "/message",
            Map.of(
                "text",
                "When our payments pipeline kept failing, my task was to fix it. I added retries"
                    + " and alerts. As a result failures dropped to zero.",
                "durationMs",
                12_000));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("metrics").path("star").path("result").asBoolean()).isTrue();
    JsonNode analyzed = nextOfKind(streamed, "answer-analyzed");
    assertThat(analyzed.path("metrics").path("wordCount").asInt())
        .isEqualTo(first.body().path("metrics").path("wordCount").asInt());
    assertThat(nextOfKind(streamed, "question-asked").path("index").asInt()).isEqualTo(1);

    ApiClient.Response done =
        me.post("/ai-interview/sessions/" + sessionId + "/complete", Map.of());
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body().path("status").asText()).isEqualTo("completed");
    assertThat(done.body().path("summary").path("provisionalScore").asInt()).isBetween(1, 100);
    assertThat(nextOfKind(streamed, "session-completed").path("sessionId").asText())
        .isEqualTo(sessionId);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

    // the assessment (it waits for the answer to reach the lake at the next checkpoint)
    assertThat(me.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of()).status())
        .isEqualTo(202);
    // a batch that ran before the answer reached the lake assesses nothing: ask again now and then,
    // as a client would
    // the one batch runner of the shared stack takes batches in turn: those earlier tests queued
    // (cohort reports, assessments of sessions without answers, which fail at once once their
    // request is 20 s old) run first, which can take minutes on a busy build machine
    java.util.concurrent.atomic.AtomicInteger polls =
        new java.util.concurrent.atomic.AtomicInteger();
    JsonNode assessment =
        LocalStack.eventually(
            () -> {
              ApiClient.Response r = me.get("/ai-interview/sessions/" + sessionId + "/assessment");
              if (r.status() == 200) {
                return r.body();
              }
              if (polls.incrementAndGet() % 30 == 0) {
                me.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of());
              }
              return null;
            },
            () -> "the assessment of " + sessionId + " still pending",
            Duration.ofMinutes(6));
    assertThat(assessment.path("aggregate").path("answerCount").asInt()).isEqualTo(1);
    JsonNode scores = assessment.path("assessment");
    assertThat(scores.path("overall").asDouble()).isBetween(1.0, 100.0);
    // the batch scores STAR adherence from the same STAR analysis the answer got in real time
    assertThat(scores.path("starAdherence").asDouble())
        .isEqualTo(100 * first.body().path("metrics").path("star").path("completeness").asDouble());
    assertThat(scores.path("interviewType").asText()).isEqualTo("behavioral");
    assertThat(scores.path("notAssessed").toString()).contains("technicalAccuracy", "vocalVariety");
    assertThat(scores.path("feedback").path("improvements").size()).isBetween(3, 5);
    assertThat(scores.path("evidence").path("quote").asText()).startsWith("When our payments");
    eventually(
        () ->
            LocalStack.lakeObjects(stack, "bronze/answers/").stream()
                    .anyMatch(n -> n.endsWith(".parquet"))
                ? true
                : null);

    // the next session practises the weakest area of the assessed one (a short answer is shallow)
    java.util.Map<String, Double> dimensions = new java.util.HashMap<>();
    for (String d : dev.rehearse.core.interview.WeakAreas.DIMENSIONS) {
      dimensions.put(d, scores.path(d).isNumber() ? scores.path(d).asDouble() : null);
    }
    List<String> weak = dev.rehearse.core.interview.WeakAreas.of(List.of(dimensions));
    assertThat(weak).as(dimensions.toString()).isNotEmpty();
    ApiClient.Response next =
        me.post(
            "/ai-interview/sessions",
            Map.of("type", "behavioral", "role", "Staff Engineer", "questionCount", 3));
    assertThat(next.status()).isEqualTo(201);
    assertThat(next.body().path("question").path("questionId").asText())
        .isEqualTo("weak-" + weak.get(0));
    String nextId = next.body().path("id").asText();
    eventually(() -> me.get("/ai-interview/sessions/" + nextId).status() == 200 ? true : null);

    // erasure: the profile at once, then sessions and turns by the batch
    ApiClient.Response erased = me.delete("/ai-interview/profile");
    assertThat(erased.status()).isEqualTo(202);
    String batch = erased.body().path("batchId").asText();
    assertThat(erased.body().path("poll").asText()).isEqualTo("/ai-interview/batches/" + batch);
    JsonNode status =
        eventually(
            () -> {
              JsonNode b = me.get("/ai-interview/batches/" + batch).body();
              return b.path("state").asText().matches("succeeded|failed") ? b : null;
            });
    assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("succeeded");
    assertThat(status.path("processed").asInt()).isEqualTo(3);
    assertThat(me.get("/ai-interview/sessions/" + sessionId).status()).isEqualTo(404);
    assertThat(me.get("/ai-interview/profile").status()).isEqualTo(404);
    assertThat(me.get("/ai-interview/sessions").body().path("total").asInt()).isZero();
    JsonNode record =
        MAPPER.readTree(LocalStack.lakeObject(stack, "gold/erasures/" + batch + ".json"));
    assertThat(record.path("lakeRowsRemoved").asInt()).as(record.toString()).isEqualTo(1);
    assertThat(record.path("goldRowsRemoved").asInt()).isEqualTo(1);
    assertThat(record.path("turnsDeleted").asInt()).isEqualTo(1);
    assertThat(record.toString()).doesNotContain("journey-ana");
  }

  @Test
  void theStreamRefusesAnotherCandidatesSessionAndMissingTokens() throws Exception {
    ApiClient owner = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "journey-bo"));
    String sessionId =
        owner
            .post("/ai-interview/sessions", Map.of("type", "case", "role", "PM"))
            .body()
            .path("id")
            .asText();
    eventually(
        () -> owner.get("/ai-interview/sessions/" + sessionId).status() == 200 ? true : null);

    assertThat(handshakeStatus(sessionId, LocalStack.token(stack, "journey-eve"))).isEqualTo(404);
    assertThat(handshakeStatus(sessionId, null)).isEqualTo(401);
    assertThat(handshakeStatus(sessionId, LocalStack.token(stack, "journey-bo", "analyst")))
        .isEqualTo(403);
  }

  /** The HTTP status the stream's handshake is refused with (101 if it is accepted). */
  private static int handshakeStatus(String sessionId, String token) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    try {
      builder
          .buildAsync(
              URI.create(
                  stack.config().apiUrl().replace("http://", "ws://")
                      + "/ai-interview/sessions/"
                      + sessionId
                      + "/stream"),
              new WebSocket.Listener() {})
          .join()
          .abort();
      return 101;
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static JsonNode nextOfKind(BlockingQueue<JsonNode> events, String type)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode event = events.poll(1, TimeUnit.SECONDS);
      if (event != null && type.equals(event.path("type").asText())) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " event streamed within 30 s");
  }
}
