package dev.rehearse.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One short scripted interview through the HTTP API, as a client would run it: start a session,
 * answer each question with timed words, request the assessment and wait for the aggregate.
 */
final class Demo {

  /** What the demo saw, for callers that check it. */
  record Result(String sessionId, List<JsonNode> turns, JsonNode assessment) {}

  private static final List<String> ANSWERS =
      List.of(
          "So, in my last role our checkout service kept timing out during sales. I was responsible for the fix. "
              + "I added tracing, found a slow database query, and moved it behind a cache. "
              + "As a result the timeouts stopped and p99 latency dropped by sixty percent.",
          "Um, I would start from the goal and the constraints, then, like, compare two designs. "
              + "I think the simpler queue based one is better, because the team could run it, "
              + "and I would measure throughput every week to check the trade-off holds.",
          "We shipped the migration in three steps with a rollback plan for each one. "
              + "I wrote the runbook and paired with the on-call engineer, and we finished a week early.");

  private final ApiClient api;
  private final PrintStream out;

  Demo(ApiClient api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  Result run(int questions, Duration assessmentTimeout) throws Exception {
    Map<String, Object> start = new LinkedHashMap<>();
    start.put("type", "behavioral");
    start.put("role", "Backend Engineer");
    start.put("seniority", "senior");
    start.put("company", "Acme");
    start.put("questionCount", questions);
    start.put("title", "Demo interview");
    ApiClient.Response started = expect(api.post("/ai-interview/sessions", start), 201, "start");
    String sessionId = started.body().path("id").asText();
    out.println("session " + sessionId + " started");
    JsonNode question = started.body().path("question");
    List<JsonNode> turns = new ArrayList<>();
    for (int i = 0; !question.isMissingNode() && !question.isNull(); i++) {
      out.println();
      out.println(
          "Q" + (question.path("index").asInt() + 1) + ": " + question.path("text").asText());
      String text = ANSWERS.get(i % ANSWERS.size());
      out.println("A:  " + text);
      ApiClient.Response reply =
          expect(
              api.post("/ai-interview/sessions/" + sessionId + "/message", timedAnswer(text)),
              200,
              "answer");
      JsonNode metrics = reply.body().path("metrics");
      out.printf(
          "    metrics: %d words in %.1f s, %.0f words per minute (%s), %d fillers (%s), %d pauses,"
              + " STAR %.0f%%, sentiment %+.2f, %s%n",
          metrics.path("wordCount").asInt(),
          metrics.path("durationMs").asDouble() / 1000,
          metrics.path("wordsPerMinute").asDouble(),
          metrics.path("pace").asText(),
          metrics.path("fillerCount").asInt(),
          metrics.path("fluency").asText(),
          metrics.path("pauseCount").asInt(),
          metrics.path("star").path("completeness").asDouble() * 100,
          metrics.path("sentiment").asDouble(),
          metrics.path("conciseness").asText());
      turns.add(reply.body());
      question = reply.body().path("next");
      if ("completed".equals(reply.body().path("status").asText())) {
        JsonNode summary = reply.body().path("summary");
        out.println();
        out.printf(
            "interview complete: %d answers, %d words, %.1f words per minute on average%n",
            summary.path("answers").asInt(),
            summary.path("totalWords").asInt(),
            summary.path("averageWordsPerMinute").asDouble());
      }
    }

    String batch =
        expect(api.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of()), 202, "assess")
            .body()
            .path("batchId")
            .asText();
    out.println("assessment requested; Spark reads the answers from the lake ...");
    long deadline = System.nanoTime() + assessmentTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      // answers land in the lake at each checkpoint: a batch too early fails, so ask again
      if (api.get("/ai-interview/batches/" + batch)
          .body()
          .path("state")
          .asText()
          .equals("failed")) {
        Thread.sleep(2000);
        batch =
            expect(
                    api.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of()),
                    202,
                    "assess")
                .body()
                .path("batchId")
                .asText();
      }
      ApiClient.Response a = api.get("/ai-interview/sessions/" + sessionId + "/assessment");
      if (a.status() == 200) {
        JsonNode aggregate = a.body().path("aggregate");
        out.printf(
            "aggregate (Spark, from the lake): %d answers, %d words, %.1f words per answer, %.1f words per minute%n",
            aggregate.path("answerCount").asInt(),
            aggregate.path("totalWords").asInt(),
            aggregate.path("averageWords").asDouble(),
            aggregate.path("averageWordsPerMinute").asDouble());
        return new Result(sessionId, turns, a.body());
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "the aggregate did not arrive within "
            + assessmentTimeout.toSeconds()
            + " s; see the spark and flink logs");
  }

  /**
   * The answer with word timings as a speech-to-text client sends them: about 140 words a minute,
   * with a pause after each sentence and a shorter one after a comma.
   */
  static Map<String, Object> timedAnswer(String text) {
    String[] words = text.split("\\s+");
    List<Map<String, Object>> timings = new ArrayList<>();
    long t = 0;
    for (String w : words) {
      long length = 220 + 18L * w.length();
      timings.add(Map.of("word", w, "startMs", t, "endMs", t + length));
      long gap = w.endsWith(".") || w.endsWith("?") ? 650 : w.endsWith(",") ? 300 : 90;
      t += length + gap;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    body.put("durationMs", t);
    body.put("words", timings);
    return body;
  }

  private static ApiClient.Response expect(ApiClient.Response response, int status, String step) {
    if (response.status() != status) {
      throw new IllegalStateException(
          step
              + " answered "
              + response.status()
              + " instead of "
              + status
              + ": "
              + response.body());
    }
    return response;
  }
}
