package dev.rehearse.stream.functions;

import dev.rehearse.core.interview.ResearchNote;
import dev.rehearse.research.CompanyResearch;
import dev.rehearse.research.ResearchSettings;
import dev.rehearse.research.SearchClient;
import dev.rehearse.search.ProfileChunks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile job's research step, through Flink async I/O: runs {@link CompanyResearch} for each
 * task on a small pool of its own, so a slow provider never holds up the profiles behind it. A
 * research that fails or times out answers with no snippets: the profile stays indexed, without
 * (new) research. A task that drops the research is answered at once. Flink metrics count the
 * providers' finds and failures and the step's timeouts.
 */
public final class CompanyResearchFunction
    extends RichAsyncFunction<ResearchTask, ResearchOutcome> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CompanyResearchFunction.class);

  /** Researches run at once; the operator's capacity bounds how many wait. */
  static final int THREADS = 2;

  private final ResearchSettings settings;
  private transient CompanyResearch research;
  private transient ExecutorService pool;
  private transient CompanyResearch.Listener listener;
  private transient Counter timeouts;

  public CompanyResearchFunction(ResearchSettings settings) {
    this.settings = settings;
  }

  /**
   * The longest one research may take before the step gives up on it: per provider, two requests of
   * the configured timeout and the retry's wait (at most 2 s), and a second to spare.
   */
  public static Duration timeout(ResearchSettings settings) {
    return settings
        .timeout()
        .multipliedBy(2)
        .plusSeconds(2)
        .multipliedBy(Math.max(1, settings.providers().size()))
        .plusSeconds(1);
  }

  @Override
  public void open(OpenContext context) {
    research = CompanyResearch.of(settings);
    pool =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "company-research");
              t.setDaemon(true);
              return t;
            });
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("research");
    Counter found = metrics.counter("found");
    Counter failed = metrics.counter("failures");
    timeouts = metrics.counter("timeouts");
    listener =
        new CompanyResearch.Listener() {
          @Override
          public void found(String provider, int snippets) {
            if (snippets > 0) {
              found.inc();
            }
          }

          @Override
          public void failed(String provider, SearchClient.Failed failure) {
            failed.inc();
            LOG.warn("research: {} failed: {}", provider, failure.reason());
          }
        };
  }

  @Override
  public void asyncInvoke(ResearchTask task, ResultFuture<ResearchOutcome> result) {
    if (task.company().isEmpty()) {
      result.complete(List.of(new ResearchOutcome(task, List.of())));
      return;
    }
    CompanyResearch.Request request =
        new CompanyResearch.Request(task.company().get(), task.role(), task.seniority());
    try {
      research
          .researchAsync(request, listener, pool)
          .whenComplete(
              (done, error) -> {
                if (error != null) {
                  LOG.warn("research for user {} failed: {}", task.userId(), error.toString());
                }
                result.complete(
                    List.of(new ResearchOutcome(task, error == null ? notes(done) : List.of())));
              });
    } catch (RejectedExecutionException e) {
      result.complete(List.of(new ResearchOutcome(task, List.of())));
    }
  }

  @Override
  public void timeout(ResearchTask task, ResultFuture<ResearchOutcome> result) {
    timeouts.inc();
    LOG.warn("research for user {} timed out", task.userId());
    result.complete(List.of(new ResearchOutcome(task, List.of())));
  }

  /** The research's snippets as the notes stored with the profile. */
  static List<ResearchNote> notes(CompanyResearch.Research research) {
    return research.snippets().stream()
        .limit(ProfileChunks.MAX_RESEARCH)
        .map(
            s ->
                new ResearchNote(
                    research.company(), s.text(), s.url(), s.provider(), s.retrievedAt()))
        .toList();
  }

  @Override
  public void close() throws Exception {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
