package dev.rehearse.voice.transcribe;

import dev.rehearse.voice.provider.ProviderTimeouts;
import dev.rehearse.voice.provider.ProviderUrls;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The transcriber the settings configure: Groq's Whisper when {@code REHEARSE_GROQ_API_KEY} is set,
 * then OpenAI's ({@code REHEARSE_OPENAI_API_KEY}), then PocketSphinx when it is installed, each
 * falling back to the next; none of them, no transcriber.
 *
 * <p>The keys and base URLs are the LLM's ({@code REHEARSE_GROQ_BASE_URL}, {@code
 * REHEARSE_OPENAI_BASE_URL}, as {@code LlmSettings} reads them): one account per provider. The
 * models are {@code REHEARSE_TRANSCRIBE_GROQ_MODEL} (default {@code whisper-large-v3-turbo}) and
 * {@code REHEARSE_TRANSCRIBE_OPENAI_MODEL} (default {@code whisper-1}); one request may take {@code
 * REHEARSE_TRANSCRIBE_TIMEOUT_MS} (default 30000). {@code REHEARSE_TRANSCRIBE_OFFLINE=false} leaves
 * PocketSphinx out even when installed.
 */
public final class Transcribers {

  public static final String GROQ_API_KEY = "REHEARSE_GROQ_API_KEY";
  public static final String GROQ_BASE_URL = "REHEARSE_GROQ_BASE_URL";
  public static final String GROQ_MODEL = "REHEARSE_TRANSCRIBE_GROQ_MODEL";
  public static final String OPENAI_API_KEY = "REHEARSE_OPENAI_API_KEY";
  public static final String OPENAI_BASE_URL = "REHEARSE_OPENAI_BASE_URL";
  public static final String OPENAI_MODEL = "REHEARSE_TRANSCRIBE_OPENAI_MODEL";
  public static final String TIMEOUT_MS = "REHEARSE_TRANSCRIBE_TIMEOUT_MS";
  public static final String OFFLINE = "REHEARSE_TRANSCRIBE_OFFLINE";

  static final long MAX_TIMEOUT_MS = 300_000;

  private Transcribers() {}

  /** From the environment, on a new HTTP client, with Debian's PocketSphinx. */
  public static Optional<Transcriber> fromEnv(Map<String, String> env) {
    return fromEnv(
        env,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        PocketSphinxTranscriber.Settings.DEBIAN);
  }

  /**
   * The configured chain.
   *
   * @throws IllegalArgumentException naming the variable, when a value is not valid
   */
  public static Optional<Transcriber> fromEnv(
      Map<String, String> env, HttpClient client, PocketSphinxTranscriber.Settings offline) {
    Duration timeout = ProviderTimeouts.of(env, TIMEOUT_MS, 30_000, MAX_TIMEOUT_MS);
    List<Transcriber> chain = new ArrayList<>();
    openAiCompatible(
            env,
            "groq",
            GROQ_API_KEY,
            GROQ_BASE_URL,
            "https://api.groq.com/openai/v1",
            GROQ_MODEL,
            "whisper-large-v3-turbo",
            timeout)
        .ifPresent(s -> chain.add(OpenAiTranscriber.of(s, client)));
    openAiCompatible(
            env,
            "openai",
            OPENAI_API_KEY,
            OPENAI_BASE_URL,
            "https://api.openai.com/v1",
            OPENAI_MODEL,
            "whisper-1",
            timeout)
        .ifPresent(s -> chain.add(OpenAiTranscriber.of(s, client)));
    String offlineFlag = env.getOrDefault(OFFLINE, "").strip().toLowerCase(Locale.ROOT);
    if (!offlineFlag.isEmpty() && !offlineFlag.equals("true") && !offlineFlag.equals("false")) {
      throw new IllegalArgumentException(
          OFFLINE + " must be true or false, got '" + offlineFlag + "'");
    }
    PocketSphinxTranscriber sphinx = new PocketSphinxTranscriber(offline);
    if (!offlineFlag.equals("false") && sphinx.available()) {
      chain.add(sphinx);
    }
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(chain.size() == 1 ? chain.get(0) : new FallbackTranscriber(chain));
  }

  private static Optional<OpenAiTranscriber.Settings> openAiCompatible(
      Map<String, String> env,
      String name,
      String keyVariable,
      String urlVariable,
      String defaultUrl,
      String modelVariable,
      String defaultModel,
      Duration timeout) {
    String key = env.getOrDefault(keyVariable, "").strip();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String url = env.getOrDefault(urlVariable, "").strip();
    String model = env.getOrDefault(modelVariable, "").strip();
    return Optional.of(
        new OpenAiTranscriber.Settings(
            name,
            ProviderUrls.baseUrl(urlVariable, url.isEmpty() ? defaultUrl : url),
            ProviderUrls.apiKey(keyVariable, key),
            model.isEmpty() ? defaultModel : model,
            timeout));
  }
}
