package dev.rehearse.voice.transcribe;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProviderUrls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Whisper behind the OpenAI-compatible transcription endpoint, as Groq and OpenAI serve it: {@code
 * POST <base URL>/audio/transcriptions} with {@code Authorization: Bearer <key>} and a {@code
 * multipart/form-data} body of {@code file} (the audio, converted to 16 kHz mono 16-bit WAV),
 * {@code model}, {@code response_format=verbose_json}, {@code timestamp_granularities[]=word} and,
 * when known, {@code language}. The reply's {@code text}, {@code language} and {@code words[]{word,
 * start, end}} (seconds) make the transcript; {@code duration} is checked against the words' times.
 *
 * <p>Timeouts, one retry after a 429 or 5xx, and the circuit breaker are {@link HttpProvider}'s.
 */
public final class OpenAiTranscriber implements Transcriber {

  /** The largest reply read: a 10-minute answer's words with their times take about 200 kB. */
  public static final int MAX_REPLY_BYTES = 4 << 20;

  /**
   * One OpenAI-compatible transcription service.
   *
   * @param name {@code groq} or {@code openai}: the transcript's provider
   * @param baseUrl e.g. {@code https://api.groq.com/openai/v1}
   * @param model e.g. {@code whisper-large-v3-turbo} or {@code whisper-1}
   * @param timeout the longest one request may take, reply included
   */
  public record Settings(String name, URI baseUrl, String apiKey, String model, Duration timeout) {

    /** Never prints the key. */
    @Override
    public String toString() {
      return name + " (" + model + " at " + baseUrl + ")";
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Settings settings;
  private final HttpProvider http;
  private final ObjectMapper mapper;

  public OpenAiTranscriber(Settings settings, HttpProvider http, ObjectMapper mapper) {
    this.settings = settings;
    this.http = http;
    this.mapper = mapper;
  }

  /** With the default breaker policy. */
  public static OpenAiTranscriber of(Settings settings, HttpClient client) {
    return new OpenAiTranscriber(
        settings,
        HttpProvider.of(settings.name(), client, settings.timeout(), MAX_REPLY_BYTES),
        new ObjectMapper());
  }

  @Override
  public String name() {
    return settings.name();
  }

  /** Whether the breaker lets a call through. */
  public boolean available() {
    return http.available();
  }

  @Override
  public Transcript transcribe(byte[] wav, Optional<String> language) {
    Optional<String> code = Languages.primary(language);
    byte[] upload = Pcm16k.wav(Pcm16k.raw(wav));
    String boundary = "rehearse-" + HexFormat.of().formatHex(randomBytes());
    byte[] body = multipart(boundary, upload, code);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ProviderUrls.resolve(settings.baseUrl(), "/audio/transcriptions"))
            .header("Authorization", "Bearer " + settings.apiKey())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return http.call(request, this::read);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return b;
  }

  private byte[] multipart(String boundary, byte[] wav, Optional<String> language) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + 1024);
    filePart(out, boundary, wav);
    field(out, boundary, "model", settings.model());
    field(out, boundary, "response_format", "verbose_json");
    field(out, boundary, "timestamp_granularities[]", "word");
    language.ifPresent(code -> field(out, boundary, "language", code));
    ascii(out, "--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  private static void filePart(ByteArrayOutputStream out, String boundary, byte[] wav) {
    ascii(out, "--" + boundary + "\r\n");
    ascii(out, "Content-Disposition: form-data; name=\"file\"; filename=\"answer.wav\"\r\n");
    ascii(out, "Content-Type: audio/wav\r\n\r\n");
    out.writeBytes(wav);
    ascii(out, "\r\n");
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    ascii(out, "--" + boundary + "\r\n");
    ascii(out, "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    ascii(out, "\r\n");
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private Transcript read(HttpResponse<byte[]> reply) {
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
    JsonNode text = root.get("text");
    if (text == null || !text.isTextual()) {
      throw malformed("the reply has no 'text'");
    }
    JsonNode language = root.get("language");
    JsonNode words = root.get("words");
    List<TimedWord> timed = new ArrayList<>();
    if (words != null && !words.isNull()) {
      if (!words.isArray()) {
        throw malformed("'words' is not an array");
      }
      for (JsonNode w : words) {
        timed.add(word(w));
      }
    }
    JsonNode duration = root.get("duration");
    if (duration != null && duration.isNumber() && !timed.isEmpty()) {
      long durationMs = Math.round(duration.asDouble() * 1000);
      // a word ending well after the audio does would be a provider's bug: its times are unusable
      if (timed.get(timed.size() - 1).endMs() > durationMs + 1000) {
        throw malformed("a word ends after the audio's " + durationMs + " ms");
      }
    }
    return new Transcript(
        text.asText().strip(),
        timed,
        language != null && language.isTextual() && !language.asText().isBlank()
            ? Optional.of(language.asText())
            : Optional.empty(),
        settings.name());
  }

  private TimedWord word(JsonNode w) {
    JsonNode word = w.get("word");
    JsonNode start = w.get("start");
    JsonNode end = w.get("end");
    if (word == null
        || !word.isTextual()
        || start == null
        || !start.isNumber()
        || end == null
        || !end.isNumber()) {
      throw malformed("a word is not {word, start, end}");
    }
    double s = start.asDouble();
    double e = end.asDouble();
    if (!(s >= 0) || !(e >= s) || Double.isInfinite(e)) {
      throw malformed("a word's times are not 0 <= start <= end");
    }
    return new TimedWord(word.asText().strip(), Math.round(s * 1000), Math.round(e * 1000));
  }

  private ProviderException malformed(String detail) {
    return new ProviderException(settings.name(), Reason.MALFORMED_REPLY, detail);
  }
}
