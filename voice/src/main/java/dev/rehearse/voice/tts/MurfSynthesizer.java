package dev.rehearse.voice.tts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProviderUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Murf: {@code POST <base URL>/v1/speech/generate} with the header {@code api-key} and the JSON
 * body {@code {text, voiceId, format: "WAV", sampleRate, channelType: "MONO", encodeAsBase64:
 * true}}. The reply is JSON: with {@code encodeAsBase64} the audio is in {@code encodedAudio}
 * (base64); a reply that instead gives an {@code audioFile} URL (Murf's default) is fetched from it
 * with the same timeout and limit.
 */
public final class MurfSynthesizer implements SpeechSynthesizer {

  public static final String NAME = "murf";
  public static final String DEFAULT_VOICE_ID = "en-US-natalie";

  /** The largest reply read: the base64 of {@link CartesiaSynthesizer#MAX_REPLY_BYTES}. */
  public static final int MAX_REPLY_BYTES = 22 << 20;

  /**
   * Murf's settings.
   *
   * @param voices Rehearse's voice names to Murf voice ids
   * @param sampleRate one of Murf's 8000, 24000, 44100 or 48000
   */
  public record Settings(
      URI baseUrl, String apiKey, Map<String, String> voices, int sampleRate, Duration timeout) {

    public Settings {
      voices = Map.copyOf(voices);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
      return NAME + " at " + baseUrl;
    }
  }

  private final Settings settings;
  private final HttpProvider http;
  private final ObjectMapper mapper = new ObjectMapper();

  public MurfSynthesizer(Settings settings, HttpProvider http) {
    this.settings = settings;
    this.http = http;
  }

  public static MurfSynthesizer of(Settings settings, HttpClient client) {
    return new MurfSynthesizer(
        settings, HttpProvider.of(NAME, client, settings.timeout(), MAX_REPLY_BYTES));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Speech speak(String text, Voice voice) {
    String checked = SpeechSynthesizer.checkText(text);
    String voiceId = settings.voices().get(voice.name());
    if (voiceId == null) {
      throw new ProviderException(NAME, Reason.UNSUPPORTED, "no Murf voice for " + voice.name());
    }
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("text", checked)
            .put("voiceId", voiceId)
            .put("format", "WAV")
            .put("sampleRate", settings.sampleRate())
            .put("channelType", "MONO")
            .put("encodeAsBase64", true);
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a Murf request", e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ProviderUrls.resolve(settings.baseUrl(), "/v1/speech/generate"))
            .header("api-key", settings.apiKey())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    return http.call(request, this::read);
  }

  private Speech read(HttpResponse<byte[]> reply) {
    JsonNode root;
    try {
      root = mapper.readTree(reply.body());
    } catch (JacksonException e) {
      throw malformed("the reply is not JSON");
    } catch (IOException e) {
      throw malformed("the reply cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw malformed("the reply is not a JSON object");
    }
    JsonNode encoded = root.get("encodedAudio");
    if (encoded != null && encoded.isTextual() && !encoded.asText().isEmpty()) {
      byte[] wav;
      try {
        wav = Base64.getMimeDecoder().decode(encoded.asText());
      } catch (IllegalArgumentException e) {
        throw malformed("'encodedAudio' is not base64");
      }
      return SpeechAudio.check(NAME, wav, Reason.MALFORMED_REPLY);
    }
    JsonNode file = root.get("audioFile");
    if (file != null && file.isTextual() && !file.asText().isEmpty()) {
      return SpeechAudio.check(NAME, http.get(audioUri(file.asText())), Reason.MALFORMED_REPLY);
    }
    throw malformed("the reply has neither 'encodedAudio' nor 'audioFile'");
  }

  private URI audioUri(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through
    }
    throw malformed("'audioFile' is not an http(s) URL");
  }

  private ProviderException malformed(String detail) {
    return new ProviderException(NAME, Reason.MALFORMED_REPLY, detail);
  }
}
