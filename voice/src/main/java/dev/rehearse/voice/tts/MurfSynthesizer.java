package dev.rehearse.voice.tts;

import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProviderUrls;
import dev.rehearse.voice.provider.WireJson;
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
    byte[] json =
        WireJson.write(
            new GenerateRequest(checked, voiceId, "WAV", settings.sampleRate(), "MONO", true));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ProviderUrls.resolve(settings.baseUrl(), "/v1/speech/generate"))
            .header("api-key", settings.apiKey())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    return http.call(request, this::read);
  }

  /** The request body, named as Murf names its fields. */
  record GenerateRequest(
      String text,
      String voiceId,
      String format,
      int sampleRate,
      String channelType,
      boolean encodeAsBase64) {}

  /** The fields of the reply this client reads. */
  record GenerateReply(String encodedAudio, String audioFile) {}

  private Speech read(HttpResponse<byte[]> reply) {
    GenerateReply body = WireJson.read(NAME, reply.body(), GenerateReply.class);
    if (body.encodedAudio() != null && !body.encodedAudio().isEmpty()) {
      byte[] wav;
      try {
        wav = Base64.getMimeDecoder().decode(body.encodedAudio());
      } catch (IllegalArgumentException e) {
        throw malformed("the encoded audio is not base64");
      }
      return SpeechAudio.check(NAME, wav, Reason.MALFORMED_REPLY);
    }
    if (body.audioFile() != null && !body.audioFile().isEmpty()) {
      return SpeechAudio.check(NAME, http.get(audioUri(body.audioFile())), Reason.MALFORMED_REPLY);
    }
    throw malformed("the reply has neither encoded audio nor an audio file URL");
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
    throw malformed("the audio file URL is not http(s)");
  }

  private ProviderException malformed(String detail) {
    return new ProviderException(NAME, Reason.MALFORMED_REPLY, detail);
  }
}
