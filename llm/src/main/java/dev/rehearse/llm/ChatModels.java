package dev.rehearse.llm;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.rehearse.core.config.LlmSettings;
import java.util.List;

/**
 * Builds the chat models of the configured providers ({@link LlmSettings#fromEnv}: Groq, OpenAI, or
 * any OpenAI-compatible server by its base URL). Every provider speaks the OpenAI chat-completions
 * API, so one client type serves them all.
 */
public final class ChatModels {

  private ChatModels() {}

  /**
   * How a caller samples the model.
   *
   * @param temperature 0 is the most deterministic
   * @param maxTokens the longest answer, in tokens
   */
  public record Sampling(double temperature, int maxTokens) {}

  /** A provider's chat model; it retries nothing itself: {@link FallbackChat} does. */
  public static ChatProvider of(LlmSettings settings, Sampling sampling) {
    return new ChatProvider(
        settings,
        OpenAiChatModel.builder()
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey())
            .modelName(settings.model())
            .timeout(settings.timeout())
            .maxRetries(0)
            .temperature(sampling.temperature())
            .maxTokens(sampling.maxTokens())
            .build());
  }

  /** The chat models of {@code providers}, in their order. */
  public static List<ChatProvider> of(List<LlmSettings> providers, Sampling sampling) {
    return providers.stream().map(s -> of(s, sampling)).toList();
  }
}
