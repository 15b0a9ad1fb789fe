package dev.rehearse.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One OpenAI-compatible chat provider: Groq, OpenAI, or any compatible server (Ollama, vLLM) by its
 * base URL. Read from {@code REHEARSE_<NAME>_API_KEY}, {@code _MODEL}, {@code _BASE_URL}.
 */
public record LlmSettings(
    String name, String baseUrl, String apiKey, String model, Duration timeout)
    implements Serializable {

  /** Never print the key. */
  @Override
  public String toString() {
    return name + " (" + model + " at " + baseUrl + ")";
  }

  /**
   * The providers configured, in the order they are tried: Groq, then OpenAI. A provider without an
   * API key is left out; none configured means the offline interviewer alone.
   */
  public static List<LlmSettings> fromEnv(Map<String, String> env) {
    Duration timeout =
        Duration.ofMillis(Long.parseLong(env.getOrDefault("REHEARSE_LLM_TIMEOUT_MS", "8000")));
    List<LlmSettings> providers = new ArrayList<>();
    add(
        providers,
        env,
        "groq",
        "https://api.groq.com/openai/v1",
        "llama-3.3-70b-versatile",
        timeout);
    add(providers, env, "openai", "https://api.openai.com/v1", "gpt-4o-mini", timeout);
    return List.copyOf(providers);
  }

  private static void add(
      List<LlmSettings> into,
      Map<String, String> env,
      String name,
      String baseUrl,
      String model,
      Duration timeout) {
    String prefix = "REHEARSE_" + name.toUpperCase(java.util.Locale.ROOT) + "_";
    String key = env.getOrDefault(prefix + "API_KEY", "");
    if (!key.isBlank()) {
      into.add(
          new LlmSettings(
              name,
              env.getOrDefault(prefix + "BASE_URL", baseUrl),
              key,
              env.getOrDefault(prefix + "MODEL", model),
              timeout));
    }
  }
}
