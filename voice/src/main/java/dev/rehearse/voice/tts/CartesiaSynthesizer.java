package dev.rehearse.voice.tts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProviderUrls;
import dev.rehearse.voice.provider.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * Cartesia's Sonic: {@code POST <base URL>/tts/bytes} with {@code Authorization: Bearer <key>},
 * {@code Cartesia-Version} and the JSON body {@code {model_id, transcript, voice: {mode: "id", id},
 * output_format: {container: "wav", encoding: "pcm_s16le", sample_rate}}}; the reply body is the
 * WAV file.
 *
 * <p>Cartesia's API conventions authenticate with {@code Authorization: Bearer} (the version
 * 2024-11-13 documentation named {@code X-API-Key}); the version sent is {@link #DEFAULT_VERSION},
 * the newest that its {@code /tts/bytes} reference lists with the {@code voice.mode} field, with
 * its documented model {@code sonic-2}.
 */
public final class CartesiaSynthesizer implements SpeechSynthesizer {

  public static final String NAME = "cartesia";
  public static final String DEFAULT_VERSION = "2025-04-16";
  public static final String DEFAULT_MODEL = "sonic-2";

  /** The voice of Cartesia's documentation examples. */
  public static final String DEFAULT_VOICE_ID = "694f9389-aac1-45b6-b726-9d9369183238";

  /** The largest reply read: 3000 characters, about 4 minutes at 24 kHz, 16-bit mono. */
  public static final int MAX_REPLY_BYTES = 16 << 20;

  /**
   * Cartesia's settings.
   *
   * @param voices Rehearse's voice names to Cartesia voice ids
   */
  public record Settings(
      URI baseUrl,
      String apiKey,
      String model,
      String version,
      Map<String, String> voices,
      int sampleRate,
      Duration timeout) {

    public Settings {
      voices = Map.copyOf(voices);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
      return NAME + " (" + model + ", version " + version + ", at " + baseUrl + ")";
    }
  }

  /** The request body, named as Cartesia names its fields. */
  record BytesRequest(
      @JsonProperty("model_id") String modelId,
      String transcript,
      VoiceSpecifier voice,
      @JsonProperty("output_format") OutputFormat outputFormat) {}

  /** A voice by its id. */
  record VoiceSpecifier(String mode, String id) {}

  /** A WAV container of 16-bit little-endian PCM. */
  record OutputFormat(
      String container, String encoding, @JsonProperty("sample_rate") int sampleRate) {}

  private final Settings settings;
  private final HttpProvider http;

  public CartesiaSynthesizer(Settings settings, HttpProvider http) {
    this.settings = settings;
    this.http = http;
  }

  public static CartesiaSynthesizer of(Settings settings, HttpClient client) {
    return new CartesiaSynthesizer(
        settings, HttpProvider.of(NAME, client, settings.timeout(), MAX_REPLY_BYTES));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Speech speak(String text, Voice voice) {
    String transcript = SpeechSynthesizer.checkText(text);
    String voiceId = settings.voices().get(voice.name());
    if (voiceId == null) {
      throw new ProviderException(
          NAME, Reason.UNSUPPORTED, "no Cartesia voice for " + voice.name());
    }
    byte[] json =
        WireJson.write(
            new BytesRequest(
                settings.model(),
                transcript,
                new VoiceSpecifier("id", voiceId),
                new OutputFormat("wav", "pcm_s16le", settings.sampleRate())));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ProviderUrls.resolve(settings.baseUrl(), "/tts/bytes"))
            .header("Authorization", "Bearer " + settings.apiKey())
            .header("Cartesia-Version", settings.version())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    return http.call(
        request, reply -> SpeechAudio.check(NAME, reply.body(), Reason.MALFORMED_REPLY));
  }
}
