package dev.rehearse.stream.llm;

import dev.rehearse.core.config.LlmSettings;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.interview.PlannedQuestion;
import dev.rehearse.core.interview.ProfileContext;
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
 * Plans with the LLM providers in order — Groq first, OpenAI on error, timeout, 429 or invalid
 * output — through the {@linkplain FallbackChat.Policy#interactive interactive policy}: one retry
 * after a short backoff for a 429 or a server error, and a provider that keeps failing skipped for
 * a while instead of slowing every start down. Empty when none gives a valid plan: the offline
 * interviewer plans instead.
 */
public final class LlmPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(LlmPlanner.class);
  private static final AttributeKey<String> SESSION = AttributeKey.stringKey("rehearse.session.id");
  private static final AttributeKey<Long> WANTED =
      AttributeKey.longKey("rehearse.questions.wanted");

  /** What happened to one planning request, for metrics. */
  public interface Listener {
    void planned(String provider, long millis);

    void failed(String provider, String reason);

    void fellBack();
  }

  /** Attempts per provider and plan: a 429 or a server error is tried once more, after a pause. */
  static final int ATTEMPTS = FallbackChat.Policy.interactive(Duration.ZERO).attempts();

  private final FallbackChat chat;
  private final Listener listener;

  public LlmPlanner(List<LlmSettings> providers, Tracer tracer, Listener listener) {
    this(providers, tracer, listener, Duration.ofSeconds(30));
  }

  /**
   * @param tracer where each call's span goes
   * @param openFor how long a failing provider is skipped before it is tried again
   */
  public LlmPlanner(
      List<LlmSettings> providers, Tracer tracer, Listener listener, Duration openFor) {
    this.chat =
        new FallbackChat(
            ChatModels.of(providers, ChatInterviewer.SAMPLING),
            FallbackChat.Policy.interactive(openFor),
            tracer);
    this.listener = listener;
  }

  public boolean enabled() {
    return chat.enabled();
  }

  public Optional<List<PlannedQuestion>> plan(
      String sessionId, InterviewSpec spec, ProfileContext context) {
    Optional<FallbackChat.Answer<List<String>>> answer =
        chat.ask(
            ChatInterviewer.prompt(spec, context),
            response ->
                ChatInterviewer.questions(response.aiMessage().text(), spec.questionCount()),
            Attributes.of(SESSION, sessionId, WANTED, (long) spec.questionCount()),
            new FallbackChat.Listener() {
              @Override
              public void answered(String provider, long millis) {
                listener.planned(provider, millis);
              }

              @Override
              public void failed(String provider, String reason) {
                LOG.warn("session {}: {} {}", sessionId, provider, reason);
                listener.failed(provider, reason);
              }
            });
    if (answer.isEmpty()) {
      if (enabled()) {
        listener.fellBack();
      }
      return Optional.empty();
    }
    return Optional.of(
        ChatInterviewer.plan(answer.get().provider().name(), spec, answer.get().value()));
  }
}
