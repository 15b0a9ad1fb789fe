package dev.rehearse.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.rehearse.core.config.LlmSettings;

/** One LLM provider ready to be asked: its settings and its chat model. */
public record ChatProvider(LlmSettings settings, ChatModel model) {

  public String name() {
    return settings.name();
  }

  /** Who wrote an answer, as documents record it: {@code llm:<provider>/<model>}. */
  public String source() {
    return "llm:" + settings.name() + "/" + settings.model();
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return settings.toString();
  }
}
