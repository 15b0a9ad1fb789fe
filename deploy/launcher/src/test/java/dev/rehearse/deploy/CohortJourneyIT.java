package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static dev.rehearse.deploy.LocalStack.lakeRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A university's journey on the real stack: a cohort admin creates a cohort, candidates join by
 * invite code or are enrolled, run interviews, and the admin sees their scores, runs the cohort
 * report batch and downloads the files by presigned link; an analyst reads the cohort's aggregates.
 */
class CohortJourneyIT {

  private static final int COHORT_SIZE = 30;

  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  private static ApiClient as(String user, String... roles) {
    return new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, user, roles));
  }

  @Test
  void cohortFromInvitesToReportAndAggregates() throws Exception {
    ApiClient admin = as("uni-admin", "cohort_admin");
    ApiClient.Response created =
        admin.post(
            "/ai-interview/cohorts",
            Map.of("name", "Class of 2027", "rubric", Map.of("content", 1)));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("rubric").path("content").asDouble()).isEqualTo(1.0);
    String cohort = created.body().path("id").asText();
    // the cohort brings its own rubric: communication weighs three times as much as content
    ApiClient.Response wrongRubric =
        admin.put(
            "/ai-interview/cohorts/" + cohort + "/rubric", Map.of("rubric", Map.of("charisma", 1)));
    assertThat(wrongRubric.status()).isEqualTo(400);
    assertThat(wrongRubric.body().path("field").asText()).isEqualTo("rubric");
    ApiClient.Response rubric =
        admin.put(
            "/ai-interview/cohorts/" + cohort + "/rubric",
            Map.of("rubric", Map.of("communication", 3, "content", 1)));
    assertThat(rubric.status()).as(rubric.body().toString()).isEqualTo(200);
    assertThat(admin.get("/ai-interview/cohorts/" + cohort).body().path("rubric").size())
        .isEqualTo(2);
    String code =
        admin
            .post("/ai-interview/cohorts/" + cohort + "/invites", Map.of())
            .body()
            .path("code")
            .asText();
    assertThat(code).matches("[A-Z2-9]{10}");

    // thirty candidates: ten redeem the code, twenty are enrolled by id; each runs an interview
    List<String> members = new ArrayList<>();
    Map<String, String> sessions = new java.util.HashMap<>();
    Map<String, String> answers = new java.util.HashMap<>();
    Map<String, Integer> wordCounts = new java.util.HashMap<>();
    for (int i = 0; i < COHORT_SIZE; i++) {
      String user = "student-" + i;
      members.add(user);
      ApiClient candidate = as(user, "candidate");
      if (i < 10) {
        ApiClient.Response joined =
            candidate.post("/ai-interview/cohorts/join", Map.of("code", code.toLowerCase()));
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.body().path("name").asText()).isEqualTo("Class of 2027");
      } else {
        assertThat(
                admin
                    .post("/ai-interview/cohorts/" + cohort + "/members", Map.of("userId", user))
                    .status())
            .isEqualTo(201);
      }
      String session =
          candidate
              .post(
                  "/ai-interview/sessions",
                  Map.of("type", "behavioral", "role", "Analyst", "questionCount", 1))
              .body()
              .path("id")
              .asText();
      // answers from the well told to the vague, so the cohort's scores spread
      String text =
          i % 3 == 0
              ? "Um, I think we kind of, you know, worked on some reports, basically."
              : "In my internship the report was late, so I took ownership: I automated it and as"
                  + " a result it shipped "
                  + (i + 1)
                  + " days early, and the team reused my script.";
      sessions.put(user, session);
      answers.put(session, text);
      ApiClient.Response answered =
          candidate.post(
              "/ai-interview/sessions/" + session + "/message",
              Map.of("text", text, "durationMs", 8_000 + 500 * i));
      assertThat(answered.body().path("status").asText()).isEqualTo("completed");
      wordCounts.put(session, answered.body().path("metrics").path("wordCount").asInt());
    }
    assertThat(
            as("student-0", "candidate")
                .post("/ai-interview/cohorts/join", Map.of("code", code))
                .status())
        .isEqualTo(200);

    // the admin sees every member with a score
    JsonNode roster =
        eventually(
            () -> {
              JsonNode r = admin.get("/ai-interview/cohorts/" + cohort + "/members").body();
              boolean scored = true;
              for (JsonNode m : r.path("members")) {
                scored &= m.path("completedSessions").asInt() == 1 && m.has("averageScore");
              }
              return r.path("total").asInt() == COHORT_SIZE && scored ? r : null;
            });
    assertThat(roster.path("members").get(0).path("latest").path("provisionalScore").asInt())
        .isBetween(1, 100);
    assertThat(as("other-admin", "cohort_admin").get("/ai-interview/cohorts/" + cohort).status())
        .isEqualTo(404);

    // an analyst reads the cohort's aggregates, never smaller groups
    ApiClient analyst = as("uni-analyst", "analyst");
    JsonNode summary = analyst.get("/ai-interview/analytics/summary?cohortId=" + cohort).body();
    assertThat(summary.path("candidates").asInt()).isEqualTo(COHORT_SIZE);
    assertThat(summary.path("percentiles").path("p50").asDouble()).isBetween(1.0, 100.0);
    assertThat(summary.toString()).doesNotContain("student-");
    JsonNode narrow =
        analyst
            .get("/ai-interview/analytics/summary?cohortId=" + cohort + "&type=technical")
            .body();
    assertThat(narrow.path("suppressed").asBoolean()).isTrue();
    assertThat(narrow.has("percentiles")).isFalse();
    JsonNode breakdown = analyst.get("/ai-interview/analytics/breakdown?by=cohort").body();
    assertThat(breakdown.path("groups").toString()).contains(cohort, "Class of 2027");
    assertThat(
            analyst
                .get("/ai-interview/analytics/distribution?cohortId=" + cohort)
                .body()
                .path("buckets")
                .size())
        .isPositive();
    assertThat(
            analyst
                .get("/ai-interview/analytics/trends?cohortId=" + cohort + "&interval=day")
                .body()
                .path("points")
                .get(0)
                .path("sessions")
                .asInt())
        .isEqualTo(COHORT_SIZE);

    // every answer is in the lake, read back from its Parquet files as it was given
    Map<String, Map<String, Object>> rows =
        eventually(
            () -> {
              Map<String, Map<String, Object>> bySession = new java.util.HashMap<>();
              for (Map<String, Object> row : lakeRows(stack, "bronze/answers/")) {
                if (answers.containsKey((String) row.get("sessionId"))) {
                  bySession.put((String) row.get("sessionId"), row);
                }
              }
              return bySession.size() == COHORT_SIZE ? bySession : null;
            });
    for (String member : members) {
      Map<String, Object> row = rows.get(sessions.get(member));
      assertThat(row.get("userId")).isEqualTo(member);
      assertThat(row.get("answer")).isEqualTo(answers.get(sessions.get(member)));
      assertThat(row.get("wordCount")).isEqualTo(wordCounts.get(sessions.get(member)));
      assertThat(row.get("role")).isEqualTo("Analyst");
      assertThat(row.get("interviewType")).isEqualTo("behavioral");
      assertThat((String) row.get("questionId")).isNotBlank();
      assertThat(row.get("eventId")).isEqualTo(sessions.get(member) + "/answer/0");
    }

    // the cohort report batch, downloaded by presigned links
    ApiClient.Response batch = admin.post("/ai-interview/cohorts/" + cohort + "/batches", Map.of());
    assertThat(batch.status()).isEqualTo(202);
    String poll = batch.body().path("poll").asText();
    JsonNode done =
        eventually(
            () -> {
              JsonNode b = admin.get(poll).body();
              return b.path("state").asText().matches("succeeded|failed") ? b : null;
            });
    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("processed").asInt()).isEqualTo(COHORT_SIZE);
    Map<String, String> files = new java.util.HashMap<>();
    for (JsonNode link : done.path("reports")) {
      files.put(link.path("name").asText(), link.path("url").asText());
    }
    assertThat(files).containsKeys("members.csv", "report.html", "report.pdf");
    assertThat(files.keySet())
        .anyMatch(n -> n.startsWith("members.parquet/") && n.endsWith(".parquet"));
    String csv = download(files.get("members.csv"));
    assertThat(csv.lines().count()).isEqualTo(COHORT_SIZE + 1);
    members.forEach(m -> assertThat(csv).contains(m));
    assertThat(download(files.get("report.html")))
        .contains(
            "Cohort report",
            "<svg",
            "student-5",
            "Overall score distribution",
            "communication 75%, content 25%");
    assertThat(download(files.get("report.pdf"))).startsWith("%PDF-");

    // the members' sessions are assessed and ranked in the cohort; the cohort is benchmarked
    com.fasterxml.jackson.databind.JsonNode assessed =
        LocalStack.search(
            stack,
            "assessments",
            "{\"size\":100,\"query\":{\"term\":{\"cohortId\":\"" + cohort + "\"}}}");
    assertThat(assessed).hasSize(COHORT_SIZE);
    for (JsonNode hit : assessed) {
      JsonNode doc = hit.path("_source");
      assertThat(sessions).containsValue(doc.path("sessionId").asText());
      assertThat(doc.path("overall").asDouble())
          .as("overall by the cohort's rubric: %s", doc)
          .isCloseTo(
              (3 * doc.path("communication").asDouble() + doc.path("content").asDouble()) / 4,
              org.assertj.core.data.Offset.offset(0.11));
      assertThat(doc.path("overallRankCohort").asDouble()).isBetween(0.0, 100.0);
      assertThat(doc.path("feedback").path("strengths").size()).isBetween(3, 5);
    }
    JsonNode benchmarks =
        LocalStack.search(
            stack,
            "benchmarks",
            "{\"size\":100,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"groupKind\":\"cohort\"}},"
                + "{\"term\":{\"groupValue\":\""
                + cohort
                + "\"}}]}}}");
    Map<String, JsonNode> byScore = new java.util.HashMap<>();
    benchmarks.forEach(
        h -> byScore.put(h.path("_source").path("score").asText(), h.path("_source")));
    assertThat(byScore).containsKeys("overall", "communication", "structure");
    assertThat(byScore.get("overall").path("candidates").asInt()).isEqualTo(COHORT_SIZE);
    assertThat(byScore.get("overall").path("p10").asDouble())
        .isLessThan(byScore.get("overall").path("p90").asDouble());

    // removing a member
    assertThat(admin.delete("/ai-interview/cohorts/" + cohort + "/members/student-5").status())
        .isEqualTo(204);
    assertThat(
            admin.get("/ai-interview/cohorts/" + cohort + "/members").body().path("total").asInt())
        .isEqualTo(COHORT_SIZE - 1);
    assertThat(admin.delete("/ai-interview/cohorts/" + cohort + "/members/student-5").status())
        .isEqualTo(404);
  }

  private static String download(String presignedUrl) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(presignedUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(presignedUrl).isEqualTo(200);
    return response.body();
  }
}
