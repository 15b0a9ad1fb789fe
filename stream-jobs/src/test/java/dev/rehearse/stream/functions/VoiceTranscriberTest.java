package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rehearse.core.events.WordTiming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoiceTranscriberTest {

  private HttpServer whisper;
  private final AtomicReference<String> path = new AtomicReference<>();

  @BeforeEach
  void startFakeWhisper() throws Exception {
    whisper = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    whisper.createContext(
        "/",
        exchange -> {
          path.set(exchange.getRequestURI().getPath());
          exchange.getRequestBody().readAllBytes();
          byte[] reply =
              """
              {"text": " We cut the build time in half.", "language": "english", "duration": 2.0,
               "words": [{"word": "We", "start": 0.0, "end": 0.2},
                         {"word": "cut", "start": 0.2, "end": 0.5}]}
              """
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    whisper.start();
  }

  @AfterEach
  void stop() {
    whisper.stop(0);
  }

  private Map<String, String> groqAtTheFake() {
    return Map.of(
        "REHEARSE_GROQ_API_KEY", "test-key",
        "REHEARSE_GROQ_BASE_URL", "http://127.0.0.1:" + whisper.getAddress().getPort() + "/v1",
        "REHEARSE_TRANSCRIBE_OFFLINE", "false",
        "PATH", "/usr/bin");
  }

  @Test
  void withNoProviderThereIsNoRecognition() {
    assertThat(VoiceTranscriber.fromEnv(Map.of("REHEARSE_TRANSCRIBE_OFFLINE", "false")))
        .isSameAs(SpokenAnswerTranscriber.NONE);
  }

  @Test
  void whatWhisperHeardBecomesTheAnswersTextAndWordTimings() throws Exception {
    SpokenAnswerTranscriber transcriber = VoiceTranscriber.fromEnv(groqAtTheFake());

    // the job ships it to the task: it must survive serialization and build its chain there
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(transcriber);
    }
    SpokenAnswerTranscriber onTheTask;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      onTheTask = (SpokenAnswerTranscriber) in.readObject();
    }

    SpokenAnswerTranscriber.Transcript heard =
        onTheTask.transcribe(silence(16_000, 500)).orElseThrow();

    assertThat(path.get()).isEqualTo("/v1/audio/transcriptions");
    assertThat(heard.text()).isEqualTo("We cut the build time in half.");
    assertThat(heard.words())
        .containsExactly(new WordTiming("We", 0, 200), new WordTiming("cut", 200, 500));
    assertThat(((VoiceTranscriber) transcriber).settingNames())
        .allMatch(name -> name.startsWith("REHEARSE_"));
  }

  /** A mono 16-bit PCM WAV of {@code ms} of silence. */
  private static byte[] silence(int rate, int ms) {
    int data = rate * ms / 1000 * 2;
    java.nio.ByteBuffer wav =
        java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data);
    wav.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    wav.putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
    return wav.array();
  }

  @Test
  void aBadSettingIsRefusedAtTheStart() {
    assertThatThrownBy(
            () -> VoiceTranscriber.fromEnv(Map.of("REHEARSE_TRANSCRIBE_OFFLINE", "sometimes")))
        .hasMessageContaining("REHEARSE_TRANSCRIBE_OFFLINE");
  }
}
