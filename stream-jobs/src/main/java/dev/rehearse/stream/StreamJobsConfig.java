package dev.rehearse.stream;

import dev.rehearse.core.config.Connections;
import dev.rehearse.core.config.LlmSettings;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.research.ResearchSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the stream jobs, read once at the entry point from {@code REHEARSE_*}
 * environment variables; every setting has a default that matches the local stack.
 *
 * @param connections Kafka, Elasticsearch and the lake ({@link Connections})
 * @param checkpointDir {@code REHEARSE_CHECKPOINT_DIR}, a Flink file system URI
 * @param checkpointInterval {@code REHEARSE_CHECKPOINT_INTERVAL_MS}, default 10 s: lake files
 *     become visible at each checkpoint
 * @param idleTimeout {@code REHEARSE_SESSION_IDLE_TIMEOUT_MS}, default 2 h
 * @param restPort {@code REHEARSE_FLINK_REST_PORT}, default 8081 (local cluster only)
 * @param bufferTimeout {@code REHEARSE_FLINK_BUFFER_TIMEOUT_MS}, default 0: how long a network
 *     buffer between operators may wait to fill (0 sends each record at once: the lowest latency at
 *     a light load, at a cost per record under a heavy one)
 * @param llms the LLM providers that plan interviews, in order ({@link LlmSettings#fromEnv}); none
 *     means the offline interviewer
 * @param telemetry the standard {@code OTEL_*} settings, where the spans of commands, their writes
 *     and LLM calls are exported ({@link Telemetry})
 * @param replyTimeout {@code REHEARSE_REPLY_TIMEOUT_MS}, default 5 s, the API's: how long a request
 *     waits for the interviewer; a spoken answer's analysis gets less ({@link #audioTimeout})
 * @param audioThreads {@code REHEARSE_AUDIO_THREADS}, default 2: spoken answers analysed at once
 *     per task
 * @param research the web-search providers that research a profile's target company ({@link
 *     ResearchSettings#fromEnv}); none means no research
 * @param cluster {@code REHEARSE_FLINK_CLUSTER}, default none: the REST address ({@code host:port})
 *     of a Flink session cluster the jobs are submitted to; none runs them on a local cluster in
 *     this JVM
 * @param jobJar {@code REHEARSE_FLINK_JOB_JAR}: the jobs' shaded jar, shipped to the cluster
 * @param localParallelism {@code REHEARSE_FLINK_PARALLELISM}, default 1: the jobs' parallelism on
 *     the local cluster in this JVM (a cluster's own setting applies there). At 1 the interview
 *     job's steps run in one task, handing each command on without serializing it ({@link
 *     InterviewJob#build})
 */
public record StreamJobsConfig(
    Connections connections,
    String checkpointDir,
    Duration checkpointInterval,
    Duration idleTimeout,
    int restPort,
    Duration bufferTimeout,
    List<LlmSettings> llms,
    Telemetry.Settings telemetry,
    Duration replyTimeout,
    int audioThreads,
    ResearchSettings research,
    String cluster,
    String jobJar,
    int localParallelism)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static StreamJobsConfig fromEnv(Map<String, String> env) {
    return new StreamJobsConfig(
        Connections.fromEnv(env),
        env.getOrDefault("REHEARSE_CHECKPOINT_DIR", "file:///tmp/rehearse-checkpoints"),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("REHEARSE_CHECKPOINT_INTERVAL_MS", "10000"))),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("REHEARSE_SESSION_IDLE_TIMEOUT_MS", "7200000"))),
        Integer.parseInt(env.getOrDefault("REHEARSE_FLINK_REST_PORT", "8081")),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("REHEARSE_FLINK_BUFFER_TIMEOUT_MS", "0"))),
        LlmSettings.fromEnv(env),
        Telemetry.Settings.fromEnv(env, "rehearse-stream-jobs"),
        Duration.ofMillis(Long.parseLong(env.getOrDefault("REHEARSE_REPLY_TIMEOUT_MS", "5000"))),
        Integer.parseInt(env.getOrDefault("REHEARSE_AUDIO_THREADS", "2")),
        ResearchSettings.fromEnv(env),
        env.getOrDefault("REHEARSE_FLINK_CLUSTER", ""),
        env.getOrDefault("REHEARSE_FLINK_JOB_JAR", "stream-jobs/target/rehearse-stream-jobs.jar"),
        positive(env, "REHEARSE_FLINK_PARALLELISM", 1));
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.getOrDefault(name, String.valueOf(fallback)).trim();
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number of at least 1, not " + value);
  }

  /** Whether the jobs are submitted to a session cluster rather than run in this JVM. */
  public boolean submitsToCluster() {
    return !cluster.isBlank();
  }

  /**
   * The longest a spoken answer's audio analysis may take: the reply timeout less a margin for the
   * hops before and after it (Kafka both ways, the state machine), 1 s or, for short reply
   * timeouts, half of it. Past it the answer is analysed as text, so the reply is never lost.
   */
  public Duration audioTimeout() {
    Duration margin = Duration.ofSeconds(1);
    Duration half = replyTimeout.dividedBy(2);
    return replyTimeout.minus(margin).compareTo(half) > 0 ? replyTimeout.minus(margin) : half;
  }

  /**
   * The longest an LLM may take to word a follow-up (each provider's call, and the step as a
   * whole): half the reply timeout, so that the answer's reply, follow-up included, is still
   * awaited. Past it the follow-up keeps the rules' wording.
   */
  public Duration followUpTimeout() {
    return replyTimeout.dividedBy(2);
  }

  /** The lake bucket as a Flink file system URI. */
  public String lakeRoot() {
    return "s3://" + connections.lakeBucket();
  }

  /**
   * The longest a start may take to be prepared: the profile lookup, then each LLM provider in
   * turn; past it, the interview starts with the offline interviewer.
   */
  public Duration prepareTimeout() {
    Duration llm = llms.stream().map(LlmSettings::timeout).reduce(Duration.ZERO, Duration::plus);
    return Duration.ofSeconds(2).plus(llm).plusSeconds(1);
  }

  /** Where the bronze answers dataset lives, as a Flink file system path. */
  public String bronzeAnswersPath() {
    return "s3://" + connections.lakeBucket() + "/" + LakeDatasets.BRONZE_ANSWERS.resolve();
  }
}
