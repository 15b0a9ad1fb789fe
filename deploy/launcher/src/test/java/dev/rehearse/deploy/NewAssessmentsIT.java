package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.cli.BatchCommand;
import dev.rehearse.deploy.stack.Stack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rehearse batch assess --new} on the real stack: a run indexes the sessions answered
 * since the last complete run, and leaves the sessions it indexed before alone.
 */
class NewAssessmentsIT {

  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  /** Runs an interview of one answer to its end; returns the session id once it is in the lake. */
  private static String answeredSession(ApiClient me) throws Exception {
    ApiClient.Response started =
        me.post(
            "/ai-interview/sessions",
            Map.of("type", "behavioral", "role", "Engineer", "questionCount", 2));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();
    ApiClient.Response answered =
        me.post(
            "/ai-interview/sessions/" + sessionId + "/message",
            Map.of(
                "text",
                "When the release slipped I owned the plan. I cut the scope with the team and"
                    + " shipped on time, and the churn fell by a tenth.",
                "durationMs",
                11_000));
    assertThat(answered.status()).isEqualTo(200);
    assertThat(me.post("/ai-interview/sessions/" + sessionId + "/complete", Map.of()).status())
        .isEqualTo(200);
    eventually(
        () ->
            LocalStack.lakeRows(stack, "bronze/answers/").stream()
                    .anyMatch(r -> sessionId.equals(r.get("sessionId")))
                ? true
                : null);
    return sessionId;
  }

  /** Runs {@code ./rehearse batch assess --new}; returns its batch id. */
  private static String assessNew() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit =
        new BatchCommand(stack.config(), new PrintStream(output, true, StandardCharsets.UTF_8))
            .run(List.of("assess", "--new"));
    String shown = output.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(shown).isZero();
    assertThat(shown).contains("state      succeeded");
    return shown
        .lines()
        .filter(l -> l.startsWith("batch "))
        .map(l -> l.substring("batch".length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no batch id in: " + shown));
  }

  private static JsonNode assessment(String sessionId) throws Exception {
    JsonNode hits =
        LocalStack.search(
            stack, "assessments", "{\"query\":{\"term\":{\"sessionId\":\"" + sessionId + "\"}}}");
    return hits.size() == 1 ? hits.get(0).path("_source") : null;
  }

  @Test
  void aRunOfTheNewSessionsIndexesThoseAnsweredSinceTheLastRunAndNoOthers() throws Exception {
    ApiClient me = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "new-only"));
    String first = answeredSession(me);
    String firstRun = assessNew();
    JsonNode firstAssessment = assessment(first);
    assertThat(firstAssessment).as("assessment of " + first).isNotNull();
    assertThat(firstAssessment.path("batchId").asText()).isEqualTo(firstRun);

    String second = answeredSession(me);
    String secondRun = assessNew();

    assertThat(assessment(second).path("batchId").asText()).isEqualTo(secondRun);
    assertThat(assessment(first).path("batchId").asText())
        .as("the first session was indexed by the first run and is not new to the second")
        .isEqualTo(firstRun);
  }
}
