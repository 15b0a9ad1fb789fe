package dev.rehearse.voice.tts;

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
 * The speech output the settings configure: Cartesia when {@code REHEARSE_CARTESIA_API_KEY} is set,
 * then Murf ({@code REHEARSE_MURF_API_KEY}), then espeak-ng when it is installed, each falling back
 * to the next, behind a cache; none of them, no speech.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>{@code REHEARSE_CARTESIA_API_KEY}, {@code _BASE_URL}</td>
 *       <td>none, {@code https://api.cartesia.ai}</td></tr>
 *   <tr><td>{@code REHEARSE_CARTESIA_VOICE_ID}, {@code _MODEL}, {@code _VERSION}</td>
 *       <td>{@value CartesiaSynthesizer#DEFAULT_VOICE_ID}, {@value
 *       CartesiaSynthesizer#DEFAULT_MODEL}, {@value CartesiaSynthesizer#DEFAULT_VERSION}</td></tr>
 *   <tr><td>{@code REHEARSE_MURF_API_KEY}, {@code _BASE_URL}, {@code _VOICE_ID}</td>
 *       <td>none, {@code https://api.murf.ai}, {@value MurfSynthesizer#DEFAULT_VOICE_ID}</td></tr>
 *   <tr><td>{@code REHEARSE_ESPEAK_VOICE}</td><td>{@code en-us}</td></tr>
 *   <tr><td>{@code REHEARSE_TTS_TIMEOUT_MS}</td><td>15000</td></tr>
 *   <tr><td>{@code REHEARSE_TTS_OFFLINE}</td><td>{@code true}: {@code false} leaves espeak-ng
 *       out</td></tr>
 * </table>
 *
 * <p>The voice ids are those of {@link Voice#INTERVIEWER}. The audio is mono 16-bit PCM WAV at 24
 * kHz from Cartesia and Murf, 22.05 kHz from espeak-ng.
 */
public final class Synthesizers {

  public static final String CARTESIA_API_KEY = "REHEARSE_CARTESIA_API_KEY";
  public static final String CARTESIA_BASE_URL = "REHEARSE_CARTESIA_BASE_URL";
  public static final String CARTESIA_VOICE_ID = "REHEARSE_CARTESIA_VOICE_ID";
  public static final String CARTESIA_MODEL = "REHEARSE_CARTESIA_MODEL";
  public static final String CARTESIA_VERSION = "REHEARSE_CARTESIA_VERSION";
  public static final String MURF_API_KEY = "REHEARSE_MURF_API_KEY";
  public static final String MURF_BASE_URL = "REHEARSE_MURF_BASE_URL";
  public static final String MURF_VOICE_ID = "REHEARSE_MURF_VOICE_ID";
  public static final String ESPEAK_VOICE = "REHEARSE_ESPEAK_VOICE";
  public static final String TIMEOUT_MS = "REHEARSE_TTS_TIMEOUT_MS";
  public static final String OFFLINE = "REHEARSE_TTS_OFFLINE";

  static final int SAMPLE_RATE = 24_000;
  static final int ESPEAK_WORDS_PER_MINUTE = 165;
  static final long MAX_TIMEOUT_MS = 120_000;

  private Synthesizers() {}

  /** From the environment, on a new HTTP client, with {@code espeak-ng} from the {@code PATH}. */
  public static Optional<SpeechSynthesizer> fromEnv(Map<String, String> env, SpeechCache cache) {
    return fromEnv(
        env,
        cache,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        "espeak-ng");
  }

  /**
   * The configured chain behind {@code cache}.
   *
   * @throws IllegalArgumentException naming the variable, when a value is not valid
   */
  public static Optional<SpeechSynthesizer> fromEnv(
      Map<String, String> env, SpeechCache cache, HttpClient client, String espeakCommand) {
    Duration timeout = ProviderTimeouts.of(env, TIMEOUT_MS, 15_000, MAX_TIMEOUT_MS);
    List<SpeechSynthesizer> chain = new ArrayList<>();
    String cartesiaKey = value(env, CARTESIA_API_KEY, "");
    if (!cartesiaKey.isEmpty()) {
      chain.add(
          CartesiaSynthesizer.of(
              new CartesiaSynthesizer.Settings(
                  ProviderUrls.baseUrl(
                      CARTESIA_BASE_URL, value(env, CARTESIA_BASE_URL, "https://api.cartesia.ai")),
                  ProviderUrls.apiKey(CARTESIA_API_KEY, cartesiaKey),
                  value(env, CARTESIA_MODEL, CartesiaSynthesizer.DEFAULT_MODEL),
                  value(env, CARTESIA_VERSION, CartesiaSynthesizer.DEFAULT_VERSION),
                  Map.of(
                      Voice.INTERVIEWER.name(),
                      value(env, CARTESIA_VOICE_ID, CartesiaSynthesizer.DEFAULT_VOICE_ID)),
                  SAMPLE_RATE,
                  timeout),
              client));
    }
    String murfKey = value(env, MURF_API_KEY, "");
    if (!murfKey.isEmpty()) {
      chain.add(
          MurfSynthesizer.of(
              new MurfSynthesizer.Settings(
                  ProviderUrls.baseUrl(
                      MURF_BASE_URL, value(env, MURF_BASE_URL, "https://api.murf.ai")),
                  ProviderUrls.apiKey(MURF_API_KEY, murfKey),
                  Map.of(
                      Voice.INTERVIEWER.name(),
                      value(env, MURF_VOICE_ID, MurfSynthesizer.DEFAULT_VOICE_ID)),
                  SAMPLE_RATE,
                  timeout),
              client));
    }
    String offline = value(env, OFFLINE, "true").toLowerCase(Locale.ROOT);
    if (!offline.equals("true") && !offline.equals("false")) {
      throw new IllegalArgumentException(OFFLINE + " must be true or false, got '" + offline + "'");
    }
    EspeakSynthesizer espeak =
        new EspeakSynthesizer(
            new EspeakSynthesizer.Settings(
                espeakCommand,
                Map.of(Voice.INTERVIEWER.name(), value(env, ESPEAK_VOICE, "en-us")),
                ESPEAK_WORDS_PER_MINUTE,
                timeout));
    if (offline.equals("true") && espeak.available()) {
      chain.add(espeak);
    }
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    SpeechSynthesizer first = chain.size() == 1 ? chain.get(0) : new FallbackSynthesizer(chain);
    return Optional.of(new CachingSynthesizer(first, cache));
  }

  private static String value(Map<String, String> env, String variable, String defaultValue) {
    String v = env.getOrDefault(variable, "").strip();
    return v.isEmpty() ? defaultValue : v;
  }
}
