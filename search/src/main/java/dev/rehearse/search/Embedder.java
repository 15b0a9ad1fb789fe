package dev.rehearse.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * 384-dimension sentence embeddings from all-MiniLM-L6-v2 (quantized), computed in-process: the
 * model and its native runtime ship in the jar, nothing is downloaded. Vectors are L2-normalised.
 * Loading takes about a second and ~100 MB; share one ({@link #shared()}).
 */
public final class Embedder {

  public static final int DIMENSIONS = 384;

  /** The model the vectors come from: vectors of different models are not comparable. */
  public static final String MODEL = "all-MiniLM-L6-v2-q";

  private static Embedder shared;

  private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

  /** One model per JVM, shared by every caller: it is thread-safe and loading it is costly. */
  public static synchronized Embedder shared() {
    if (shared == null) {
      shared = new Embedder();
    }
    return shared;
  }

  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }
}
