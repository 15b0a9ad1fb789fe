package dev.rehearse.stream;

import dev.rehearse.research.ResearchSettings;
import dev.rehearse.stream.functions.CompanyResearchFunction;
import dev.rehearse.stream.functions.ProfileChange;
import dev.rehearse.stream.functions.ProfileIndexFunction;
import dev.rehearse.stream.functions.ResearchIndexFunction;
import dev.rehearse.stream.functions.ResearchOutcome;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The profile indexing job: every revision of a profile replaces its {@code profiles} document and
 * its embedded {@code profile-chunks}; an erasure (tombstone) removes them. Sources and sinks are
 * injected, as in {@link InterviewJob}.
 *
 * <p>With a research provider configured, a profile that names a company also gets research on it:
 * the indexing step asks for it when needed, an async I/O step runs it ({@link
 * CompanyResearchFunction}, unordered, bounded in time and in requests in flight), and its snippets
 * become the user's {@code research} chunks ({@link ResearchIndexFunction}). The profile's own
 * writes never wait for it. Without a provider the job has no research operators at all.
 */
public final class ProfileIndexJob {

  /** Researches in flight at once; more wait, holding back only the research behind them. */
  static final int RESEARCH_CAPACITY = 4;

  private final Source<ProfileChange, ?, ?> profiles;
  private final Sink<ProfileIndexFunction.Writes> index;
  private final Optional<ResearchSettings> research;

  /** The job without research. */
  public ProfileIndexJob(
      Source<ProfileChange, ?, ?> profiles, Sink<ProfileIndexFunction.Writes> index) {
    this(profiles, index, Optional.empty());
  }

  /**
   * @param research the research settings, read at the entry point; without a provider configured
   *     research is off
   */
  public ProfileIndexJob(
      Source<ProfileChange, ?, ?> profiles,
      Sink<ProfileIndexFunction.Writes> index,
      Optional<ResearchSettings> research) {
    this.profiles = profiles;
    this.index = index;
    this.research = research.filter(r -> !r.providers().isEmpty());
  }

  /** Adds the job's pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<ProfileIndexFunction.Writes> indexed =
        env.fromSource(profiles, WatermarkStrategy.noWatermarks(), "profiles")
            .uid("profiles")
            .name("profiles")
            // one user's changes stay in order: the topic is keyed by user
            .keyBy(ProfileChange::userId)
            .process(new ProfileIndexFunction(research.map(ResearchSettings::ttl)))
            .uid("profile-index")
            .name("chunk-and-embed");
    DataStream<ProfileIndexFunction.Writes> writes = indexed;
    if (research.isPresent()) {
      DataStream<ResearchOutcome> outcomes =
          AsyncDataStream.unorderedWait(
                  indexed.getSideOutput(ProfileIndexFunction.RESEARCH),
                  new CompanyResearchFunction(research.get()),
                  CompanyResearchFunction.timeout(research.get()).toMillis(),
                  TimeUnit.MILLISECONDS,
                  RESEARCH_CAPACITY)
              .uid("company-research")
              .name("company-research");
      writes =
          indexed.union(
              outcomes
                  .keyBy(ResearchOutcome::userId)
                  .process(new ResearchIndexFunction())
                  .uid("research-index")
                  .name("embed-research"));
    }
    writes.sinkTo(index).uid("es-profiles").name("es-profiles");
  }
}
