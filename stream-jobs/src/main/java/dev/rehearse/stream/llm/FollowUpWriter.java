package dev.rehearse.stream.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.rehearse.core.config.LlmSettings;
import dev.rehearse.core.interview.FollowUpDraft;
import dev.rehearse.core.llm.FollowUpPrompt;
import dev.rehearse.llm.ChatModels;
import dev.rehearse.llm.FallbackChat;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the LLM providers word a follow-up for the answer it follows ({@link FollowUpPrompt}), in
 * order — Groq first, OpenAI on error, timeout, 429 or invalid output — through the {@linkplain
 * FallbackChat.Policy#interactive interactive policy}. Each call is bounded by the time a follow-up
 * may take, below the provider's own timeout. Empty when none gives a valid question: the rule's
 * wording stays.
 */
public final class FollowUpWriter {

  private static final Logger LOG = LoggerFactory.getLogger(FollowUpWriter.class);
  private static final AttributeKey<String> SESSION = AttributeKey.stringKey("rehearse.session.id");
  private static final AttributeKey<String> REASON =
      AttributeKey.stringKey("rehearse.follow_up.reason");

  /** One short question: a little variety, and few tokens (300 characters are under 100). */
  static final ChatModels.Sampling SAMPLING = new ChatModels.Sampling(0.4, 120);

  /** What happened to one follow-up, for metrics. */
  public interface Listener {
    void worded(String provider, long millis);

    void failed(String provider, String reason);

    void keptRule();
  }

  /** A follow-up as a provider worded it. */
  public record Worded(String text, String provider) {}

  private final FallbackChat chat;
  private final Listener listener;

  /**
   * @param timeout the longest one call to a provider may take (its own timeout when shorter)
   * @param openFor how long a failing provider is skipped before it is tried again
   */
  public FollowUpWriter(
      List<LlmSettings> providers,
      Duration timeout,
      Tracer tracer,
      Listener listener,
      Duration openFor) {
    this.chat =
        new FallbackChat(
            ChatModels.of(providers.stream().map(p -> bounded(p, timeout)).toList(), SAMPLING),
            FallbackChat.Policy.interactive(openFor),
            tracer);
    this.listener = listener;
  }

  public boolean enabled() {
    return chat.enabled();
  }

  /** The follow-up of {@code draft} as the first provider that wrote a valid one worded it. */
  public Optional<Worded> write(String sessionId, FollowUpDraft draft) {
    Optional<FallbackChat.Answer<String>> answer =
        chat.ask(
            List.of(
                SystemMessage.from(FollowUpPrompt.system(draft)),
                UserMessage.from(FollowUpPrompt.user(draft))),
            response -> FollowUpPrompt.question(response.aiMessage().text(), draft),
            Attributes.of(SESSION, sessionId, REASON, draft.reason().name()),
            new FallbackChat.Listener() {
              @Override
              public void answered(String provider, long millis) {
                listener.worded(provider, millis);
              }

              @Override
              public void failed(String provider, String reason) {
                LOG.warn("session {}: follow-up by {} {}", sessionId, provider, reason);
                listener.failed(provider, reason);
              }
            });
    if (answer.isEmpty()) {
      if (enabled()) {
        listener.keptRule();
      }
      return Optional.empty();
    }
    return Optional.of(new Worded(answer.get().value(), answer.get().provider().name()));
  }

  /** {@code settings} with a call timeout of at most {@code timeout}. */
  static LlmSettings bounded(LlmSettings settings, Duration timeout) {
    return settings.timeout().compareTo(timeout) <= 0
        ? settings
        : new LlmSettings(
            settings.name(), settings.baseUrl(), settings.apiKey(), settings.model(), timeout);
  }
}
