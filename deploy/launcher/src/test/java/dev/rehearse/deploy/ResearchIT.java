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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Company research on the real stack, with the stack pointed at a local stand-in for Tavily ({@link
 * FakeTavily}): a profile that names a company gets research stored with it, and a session for that
 * company asks a question grounded in it, which says where it came from.
 */
class ResearchIT {

  private static final String USER = "it-research-ana";
  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  private static String researchChunks(String user) {
    return """
        {"size": 20, "sort": [{"chunk": "asc"}],
         "query": {"bool": {"filter": [
           {"term": {"userId": "%s"}}, {"term": {"section": "research"}}]}}}
        """
        .formatted(user);
  }

  @Test
  void aProfileWithACompanyGetsAQuestionGroundedInResearchThatNamesItsSource() throws Exception {
    ApiClient me = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, USER));
    Map<String, Object> profile =
        Map.of("targetRole", "Backend Engineer", "company", FakeTavily.COMPANY, "seniority", "mid");
    assertThat(me.post("/ai-interview/profile", profile).status()).isEqualTo(201);

    // the profile job researched the company, off the answer path, and stored what it found
    JsonNode research =
        eventually(
            () -> {
              JsonNode hits = LocalStack.search(stack, "profile-chunks", researchChunks(USER));
              return hits.size() >= 2 ? hits : null;
            });
    assertThat(FakeTavily.get().queries())
        .anyMatch(q -> q.contains(FakeTavily.COMPANY) && q.contains("Backend Engineer"));
    JsonNode fact = research.get(0).path("_source");
    assertThat(fact.path("section").asText()).isEqualTo("research");
    assertThat(fact.path("sourceUrl").asText()).isEqualTo(FakeTavily.FACT_URL);
    assertThat(fact.path("provider").asText()).isEqualTo("tavily");
    assertThat(fact.path("company").asText()).isEqualTo(FakeTavily.COMPANY);
    assertThat(fact.path("retrievedAt").asText()).isNotEmpty();
    assertThat(fact.path("vector").size()).isEqualTo(384);
    assertThat(research.toString()).doesNotContain("<script>");

    // a session for the company: one question is grounded in the research, with its page
    ApiClient.Response started =
        me.post(
            "/ai-interview/sessions",
            Map.of(
                "type",
                "behavioral",
                "role",
                "Backend Engineer",
                "company",
                FakeTavily.COMPANY,
                "questionCount",
                3));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();
    List<JsonNode> asked = new ArrayList<>(List.of(started.body().path("question")));
    JsonNode grounded = null;
    for (int i = 0; i < 2 && grounded == null; i++) {
      JsonNode question = asked.get(asked.size() - 1);
      if (question.path("source").asText().equals("research")) {
        grounded = question;
        break;
      }
      ApiClient.Response turn =
          me.post(
              "/ai-interview/sessions/" + sessionId + "/message",
              Map.of("text", "I would start by listening to the team.", "durationMs", 5_000));
      assertThat(turn.status()).isEqualTo(200);
      asked.add(turn.body().path("next"));
    }
    assertThat(grounded).as("a question with source research among %s", asked).isNotNull();
    System.out.println(
        "research-grounded question: "
            + grounded.path("text").asText()
            + " (source: "
            + grounded.path("source").asText()
            + ", "
            + grounded.path("sourceUrl").asText()
            + ")");
    assertThat(grounded.path("sourceUrl").asText()).isEqualTo(FakeTavily.FACT_URL);
    assertThat(grounded.path("text").asText())
        .startsWith(
            "Quillmark recently launched a real-time fraud detection service for online shops in"
                + " November. How would you");
    // the hostile page is stored as data, and no question comes from it
    assertThat(asked.toString()).doesNotContain("hired", "careers.example.com");

    // the answered turn keeps where its question came from
    int index = grounded.path("index").asInt();
    ApiClient.Response answered =
        me.post(
            "/ai-interview/sessions/" + sessionId + "/message",
            Map.of(
                "text",
                "I would make the fraud checks idempotent and watch their latency.",
                "durationMs",
                6_000));
    assertThat(answered.status()).isEqualTo(200);
    JsonNode turn =
        eventually(
            () -> {
              for (JsonNode t :
                  me.get("/ai-interview/sessions/" + sessionId).body().path("turns")) {
                if (t.path("index").asInt() == index) {
                  return t;
                }
              }
              return null;
            });
    assertThat(turn.path("source").asText()).isEqualTo("research");
    assertThat(turn.path("sourceUrl").asText()).isEqualTo(FakeTavily.FACT_URL);

    // a reindex rebuilds the chunks from the profiles topic, which holds no research: it is
    // carried over to the new version
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit =
        new BatchCommand(stack.config(), new PrintStream(output, true, StandardCharsets.UTF_8))
            .run(List.of("reindex"));
    assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode rebuilt = LocalStack.search(stack, "profile-chunks", researchChunks(USER));
    assertThat(rebuilt.get(0).path("_index").asText())
        .isNotEqualTo(research.get(0).path("_index").asText());
    assertThat(rebuilt).hasSize(research.size());
    assertThat(rebuilt.get(0).path("_source").path("sourceUrl").asText())
        .isEqualTo(FakeTavily.FACT_URL);
    assertThat(rebuilt.get(0).path("_source").path("vector").size()).isEqualTo(384);
  }
}
