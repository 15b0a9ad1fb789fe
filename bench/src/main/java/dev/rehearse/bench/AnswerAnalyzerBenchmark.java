package dev.rehearse.bench;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.assessment.AnswerScorer;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.WordTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Answers analysed per second on one core, for 150-word answers with word timings, against a
 * baseline measured in the same run: counting the words and the pace only (split on whitespace,
 * span from the timings) — the least any analysis does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
@Threads(1)
public class AnswerAnalyzerBenchmark {

  private static final String[] VOCABULARY =
      ("i we the a our team service database queue cache latency users deploy release migrated built "
              + "decided added wrote fixed measured reduced improved because so that then and but with for "
              + "um uh like you know basically maybe i think sort of kind of really very not good great bad "
              + "problem result percent as a result in my last role i was responsible the goal was finally "
              + "traffic shard replica index schema test pipeline monitoring alert incident customer feedback")
          .split(" ");

  private final AnswerAnalyzer analyzer = new AnswerAnalyzer();
  private final AnswerScorer scorer = AnswerScorer.builtIn();
  private final List<AnalysisRequest> answers = new ArrayList<>();
  private final List<AnswerMetrics> metrics = new ArrayList<>();
  private int next;

  @Setup
  public void generate() {
    Random random = new Random(42);
    for (int n = 0; n < 256; n++) {
      StringBuilder text = new StringBuilder();
      List<WordTiming> timings = new ArrayList<>();
      long t = 0;
      for (int i = 0; i < 150; i++) {
        String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
        text.append(word);
        text.append(random.nextInt(12) == 0 ? ". " : random.nextInt(10) == 0 ? ", " : " ");
        long length = 150 + random.nextInt(250);
        timings.add(new WordTiming(word, t, t + length));
        t += length + (random.nextInt(15) == 0 ? 400 + random.nextInt(1500) : random.nextInt(120));
      }
      Answer answer =
          new Answer(
              text.toString(),
              Optional.of(t),
              timings,
              Optional.empty(),
              Optional.of(0L),
              Optional.of(1_500L));
      answers.add(new AnalysisRequest(Optional.of("Tell me about a project."), answer, "en"));
      metrics.add(analyzer.analyze(answers.get(n)));
    }
  }

  private AnalysisRequest nextAnswer() {
    AnalysisRequest a = answers.get(next);
    next = (next + 1) & 255;
    return a;
  }

  /** The full analysis: every metric of {@link AnswerMetrics}. */
  @Benchmark
  public AnswerMetrics analyze() {
    return analyzer.analyze(nextAnswer());
  }

  /**
   * The offline dimension scores of an analysed answer (a technical bank question, with key points
   * and misconceptions): what the interview job adds per answer as it writes the lake row.
   */
  @Benchmark
  public Map<Dimension, Double> scoreDimensions() {
    int i = next;
    AnalysisRequest a = nextAnswer();
    return scorer.score(
        "tech-001",
        Optional.of(InterviewType.TECHNICAL),
        "Walk me through how you would debug a service whose latency suddenly doubled.",
        a.answer().text(),
        metrics.get(i));
  }

  /** Baseline: word count and pace only. */
  @Benchmark
  public double baselineWordCountAndPace() {
    AnalysisRequest a = nextAnswer();
    int words = a.answer().text().split("\\s+").length;
    List<WordTiming> timings = a.answer().words();
    long span = timings.get(timings.size() - 1).endMs() - timings.get(0).startMs();
    return words * 60_000.0 / span;
  }
}
