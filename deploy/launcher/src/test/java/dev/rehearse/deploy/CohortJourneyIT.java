package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        admin.post("/ai-interview/cohorts", Map.of("name", "Class of 2027"));
    assertThat(created.status()).isEqualTo(201);
    String cohort = created.body().path("id").asText();
    String code =
        admin
            .post("/ai-interview/cohorts/" + cohort + "/invites", Map.of())
            .body()
            .path("code")
            .asText();
    assertThat(code).matches("[A-Z2-9]{10}");

    // six candidates: three redeem the code, three are enrolled by id; each runs an interview
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String user = "student-" + i;
      members.add(user);
      ApiClient candidate = as(user, "candidate");
      if (i < 3) {
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
      ApiClient.Response answered =
          candidate.post(
              "/ai-interview/sessions/" + session + "/message",
              Map.of(
                  "text",
                  "In my internship the report was late, so I automated it and as a result it"
                      + " shipped "
                      + (i + 1)
                      + " days early.",
                  "durationMs",
                  8_000 + 500 * i));
      assertThat(answered.body().path("status").asText()).isEqualTo("completed");
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
              return r.path("total").asInt() == 6 && scored ? r : null;
            });
    assertThat(roster.path("members").get(0).path("latest").path("provisionalScore").asInt())
        .isBetween(1, 100);
    assertThat(as("other-admin", "cohort_admin").get("/ai-interview/cohorts/" + cohort).status())
        .isEqualTo(404);

    // an analyst reads the cohort's aggregates, never smaller groups
    ApiClient analyst = as("uni-analyst", "analyst");
    JsonNode summary = analyst.get("/ai-interview/analytics/summary?cohortId=" + cohort).body();
    assertThat(summary.path("candidates").asInt()).isEqualTo(6);
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
        .isEqualTo(6);

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
    assertThat(done.path("processed").asInt()).isEqualTo(6);
    Map<String, String> files = new java.util.HashMap<>();
    for (JsonNode link : done.path("reports")) {
      files.put(link.path("name").asText(), link.path("url").asText());
    }
    assertThat(files).containsKeys("members.csv", "report.html");
    assertThat(files.keySet())
        .anyMatch(n -> n.startsWith("members.parquet/") && n.endsWith(".parquet"));
    String csv = download(files.get("members.csv"));
    assertThat(csv.lines().count()).isEqualTo(7);
    members.forEach(m -> assertThat(csv).contains(m));
    assertThat(download(files.get("report.html"))).contains("Cohort report", "<svg", "student-5");

    // removing a member
    assertThat(admin.delete("/ai-interview/cohorts/" + cohort + "/members/student-5").status())
        .isEqualTo(204);
    assertThat(
            admin.get("/ai-interview/cohorts/" + cohort + "/members").body().path("total").asInt())
        .isEqualTo(5);
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
