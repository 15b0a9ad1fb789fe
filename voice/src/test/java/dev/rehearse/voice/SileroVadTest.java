package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.rehearse.core.analytics.AudioMetrics;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SileroVadTest {

  @TempDir Path dir;

  @Test
  void theShippedModelHasTheInputsAndOutputsTheWrapperFeeds() throws Exception {
    byte[] model;
    try (InputStream in = SileroVad.class.getResourceAsStream("silero/silero_vad_v5.onnx")) {
      model = in.readAllBytes();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
      assertThat(describe(session.getInputInfo()))
          .containsExactly(
              Map.entry("input", "FLOAT [-1, -1]"),
              Map.entry("state", "FLOAT [2, -1, 128]"),
              Map.entry("sr", "INT64 []"));
      assertThat(describe(session.getOutputInfo()))
          .containsExactly(
              Map.entry("output", "FLOAT [-1, 1]"), Map.entry("stateN", "FLOAT [-1, -1, -1]"));
    }
  }

  @Test
  void speechIsLikelyAndSilenceIsNot() {
    DecodedAudio speech =
        WavDecoder.decode(new Espeak(dir).speak("Tell me about a project you are proud of.", 160));
    float[] samples = Resampler.resample(speech.mono(), speech.format().sampleRate(), 16_000);
    float[] withSilence = TestWav.concat(new float[16_000], samples, new float[16_000]);

    try (SileroVad vad = SileroVad.load()) {
      float[] p = vad.speechProbabilities(withSilence);

      assertThat(p).hasSize((withSilence.length + 511) / 512);
      // the leading second of silence: 31 whole chunks
      for (int c = 0; c < 31; c++) {
        assertThat(p[c]).as("chunk %d", c).isLessThan(0.1f);
      }
      int speechChunks = samples.length / 512;
      int likely = 0;
      for (int c = 32; c < 32 + speechChunks; c++) {
        likely += p[c] >= 0.5f ? 1 : 0;
      }
      assertThat(likely).isGreaterThan(speechChunks * 3 / 4);
    }
  }

  @Test
  void concurrentAnalysesGiveTheSameResultsAsOneAtATime() throws Exception {
    Espeak espeak = new Espeak(dir);
    List<byte[]> wavs =
        List.of(
            espeak.speak(Espeak.PARAGRAPH, 140),
            espeak.speak("Short answer, then a pause. And more.", 170));
    try (AudioAnalyzer analyzer = AudioAnalyzer.create()) {
      List<AudioMetrics> sequential = wavs.stream().map(analyzer::analyze).toList();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 3; round++) {
          List<Future<AudioMetrics>> futures =
              wavs.stream().map(w -> pool.submit(() -> analyzer.analyze(w))).toList();
          for (int i = 0; i < wavs.size(); i++) {
            assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Map<String, String> describe(Map<String, NodeInfo> nodes) {
    Map<String, String> out = new LinkedHashMap<>();
    nodes.forEach(
        (name, node) -> {
          TensorInfo info = (TensorInfo) node.getInfo();
          out.put(name, info.type + " " + java.util.Arrays.toString(info.getShape()));
        });
    return out;
  }
}
