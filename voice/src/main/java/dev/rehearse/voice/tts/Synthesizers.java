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

  /**
   * The speech output's settings, read once at a service's entry point: each provider present is
   * configured (Cartesia and Murf by their keys, espeak-ng unless {@value #OFFLINE} is {@code
   * false}); none present, no speech.
   */
  public record Settings(
      Optional<CartesiaSynthesizer.Settings> cartesia,
      Optional<MurfSynthesizer.Settings> murf,
      Optional<EspeakSynthesizer.Settings> espeak) {

    /** No speech output at all. */
    public static final Settings NONE =
        new Settings(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * From the environment, with {@code espeakCommand} as the offline program.
     *
     * @throws IllegalArgumentException naming the variable, when a value is not valid
     */
    public static Settings fromEnv(Map<String, String> env, String espeakCommand) {
      Duration timeout = ProviderTimeouts.of(env, TIMEOUT_MS, 15_000, MAX_TIMEOUT_MS);
      Optional<CartesiaSynthesizer.Settings> cartesia = Optional.empty();
      String cartesiaKey = value(env, CARTESIA_API_KEY, "");
      if (!cartesiaKey.isEmpty()) {
        cartesia =
            Optional.of(
                new CartesiaSynthesizer.Settings(
                    ProviderUrls.baseUrl(
                        CARTESIA_BASE_URL,
                        value(env, CARTESIA_BASE_URL, "https://api.cartesia.ai")),
                    ProviderUrls.apiKey(CARTESIA_API_KEY, cartesiaKey),
                    value(env, CARTESIA_MODEL, CartesiaSynthesizer.DEFAULT_MODEL),
                    value(env, CARTESIA_VERSION, CartesiaSynthesizer.DEFAULT_VERSION),
                    Map.of(
                        Voice.INTERVIEWER.name(),
                        value(env, CARTESIA_VOICE_ID, CartesiaSynthesizer.DEFAULT_VOICE_ID)),
                    SAMPLE_RATE,
                    timeout));
      }
      Optional<MurfSynthesizer.Settings> murf = Optional.empty();
      String murfKey = value(env, MURF_API_KEY, "");
      if (!murfKey.isEmpty()) {
        murf =
            Optional.of(
                new MurfSynthesizer.Settings(
                    ProviderUrls.baseUrl(
                        MURF_BASE_URL, value(env, MURF_BASE_URL, "https://api.murf.ai")),
                    ProviderUrls.apiKey(MURF_API_KEY, murfKey),
                    Map.of(
                        Voice.INTERVIEWER.name(),
                        value(env, MURF_VOICE_ID, MurfSynthesizer.DEFAULT_VOICE_ID)),
                    SAMPLE_RATE,
                    timeout));
      }
      String offline = value(env, OFFLINE, "true").toLowerCase(Locale.ROOT);
      if (!offline.equals("true") && !offline.equals("false")) {
        throw new IllegalArgumentException(
            OFFLINE + " must be true or false, got '" + offline + "'");
      }
      Optional<EspeakSynthesizer.Settings> espeak =
          offline.equals("true")
              ? Optional.of(
                  new EspeakSynthesizer.Settings(
                      espeakCommand,
                      Map.of(Voice.INTERVIEWER.name(), value(env, ESPEAK_VOICE, "en-us")),
                      ESPEAK_WORDS_PER_MINUTE,
                      timeout))
              : Optional.empty();
      return new Settings(cartesia, murf, espeak);
    }
  }

  /** From the environment, on a new HTTP client, with {@code espeak-ng} from the {@code PATH}. */
  public static Optional<SpeechSynthesizer> fromEnv(Map<String, String> env, SpeechCache cache) {
    return create(Settings.fromEnv(env, "espeak-ng"), cache, newClient());
  }

  /**
   * The configured chain behind {@code cache}.
   *
   * @throws IllegalArgumentException naming the variable, when a value is not valid
   */
  public static Optional<SpeechSynthesizer> fromEnv(
      Map<String, String> env, SpeechCache cache, HttpClient client, String espeakCommand) {
    return create(Settings.fromEnv(env, espeakCommand), cache, client);
  }

  /** An HTTP client for the providers: connecting gives up after 5 s. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * The chain of {@code settings} behind {@code cache}, each HTTP provider behind its own circuit
   * breaker, espeak-ng only when it is installed; empty when no provider is left.
   */
  public static Optional<SpeechSynthesizer> create(
      Settings settings, SpeechCache cache, HttpClient client) {
    List<SpeechSynthesizer> chain = new ArrayList<>();
    settings.cartesia().ifPresent(s -> chain.add(CartesiaSynthesizer.of(s, client)));
    settings.murf().ifPresent(s -> chain.add(MurfSynthesizer.of(s, client)));
    settings
        .espeak()
        .map(EspeakSynthesizer::new)
        .filter(EspeakSynthesizer::available)
        .ifPresent(chain::add);
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
