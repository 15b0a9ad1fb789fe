package dev.rehearse.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.voice.provider.BreakerPolicy;
import dev.rehearse.voice.provider.FakeProvider;
import dev.rehearse.voice.provider.FakeProvider.Reply;
import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.TestAudio;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cartesia's client against a local fake speaking its wire format. */
class CartesiaSynthesizerWireTest {

  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final byte[] WAV = TestAudio.tone(24_000, 1500, 200);

  FakeProvider fake;
  List<Duration> waits;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeProvider();
    waits = new ArrayList<>();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  CartesiaSynthesizer client(Duration timeout, BreakerPolicy policy) {
    CartesiaSynthesizer.Settings settings =
        new CartesiaSynthesizer.Settings(
            fake.url(""),
            "sk_car_test",
            "sonic-2",
            "2025-04-16",
            Map.of("interviewer", "voice-123"),
            24_000,
            timeout);
    return new CartesiaSynthesizer(
        settings,
        new HttpProvider(
            "cartesia", CLIENT, timeout, CartesiaSynthesizer.MAX_REPLY_BYTES, policy, waits::add));
  }

  CartesiaSynthesizer client() {
    return client(Duration.ofSeconds(5), BreakerPolicy.DEFAULT);
  }

  @Test
  void postsTheDocumentedRequestAndReturnsTheWav() throws Exception {
    fake.script(Reply.of(200, "audio/wav", WAV));

    Speech speech = client().speak("  Tell me about a project you led.  ", Voice.INTERVIEWER);

    assertThat(speech.wav()).isEqualTo(WAV);
    assertThat(speech.durationMs()).isEqualTo(1500);
    assertThat(speech.provider()).isEqualTo("cartesia");
    FakeProvider.Request request = fake.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/tts/bytes");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk_car_test");
    assertThat(request.header("Cartesia-Version")).isEqualTo("2025-04-16");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body)
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"model_id":"sonic-2","transcript":"Tell me about a project you led.",
                     "voice":{"mode":"id","id":"voice-123"},
                     "output_format":{"container":"wav","encoding":"pcm_s16le","sample_rate":24000}}
                    """));
  }

  @Test
  void a429IsRetriedOnce() {
    fake.script(Reply.json(429, "{}"), Reply.of(200, "audio/wav", WAV));

    assertThat(client().speak("Hello.", Voice.INTERVIEWER).wav()).isEqualTo(WAV);
    assertThat(fake.requests()).hasSize(2);
    assertThat(waits).containsExactly(HttpProvider.DEFAULT_RETRY_WAIT);
  }

  @Test
  void serverErrorsTimeoutsAndRefusalsAreTyped() {
    fake.script(Reply.json(500, "{}"), Reply.json(502, "{}"), Reply.json(402, "{}"));
    assertThatThrownBy(() -> client().speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR));
    assertThatThrownBy(() -> client().speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));

    fake.script(Reply.of(200, "audio/wav", WAV).after(3000));
    assertThatThrownBy(
            () ->
                client(Duration.ofMillis(300), BreakerPolicy.DEFAULT)
                    .speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
  }

  @Test
  void aReplyThatIsNotAWholeWavIsMalformed() {
    byte[] truncated = Arrays.copyOf(WAV, WAV.length / 2);
    byte[] headerOnly = Arrays.copyOf(WAV, 44);
    headerOnly[40] = headerOnly[41] = headerOnly[42] = headerOnly[43] = 0;
    for (byte[] bad :
        new byte[][] {"{\"error\":\"oops\"}".getBytes(), truncated, headerOnly, new byte[0]}) {
      fake.script(Reply.of(200, "audio/wav", bad));
      assertThatThrownBy(() -> client().speak("Hello.", Voice.INTERVIEWER))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_REPLY));
    }
  }

  @Test
  void aStreamedWavWithPlaceholderSizesGetsItsRealSizes() {
    for (int placeholder : new int[] {0xFFFFFFFF, 0x7FFFFFFF, 0x7FFFF000}) {
      byte[] streamed = WAV.clone();
      java.nio.ByteBuffer b =
          java.nio.ByteBuffer.wrap(streamed).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      b.putInt(4, placeholder).putInt(40, placeholder);
      fake.script(Reply.of(200, "audio/wav", streamed));

      Speech speech = client().speak("Hello.", Voice.INTERVIEWER);

      assertThat(speech.wav()).as("placeholder %08x", placeholder).isEqualTo(WAV);
      assertThat(speech.durationMs()).isEqualTo(1500);
    }
  }

  @Test
  void aVoiceWithoutACartesiaIdIsUnsupportedWithoutACall() {
    assertThatThrownBy(() -> client().speak("Hello.", new Voice("narrator")))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void theBreakerOpensAfterRepeatedFailures() {
    CartesiaSynthesizer client =
        client(Duration.ofSeconds(5), new BreakerPolicy(4, 2, 50, Duration.ofMinutes(1)));
    fake.script(
        Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.speak("Hello.", Voice.INTERVIEWER))
          .isInstanceOf(ProviderException.class);
    }
    fake.script(Reply.of(200, "audio/wav", WAV));

    assertThatThrownBy(() -> client.speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CIRCUIT_OPEN));
    assertThat(fake.requests()).hasSize(4);
  }

  @Test
  void blankOrOverlongTextIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> client().speak("  ", Voice.INTERVIEWER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client().speak("a".repeat(3001), Voice.INTERVIEWER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.requests()).isEmpty();
  }
}
