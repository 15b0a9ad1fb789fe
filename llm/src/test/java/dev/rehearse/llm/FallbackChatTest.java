package dev.rehearse.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rehearse.core.testing.FakeChatProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy against local servers speaking the OpenAI chat-completions wire format. */
class FallbackChatTest {

  private static final List<ChatMessage> PROMPT = List.of(UserMessage.from("Say hello."));
  private static final ChatModels.Sampling SAMPLING = new ChatModels.Sampling(0.5, 100);

  /** Accepts any answer that says hello. */
  private static final Function<ChatResponse, String> HELLO =
      response -> {
        String text = response.aiMessage().text();
        if (!text.startsWith("hello")) {
          throw new IllegalArgumentException("not a greeting: " + text);
        }
        return text;
      };

  private final List<FakeChatProvider> fakes = new ArrayList<>();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final FallbackChat.Listener listener =
      new FallbackChat.Listener() {
        @Override
        public void answered(String provider, long millis) {
          events.add(provider + " answered");
        }

        @Override
        public void failed(String provider, String reason) {
          events.add(provider + " " + reason);
        }
      };
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @AfterEach
  void stop() {
    fakes.forEach(FakeChatProvider::close);
  }

  private FakeChatProvider fake(String behaviour, String content) throws IOException {
    FakeChatProvider f = new FakeChatProvider(behaviour, content);
    fakes.add(f);
    return f;
  }

  private FallbackChat chat(FallbackChat.Policy policy, FakeChatProvider... providers) {
    List<ChatProvider> chats = new ArrayList<>();
    for (int i = 0; i < providers.length; i++) {
      chats.add(ChatModels.of(providers[i].settings("p" + i), SAMPLING));
    }
    return new FallbackChat(
        chats,
        policy,
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .build()
            .get("test"));
  }

  private static FallbackChat.Policy interactive() {
    return FallbackChat.Policy.interactive(Duration.ofMinutes(5));
  }

  private static FallbackChat.Policy batch() {
    return FallbackChat.Policy.batch(600);
  }

  @Test
  void theFirstProviderAnswersAndSaysSo() throws Exception {
    FakeChatProvider first = fake("ok", "hello there");
    FakeChatProvider second = fake("ok", "hello from the second");

    Optional<FallbackChat.Answer<String>> answer =
        chat(interactive(), first, second).ask(PROMPT, HELLO, listener);

    assertThat(answer.orElseThrow().value()).isEqualTo("hello there");
    assertThat(answer.get().provider().name()).isEqualTo("p0");
    assertThat(answer.get().provider().source()).isEqualTo("llm:p0/fake-model");
    assertThat(second.requests()).isEmpty();
    assertThat(events).containsExactly("p0 answered");
  }

  @Test
  void interactiveRetriesA429OnceThenAsksTheNext() throws Exception {
    FakeChatProvider first = fake("429", "hello");
    FakeChatProvider second = fake("ok", "hello from the second");

    Optional<FallbackChat.Answer<String>> answer =
        chat(interactive(), first, second).ask(PROMPT, HELLO, listener);

    assertThat(answer.orElseThrow().provider().name()).isEqualTo("p1");
    assertThat(first.requests()).hasSize(2);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("p0 failed: RateLimitException");
  }

  @Test
  void interactiveRetriesAPassingServerErrorAndTheSameProviderAnswers() throws Exception {
    FakeChatProvider first = fake("ok", "hello");
    first.failFirst(1, 500);
    FakeChatProvider second = fake("ok", "hello from the second");

    Optional<FallbackChat.Answer<String>> answer =
        chat(interactive(), first, second).ask(PROMPT, HELLO, listener);

    assertThat(answer.orElseThrow().provider().name()).isEqualTo("p0");
    assertThat(first.requests()).hasSize(2);
    assertThat(second.requests()).isEmpty();
  }

  @Test
  void interactiveMovesOnAtATimeoutWithoutRetrying() throws Exception {
    FakeChatProvider slow = fake("slow", "hello");
    FakeChatProvider second = fake("ok", "hello from the second");

    long start = System.nanoTime();
    Optional<FallbackChat.Answer<String>> answer =
        chat(interactive(), slow, second).ask(PROMPT, HELLO, listener);

    assertThat(answer.orElseThrow().provider().name()).isEqualTo("p1");
    assertThat(slow.requests()).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FakeChatProvider.SLOW);
  }

  @Test
  void invalidOutputIsNeverRetriedInEitherPolicy() throws Exception {
    for (FallbackChat.Policy policy : List.of(interactive(), batch())) {
      FakeChatProvider rude = fake("ok", "go away");
      FakeChatProvider second = fake("ok", "hello from the second");
      events.clear();

      Optional<FallbackChat.Answer<String>> answer =
          chat(policy, rude, second).ask(PROMPT, HELLO, listener);

      assertThat(answer.orElseThrow().provider().name()).isEqualTo("p1");
      assertThat(rude.requests()).hasSize(1);
      assertThat(events).first().isEqualTo("p0 not a greeting: go away");
    }
  }

  @Test
  void batchTriesAnyFailedCallThreeTimes() throws Exception {
    FakeChatProvider down = fake("500", "hello");
    FakeChatProvider second = fake("ok", "hello from the second");

    Optional<FallbackChat.Answer<String>> answer =
        chat(batch(), down, second).ask(PROMPT, HELLO, listener);

    assertThat(answer.orElseThrow().provider().name()).isEqualTo("p1");
    assertThat(down.requests()).hasSize(3);
  }

  @Test
  void emptyWhenEveryProviderFails() throws Exception {
    FakeChatProvider first = fake("ok", "no");
    FakeChatProvider second = fake("500", "hello");

    assertThat(chat(interactive(), first, second).ask(PROMPT, HELLO, listener)).isEmpty();
    assertThat(events).hasSize(2);
    assertThat(chat(interactive()).enabled()).isFalse();
  }

  @Test
  void interactiveSkipsAProviderThatKeepsFailing() throws Exception {
    FakeChatProvider failing = fake("429", "hello");
    FakeChatProvider second = fake("ok", "hello from the second");
    FallbackChat chat = chat(interactive(), failing, second);

    for (int i = 0; i < 6; i++) {
      assertThat(chat.ask(PROMPT, HELLO, listener)).isPresent();
    }

    // its circuit opened after 3 failed requests (each tried twice); later ones skip it
    assertThat(failing.requests()).hasSize(3 * 2);
    assertThat(second.requests()).hasSize(6);
    assertThat(events).contains("p0 circuit open");
  }

  @Test
  void everyCallIsASpanWithTheProviderTheModelTheTokensAndTheOutcome() throws Exception {
    FakeChatProvider first = fake("429", "hello");
    FakeChatProvider second = fake("ok", "hello from the second");
    AttributeKey<String> session = AttributeKey.stringKey("rehearse.session.id");

    chat(interactive(), first, second)
        .ask(PROMPT, HELLO, Attributes.of(session, "s-1"), FallbackChat.SILENT);

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(3);
    assertThat(finished.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(finished.get(0).getAttributes().get(AttributeKey.stringKey("gen_ai.system")))
        .isEqualTo("p0");
    SpanData ok = finished.get(2);
    assertThat(ok.getName()).isEqualTo("chat fake-model");
    assertThat(ok.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("p1");
    assertThat(ok.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(50L);
    assertThat(ok.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo(40L);
    assertThat(ok.getAttributes().get(session)).isEqualTo("s-1");
  }

  @Test
  void theModelIsAskedWithTheCallersSamplingAndNeverRetriesItself() throws Exception {
    FakeChatProvider one = fake("429", "hello");
    ChatProvider provider = ChatModels.of(one.settings("groq"), SAMPLING);

    new FallbackChat(List.of(provider), batch()).ask(PROMPT, HELLO, FallbackChat.SILENT);

    // three calls of the policy, none of the client's own
    assertThat(one.requests()).hasSize(3);
    assertThat(one.requests().get(0).path("model").asText()).isEqualTo("fake-model");
    assertThat(one.requests().get(0).path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(one.requests().get(0).toString()).contains("\"max_tokens\":100");
    assertThat(provider.toString()).doesNotContain("test-key");
  }
}
