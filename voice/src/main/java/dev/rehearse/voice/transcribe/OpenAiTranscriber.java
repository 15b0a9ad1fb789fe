package dev.rehearse.voice.transcribe;

import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProviderUrls;
import dev.rehearse.voice.provider.WireJson;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
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

  public OpenAiTranscriber(Settings settings, HttpProvider http) {
    this.settings = settings;
    this.http = http;
  }

  /** With the default breaker policy. */
  public static OpenAiTranscriber of(Settings settings, HttpClient client) {
    return new OpenAiTranscriber(
        settings, HttpProvider.of(settings.name(), client, settings.timeout(), MAX_REPLY_BYTES));
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

  /**
   * The form fields after the file, named as the API names them; a list is sent as {@code name[]}
   * once per element, an absent value not at all.
   */
  record Form(
      String model,
      String response_format,
      List<String> timestamp_granularities,
      String language) {}

  private byte[] multipart(String boundary, byte[] wav, Optional<String> language) {
    Form form = new Form(settings.model(), "verbose_json", List.of("word"), language.orElse(null));
    ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + 1024);
    filePart(out, boundary, wav);
    for (RecordComponent component : Form.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(form);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("a record accessor failed", e);
      }
      if (value instanceof List<?> values) {
        for (Object v : values) {
          field(out, boundary, component.getName() + "[]", v.toString());
        }
      } else if (value != null) {
        field(out, boundary, component.getName(), value.toString());
      }
    }
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

  /** The fields of a {@code verbose_json} reply this client reads. */
  record VerboseTranscription(String text, String language, Double duration, List<Word> words) {}

  /** One of its {@code words}: times in seconds. */
  record Word(String word, Double start, Double end) {}

  private Transcript read(HttpResponse<byte[]> reply) {
    VerboseTranscription body =
        WireJson.read(settings.name(), reply.body(), VerboseTranscription.class);
    if (body.text() == null) {
      throw malformed("the reply has no text");
    }
    List<TimedWord> timed = new ArrayList<>();
    for (Word w : body.words() == null ? List.<Word>of() : body.words()) {
      timed.add(word(w));
    }
    if (body.duration() != null && !timed.isEmpty()) {
      long durationMs = Math.round(body.duration() * 1000);
      // a word ending well after the audio does would be a provider's bug: its times are unusable
      if (timed.get(timed.size() - 1).endMs() > durationMs + 1000) {
        throw malformed("a word ends after the audio's " + durationMs + " ms");
      }
    }
    return new Transcript(
        body.text().strip(),
        timed,
        Optional.ofNullable(body.language()).filter(l -> !l.isBlank()),
        settings.name());
  }

  private TimedWord word(Word w) {
    if (w == null || w.word() == null || w.start() == null || w.end() == null) {
      throw malformed("a word is not {word, start, end}");
    }
    double s = w.start();
    double e = w.end();
    if (!(s >= 0) || !(e >= s) || Double.isInfinite(e)) {
      throw malformed("a word's times are not 0 <= start <= end");
    }
    return new TimedWord(w.word().strip(), Math.round(s * 1000), Math.round(e * 1000));
  }

  private ProviderException malformed(String detail) {
    return new ProviderException(settings.name(), Reason.MALFORMED_REPLY, detail);
  }
}
