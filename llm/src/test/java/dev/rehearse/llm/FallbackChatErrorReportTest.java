package dev.rehearse.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.rehearse.core.testing.FakeChatProvider;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.testing.FakeSentry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An LLM failure after fallback reaches a local fake Sentry, tagged and without the prompt. */
class FallbackChatErrorReportTest {

  private static final String ANSWER =
      "At my last job I rebuilt the payment reconciliation pipeline for the whole team";
  private static final ChatModels.Sampling SAMPLING = new ChatModels.Sampling(0.5, 100);

  private FakeSentry sentry;
  private FakeChatProvider first;
  private FakeChatProvider second;

  @BeforeEach
  void start() throws Exception {
    sentry = new FakeSentry();
    ErrorTracking.start(
        ErrorTracking.Settings.fromEnv(Map.of("REHEARSE_SENTRY_DSN", sentry.dsn()), "test-llm"));
    first = new FakeChatProvider("500", "hello");
    second = new FakeChatProvider("500", "hello");
  }

  @AfterEach
  void stop() {
    ErrorTracking.stop();
    sentry.close();
    first.close();
    second.close();
  }

  private FallbackChat chat() {
    return new FallbackChat(
        List.of(
            ChatModels.of(first.settings("groq"), SAMPLING),
            ChatModels.of(second.settings("openai"), SAMPLING)),
        new FallbackChat.Policy(
            1,
            Duration.ofMillis(1),
            false,
            java.util.Optional.empty(),
            java.util.OptionalInt.empty()));
  }

  @Test
  void everyProviderFailingIsOneTaggedEvent() throws Exception {
    var answer =
        chat()
            .ask(
                List.of(UserMessage.from("Assess this answer: " + ANSWER)),
                response -> response.aiMessage().text(),
                Attributes.of(AttributeKey.stringKey("rehearse.session.id"), "session-1"),
                FallbackChat.SILENT);
    ErrorTracking.flush(5000);

    assertThat(answer).isEmpty();
    List<FakeSentry.Envelope> events = sentry.awaitEvents(1, Duration.ofSeconds(10));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).text())
        .contains("AllProvidersFailed")
        .contains("\"providers\":\"groq,openai\"")
        .contains("\"session_id\":\"session-1\"")
        .contains("\"job\":\"test-llm\"")
        .contains("\"release\":\"" + ErrorTracking.release() + "\"")
        .doesNotContain("payment reconciliation");
  }

  @Test
  void anAnswerAfterFallbackIsNoEvent() throws Exception {
    second.behave("ok");

    var answer =
        chat()
            .ask(
                List.of(UserMessage.from("Say hello.")),
                response -> response.aiMessage().text(),
                FallbackChat.SILENT);
    ErrorTracking.flush(2000);

    assertThat(answer).isPresent();
    assertThat(sentry.awaitEvents(1, Duration.ofMillis(500))).isEmpty();
  }
}
