package dev.rehearse.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.search.Embedder;
import dev.rehearse.search.ProfileChunks;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The embedding rate of profile chunks on two threads, the ceiling of a reindex that embeds every
 * chunk, against ONNX Runtime alone on the same chunks in the same run: the model's session with
 * its default options, fed the chunks already tokenized (no tokenizer, no pooling). Also the
 * langchain4j model the embedder replaced, for before and after. Each is run in turn, ROUNDS times;
 * the medians are reported, with the CPU seconds the process spent per 1,000 chunks (on a busy
 * machine wall time varies more than CPU time).
 *
 * <p>Usage: {@code EmbeddingBench [PROFILES] [ROUNDS]} (default 300 3), or from {@link BatchBench}.
 */
public final class EmbeddingBench {

  private static final int THREADS = 2;

  private EmbeddingBench() {}

  public static void main(String[] args) throws Exception {
    report(
        args.length > 0 ? Integer.parseInt(args[0]) : 300,
        args.length > 1 ? Integer.parseInt(args[1]) : 3);
  }

  /** Embeds the chunks of {@code profiles} synthetic profiles each way and prints the rates. */
  static void report(int profiles, int rounds) throws Exception {
    List<String> chunks = new ArrayList<>();
    for (Profile profile : BatchBench.syntheticProfiles(profiles)) {
      ProfileChunks.of(profile).forEach(c -> chunks.add(c.text()));
    }
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    OrtSession defaults;
    OrtSession oneThread;
    HuggingFaceTokenizer tokenizer;
    try (InputStream model = resource("/all-minilm-l6-v2-q.onnx");
        InputStream vocabulary = resource("/all-minilm-l6-v2-q-tokenizer.json");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      byte[] bytes = model.readAllBytes();
      defaults = environment.createSession(bytes);
      options.setIntraOpNumThreads(1);
      oneThread = environment.createSession(bytes, options);
      tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
    }
    List<Encoding> encodings = chunks.stream().map(tokenizer::encode).toList();
    long tokens = encodings.stream().mapToLong(e -> e.getIds().length).sum();
    Embedder embedder = Embedder.shared();
    EmbeddingModel langchain4j = new AllMiniLmL6V2QuantizedEmbeddingModel();

    Map<String, IntConsumer> ways = new LinkedHashMap<>();
    ways.put(
        "baseline: ONNX Runtime alone, default options",
        i -> runAlone(environment, defaults, encodings.get(i)));
    ways.put(
        "ONNX Runtime alone, one thread per run",
        i -> runAlone(environment, oneThread, encodings.get(i)));
    ways.put("embedder (tokenize, run, pool)", i -> embedder.embed(chunks.get(i)));
    ways.put("before: langchain4j's model", i -> langchain4j.embed(chunks.get(i)));
    for (IntConsumer way : ways.values()) {
      onThreads(Math.min(50, chunks.size()), way); // warm up
    }
    Map<String, List<double[]>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, IntConsumer> way : ways.entrySet()) {
        runs.computeIfAbsent(way.getKey(), k -> new ArrayList<>())
            .add(onThreads(chunks.size(), way.getValue()));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nembedding: %,d chunks of %,d profiles (%.0f word pieces each on average), %d threads,"
            + " median of %d rounds%n"
            + "                                         chunks/s  cores used  CPU ms/chunk"
            + "  chunks/s on 2 free cores%n",
        chunks.size(),
        profiles,
        (double) tokens / chunks.size(),
        THREADS,
        rounds);
    double baseline = 0;
    for (Map.Entry<String, List<double[]>> way : runs.entrySet()) {
      double wall = median(way.getValue(), 0);
      double cpu = median(way.getValue(), 1);
      double rate = chunks.size() / wall;
      double capacity = THREADS * chunks.size() / cpu;
      if (baseline == 0) {
        baseline = capacity;
      }
      System.out.printf(
          Locale.ROOT,
          "%-40s %8.0f  %10.2f  %12.2f  %8.0f (%.2fx the baseline)%n",
          way.getKey(),
          rate,
          cpu / wall,
          cpu * 1000 / chunks.size(),
          capacity,
          capacity / baseline);
    }
    System.out.println(
        "(chunks/s is what this run got of the machine; on 2 free cores each thread has a core of"
            + " its own: 2 / CPU seconds per chunk)");
  }

  /** One chunk through the bare session: already tokenized, the output left unread. */
  private static void runAlone(OrtEnvironment environment, OrtSession session, Encoding e) {
    long[] shape = {1, e.getIds().length};
    try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(e.getIds()), shape);
        OnnxTensor mask =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(e.getAttentionMask()), shape);
        OnnxTensor types =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(e.getTypeIds()), shape);
        OrtSession.Result result =
            session.run(
                Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
      result.get(0);
    } catch (ai.onnxruntime.OrtException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Runs {@code each} over {@code count} items on {@link #THREADS}: wall and CPU seconds. */
  private static double[] onThreads(int count, IntConsumer each) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  each.accept(i);
                }
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    return new double[] {BatchBench.seconds(start), (os.getProcessCpuTime() - cpu) / 1e9};
  }

  private static double median(List<double[]> runs, int field) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(r[field]));
    Collections.sort(values);
    return values.get(values.size() / 2);
  }

  private static InputStream resource(String name) {
    return EmbeddingBench.class.getResourceAsStream(name);
  }
}
