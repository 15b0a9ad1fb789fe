package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-level authorisation of the interview commands on the real stack: an answer or completion
 * is checked against the session's owner before it is published, so another user's session is 404
 * and nothing of theirs reaches {@code rehearse.session-commands}; a completed session answers its
 * completion again and refuses answers with 409.
 */
class SessionOwnershipIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  @Test
  void anotherUsersSessionIs404AndACompletedSessionAnswersItsCompletionAgain() throws Exception {
    ApiClient ana = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "owner-ana"));
    ApiClient bob = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "owner-bob"));

    // Ana starts a session (the first one on this stack, as a new user would)
    ApiClient.Response started =
        ana.post(
            "/ai-interview/sessions",
            Map.of("type", "behavioral", "role", "Backend Engineer", "questionCount", 3));
    assertThat(started.status()).isIn(201, 202);
    String session = started.body().path("id").asText();

    // Bob answers and completes it: 404 both, as if it did not exist
    ApiClient.Response intrudingAnswer =
        bob.post(
            "/ai-interview/sessions/" + session + "/message",
            Map.of("text", "I take this session over."));
    ApiClient.Response intrudingCompletion =
        bob.post("/ai-interview/sessions/" + session + "/complete", Map.of());
    assertThat(intrudingAnswer.status()).isEqualTo(404);
    assertThat(intrudingAnswer.body().path("detail").asText()).contains("not found");
    assertThat(intrudingCompletion.status()).isEqualTo(404);
    // a session nobody started is 404 too
    assertThat(
            ana.post(
                    "/ai-interview/sessions/" + UUID.randomUUID() + "/message",
                    Map.of("text", "Hello there."))
                .status())
        .isEqualTo(404);

    // Ana's session is unaffected: her answer is the first one, and the interview goes on
    ApiClient.Response answered =
        ana.post(
            "/ai-interview/sessions/" + session + "/message",
            Map.of(
                "text",
                "I led the migration of our billing service, planned it in steps and we shipped"
                    + " it with no downtime."));
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body().path("index").asInt()).isZero();
    assertThat(answered.body().path("status").asText()).isEqualTo("active");

    // Ana completes it, then completes it again: the same summary, 200 both
    ApiClient.Response completed =
        ana.post("/ai-interview/sessions/" + session + "/complete", Map.of());
    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.body().path("status").asText()).isEqualTo("completed");
    assertThat(completed.body().path("summary").path("answers").asInt()).isEqualTo(1);
    ApiClient.Response again =
        ana.post("/ai-interview/sessions/" + session + "/complete", Map.of());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(completed.body());

    // an answer to the completed session is a conflict that says why
    ApiClient.Response late =
        ana.post(
            "/ai-interview/sessions/" + session + "/message", Map.of("text", "One more thing."));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().path("detail").asText()).contains("completed");
    // and Bob still gets 404 on it
    assertThat(bob.post("/ai-interview/sessions/" + session + "/complete", Map.of()).status())
        .isEqualTo(404);

    // only Ana's start, answer and completion were published for the session
    assertThat(commands(session))
        .containsExactly(
            "start-session by owner-ana",
            "submit-answer by owner-ana",
            "complete-session by owner-ana");
  }

  /** The commands published for {@code sessionId}, as "type by user", in order. */
  private static List<String> commands(String sessionId) {
    List<String> commands = new ArrayList<>();
    LocalStack.readJsonTopic(
        stack.config().kafkaBootstrap(),
        Topics.SESSION_COMMANDS,
        (key, command) -> {
          if (sessionId.equals(key)) {
            commands.add(command.path("type").asText() + " by " + command.path("userId").asText());
          }
        });
    return commands;
  }
}
