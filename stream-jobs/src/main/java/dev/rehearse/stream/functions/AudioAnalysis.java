package dev.rehearse.stream.functions;

import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.stream.functions.SpokenAnswerTranscriber.Transcript;
import dev.rehearse.voice.AudioAnalyzer;
import dev.rehearse.voice.AudioDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures spoken answers off the task thread: for an answer whose {@code audioRef} is the key the
 * API stored its WAV under ({@code raw/audio/…}), reads the file from the lake, runs the {@link
 * AudioAnalyzer} (voice activity, pauses, pitch, loudness, syllable rate), then the {@link
 * SpokenAnswerTranscriber}. The answer goes on to the state machine with the audio's metrics and,
 * when the transcriber heard words, with them as its text and timings.
 *
 * <p>Nothing is lost: a command that is not a spoken answer passes at once; an answer whose audio
 * cannot be read or analysed, or whose analysis outlasts the step's timeout (set below the API's
 * reply timeout), passes unchanged and is analysed as text without audio metrics (logged and
 * counted). Only the API's own key of the command's user, session and command is read, so an answer
 * cannot name another user's audio.
 *
 * <p>The lake's file system and the analyzer (it holds the Silero VAD session) are made once per
 * task in {@link #open} and released in {@link #close}; the analyses run on a pool of {@code
 * threads} threads, the step's capacity bounding what waits.
 */
public final class AudioAnalysis extends RichAsyncFunction<Enriched, Enriched> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AudioAnalysis.class);

  private final String lakeRoot;
  private final SpokenAnswerTranscriber transcriber;
  private final int threads;
  private final long budgetMillis;

  private transient FileSystem lake;
  private transient AudioAnalyzer analyzer;
  private transient ExecutorService pool;
  private transient ExecutorService transcriptions;
  private transient Counter analysed;
  private transient Counter timeouts;
  private transient Counter failures;
  private transient AtomicLong lastMillis;

  /**
   * @param lakeRoot the lake bucket as a Flink file system URI, e.g. {@code s3://rehearse-lake}
   * @param transcriber speech recognition, or {@link SpokenAnswerTranscriber#NONE}
   * @param threads how many analyses run at once (one core each)
   * @param budget how long one answer's analysis and transcription may take together, set a little
   *     under the step's timeout: a transcriber still busy when it is spent is given up on, and the
   *     answer goes on with its audio metrics but no transcript
   */
  public AudioAnalysis(
      String lakeRoot,
      SpokenAnswerTranscriber transcriber,
      int threads,
      java.time.Duration budget) {
    this.lakeRoot = lakeRoot.endsWith("/") ? lakeRoot : lakeRoot + "/";
    this.transcriber = transcriber;
    this.threads = threads;
    this.budgetMillis = budget.toMillis();
  }

  @Override
  public void open(OpenContext context) throws IOException {
    lake = new Path(lakeRoot).getFileSystem();
    analyzer = AudioAnalyzer.create();
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "audio-analysis");
              t.setDaemon(true);
              return t;
            });
    transcriptions =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "audio-transcription");
              t.setDaemon(true);
              return t;
            });
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("audio");
    analysed = metrics.counter("analysed");
    timeouts = metrics.counter("timeouts");
    failures = metrics.counter("failures");
    AtomicLong lastMillis = new AtomicLong();
    metrics.gauge("lastAnalysisMillis", (Gauge<Long>) lastMillis::get);
    this.lastMillis = lastMillis;
  }

  @Override
  public void asyncInvoke(Enriched input, ResultFuture<Enriched> result) {
    Optional<String> key = spokenKey(input);
    if (key.isEmpty()) {
      result.complete(List.of(input));
      return;
    }
    CompletableFuture.supplyAsync(() -> analyse(input, key.get()), pool)
        .whenComplete(
            (spoken, error) -> {
              if (error != null) {
                failures.inc();
                LOG.warn(
                    "the audio of answer {} of session {} was not analysed ({}); it is analysed"
                        + " as text without audio metrics",
                    input.command().commandId(),
                    input.command().sessionId(),
                    error.toString());
                result.complete(List.of(input));
              } else {
                analysed.inc();
                result.complete(List.of(spoken));
              }
            });
  }

  @Override
  public void timeout(Enriched input, ResultFuture<Enriched> result) {
    timeouts.inc();
    LOG.warn(
        "the audio analysis of answer {} of session {} timed out; it is analysed as text without"
            + " audio metrics",
        input.command().commandId(),
        input.command().sessionId());
    result.complete(List.of(input));
  }

  /** The lake key of a spoken answer: the API's key for this user, session and command. */
  static Optional<String> spokenKey(Enriched input) {
    if (!(input.command() instanceof SubmitAnswer answer)) {
      return Optional.empty();
    }
    String expected =
        LakeDatasets.audioKey(answer.userId(), answer.sessionId(), answer.commandId());
    Optional<String> ref = answer.answer().audioRef();
    if (ref.isPresent() && !ref.get().equals(expected)) {
      LOG.warn(
          "answer {} of session {} names audio that is not the API's key for it; not read",
          answer.commandId(),
          answer.sessionId());
    }
    return ref.filter(expected::equals);
  }

  private Enriched analyse(Enriched input, String key) {
    long started = System.nanoTime();
    byte[] wav = read(key);
    AudioMetrics audio = analyzer.analyze(wav);
    SubmitAnswer command = (SubmitAnswer) input.command();
    Optional<Transcript> heard = transcribe(command, wav, started);
    lastMillis.set((System.nanoTime() - started) / 1_000_000);
    return input.spoken(heard.map(t -> transcribed(command, t)).orElse(command), audio);
  }

  /**
   * What the transcriber heard within what is left of the budget since {@code started}; nothing
   * when it fails or is still busy then, so a failing or slow recogniser costs the answer its
   * transcript, never its audio metrics.
   */
  private Optional<Transcript> transcribe(SubmitAnswer command, byte[] wav, long started) {
    java.util.concurrent.Future<Optional<Transcript>> heard =
        transcriptions.submit(() -> transcriber.transcribe(wav));
    long left = budgetMillis - (System.nanoTime() - started) / 1_000_000;
    try {
      return heard.get(Math.max(0, left), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      heard.cancel(true);
      timeouts.inc();
      LOG.warn(
          "answer {} of session {} was not transcribed within the reply's budget ({} ms)",
          command.commandId(),
          command.sessionId(),
          budgetMillis);
    } catch (java.util.concurrent.ExecutionException e) {
      failures.inc();
      LOG.warn(
          "answer {} of session {} was not transcribed: {}",
          command.commandId(),
          command.sessionId(),
          e.getCause().toString());
    } catch (InterruptedException e) {
      heard.cancel(true);
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private byte[] read(String key) {
    try (InputStream in = lake.open(new Path(lakeRoot + key))) {
      byte[] wav = in.readNBytes(AudioDecoder.MAX_BYTES + 1);
      if (wav.length > AudioDecoder.MAX_BYTES) {
        throw new IllegalStateException(key + " is larger than the API accepts");
      }
      return wav;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + key, e);
    }
  }

  /** The answer with what the transcriber heard as its text and word timings. */
  static SubmitAnswer transcribed(SubmitAnswer command, Transcript transcript) {
    Answer a = command.answer();
    Answer heard =
        new Answer(
            transcript.text(),
            a.durationMs(),
            transcript.words(),
            a.audioRef(),
            a.questionAskedAtMs(),
            a.answerStartedAtMs());
    return new SubmitAnswer(
        command.schemaVersion(),
        command.commandId(),
        command.sessionId(),
        command.userId(),
        heard,
        command.at());
  }

  @Override
  public void close() throws Exception {
    if (transcriptions != null) {
      transcriptions.shutdownNow();
    }
    if (pool != null) {
      pool.shutdownNow();
      // the analyzer's ONNX session must outlive the analyses still running
      if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.warn("audio analyses still running at close; the analyzer is left to the JVM");
        return;
      }
    }
    if (analyzer != null) {
      analyzer.close();
    }
  }
}
