package dev.rehearse.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.http.AnswerBodyFields;
import dev.rehearse.api.http.StartSessionFields;
import dev.rehearse.api.http.WordFields;
import dev.rehearse.api.service.AssessmentFields;
import dev.rehearse.api.service.BatchFields;
import dev.rehearse.api.service.QuestionFields;
import dev.rehearse.api.service.QueuedFields;
import dev.rehearse.api.service.StartedFields;
import dev.rehearse.api.service.TurnFields;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.core.json.Json;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.AssessmentFeedback;
import dev.rehearse.search.documents.SessionDocument;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One short scripted interview through the HTTP API, as a client would run it: start a session,
 * answer each question with timed words, request the assessment, wait for it and print it: the
 * aggregate, the fourteen dimensions, the overall score and percentile, and the feedback.
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

  /** Reads the API's replies as the API writes them. */
  private static final ObjectMapper JSON = Json.newMapper();

  private final ApiClient api;
  private final PrintStream out;

  Demo(ApiClient api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  Result run(int questions, Duration assessmentTimeout) throws Exception {
    Map<String, Object> start = new LinkedHashMap<>();
    start.put(StartSessionFields.TYPE, "behavioral");
    start.put(StartSessionFields.ROLE, "Backend Engineer");
    start.put(StartSessionFields.SENIORITY, "senior");
    start.put(StartSessionFields.COMPANY, "Acme");
    start.put(StartSessionFields.QUESTION_COUNT, questions);
    start.put(StartSessionFields.TITLE, "Demo interview");
    ApiClient.Response started = expect(api.post("/ai-interview/sessions", start), 201, "start");
    String sessionId = started.body().path(StartedFields.ID).asText();
    out.println("session " + sessionId + " started");
    JsonNode question = started.body().path(StartedFields.QUESTION);
    List<JsonNode> turns = new ArrayList<>();
    for (int i = 0; !question.isMissingNode() && !question.isNull(); i++) {
      out.println();
      out.println(
          "Q"
              + (question.path(QuestionFields.INDEX).asInt() + 1)
              + ": "
              + question.path(QuestionFields.TEXT).asText());
      String text = ANSWERS.get(i % ANSWERS.size());
      out.println("A:  " + text);
      ApiClient.Response reply =
          expect(
              api.post("/ai-interview/sessions/" + sessionId + "/message", timedAnswer(text)),
              200,
              "answer");
      out.print(metricsLine(reply.body()));
      turns.add(reply.body());
      question = reply.body().path(TurnFields.NEXT);
      if ("completed".equals(reply.body().path(TurnFields.STATUS).asText())) {
        out.println();
        out.print(summaryLine(reply.body()));
      }
    }

    String batch =
        expect(api.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of()), 202, "assess")
            .body()
            .path(QueuedFields.BATCH_ID)
            .asText();
    out.println("assessment requested; Spark reads the answers from the lake ...");
    long deadline = System.nanoTime() + assessmentTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      // answers land in the lake at each checkpoint: a batch too early fails, so ask again
      if (api.get("/ai-interview/batches/" + batch)
          .body()
          .path(BatchFields.STATE)
          .asText()
          .equals("failed")) {
        Thread.sleep(2000);
        batch =
            expect(
                    api.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of()),
                    202,
                    "assess")
                .body()
                .path(QueuedFields.BATCH_ID)
                .asText();
      }
      ApiClient.Response a = api.get("/ai-interview/sessions/" + sessionId + "/assessment");
      if (a.status() == 200) {
        out.print(aggregateLine(a.body()));
        out.print(assessmentLines(a.body()));
        return new Result(sessionId, turns, a.body());
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "the aggregate did not arrive within "
            + assessmentTimeout.toSeconds()
            + " s; see the spark and flink logs");
  }

  /** The line of an answer's metrics, from the API's reply to the answer. */
  static String metricsLine(JsonNode turn) throws JsonProcessingException {
    AnswerMetrics metrics = JSON.treeToValue(turn.path(TurnFields.METRICS), AnswerMetrics.class);
    return String.format(
        "    metrics: %d words in %.1f s, %.0f words per minute (%s), %d fillers (%s), %d pauses,"
            + " STAR %.0f%%, sentiment %+.2f, %s%n",
        metrics.wordCount(),
        metrics.durationMs().orElse(0L) / 1000.0,
        metrics.wordsPerMinute().orElse(0.0),
        metrics.pace(),
        metrics.fillerCount(),
        metrics.fluency(),
        metrics.pauseCount().orElse(0),
        metrics.star().completeness() * 100,
        metrics.sentiment(),
        metrics.conciseness());
  }

  /** The line of the session's summary, from the API's reply to its last answer. */
  static String summaryLine(JsonNode turn) throws JsonProcessingException {
    SessionSummary summary = JSON.treeToValue(turn.path(TurnFields.SUMMARY), SessionSummary.class);
    return String.format(
        "interview complete: %d answers, %d words, %.1f words per minute on average%n",
        summary.answers(), summary.totalWords(), summary.averageWordsPerMinute().orElse(0.0));
  }

  /** The line of the session's aggregate, from the API's reply with its assessment. */
  static String aggregateLine(JsonNode assessment) throws JsonProcessingException {
    SessionDocument.Aggregate aggregate =
        JSON.treeToValue(
            assessment.path(AssessmentFields.AGGREGATE), SessionDocument.Aggregate.class);
    return String.format(
        "aggregate (Spark, from the lake): %d answers, %d words, %.1f words per answer, %.1f words per minute%n",
        aggregate.answerCount(),
        aggregate.totalWords(),
        aggregate.averageWords(),
        aggregate.averageWordsPerMinute().orElse(0.0));
  }

  /**
   * The lines of the session's assessment, from the API's reply with it: each dimension's score
   * ("not assessed" where the session gives nothing to measure it by), the overall score and its
   * percentile among all sessions, then three strengths, three improvements and the next steps.
   */
  static String assessmentLines(JsonNode reply) throws JsonProcessingException {
    AssessmentDocument assessment =
        JSON.treeToValue(reply.path(AssessmentFields.ASSESSMENT), AssessmentDocument.class);
    StringBuilder lines = new StringBuilder();
    lines.append(
        String.format(
            "assessment (%s feedback): overall %s, %s%n",
            assessment.feedbackSource(),
            score(assessment.scores().get(Scores.OVERALL)),
            assessment
                .overallRankAll()
                .map(r -> String.format("percentile %.0f among all sessions", r))
                .orElse("not ranked: too few assessed sessions to compare with")));
    for (Dimension d : Dimension.values()) {
      lines.append(
          String.format(
              "  %-18s %s%n", d.wireName(), score(assessment.scores().get(d.wireName()))));
    }
    AssessmentFeedback feedback = JSON.treeToValue(assessment.feedback(), AssessmentFeedback.class);
    appendList(lines, "Strengths", feedback.strengths());
    appendList(lines, "Improvements", feedback.improvements());
    appendList(lines, "Next steps", feedback.nextSteps());
    return lines.toString();
  }

  private static String score(Double score) {
    return score == null ? "not assessed" : String.format("%.0f", score);
  }

  /** At most three items of a feedback list under its heading. */
  private static void appendList(StringBuilder lines, String heading, List<String> items) {
    lines.append(heading).append(':').append(System.lineSeparator());
    items.stream()
        .limit(3)
        .forEach(item -> lines.append("  - ").append(item).append(System.lineSeparator()));
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
      timings.add(
          Map.of(WordFields.WORD, w, WordFields.START_MS, t, WordFields.END_MS, t + length));
      long gap = w.endsWith(".") || w.endsWith("?") ? 650 : w.endsWith(",") ? 300 : 90;
      t += length + gap;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(AnswerBodyFields.TEXT, text);
    body.put(AnswerBodyFields.DURATION_MS, t);
    body.put(AnswerBodyFields.WORDS, timings);
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
