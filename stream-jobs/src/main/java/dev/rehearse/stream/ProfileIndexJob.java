package dev.rehearse.stream;

import dev.rehearse.stream.functions.ProfileChange;
import dev.rehearse.stream.functions.ProfileIndexFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The profile indexing job: every revision of a profile replaces its {@code profiles} document and
 * its embedded {@code profile-chunks}; an erasure (tombstone) removes them. Sources and sinks are
 * injected, as in {@link InterviewJob}.
 */
public final class ProfileIndexJob {

  private final Source<ProfileChange, ?, ?> profiles;
  private final Sink<ProfileIndexFunction.Writes> index;

  public ProfileIndexJob(
      Source<ProfileChange, ?, ?> profiles, Sink<ProfileIndexFunction.Writes> index) {
    this.profiles = profiles;
    this.index = index;
  }

  /** Adds the job's pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    env.fromSource(profiles, WatermarkStrategy.noWatermarks(), "profiles")
        .uid("profiles")
        .name("profiles")
        // one user's changes stay in order: the topic is keyed by user
        .keyBy(ProfileChange::userId)
        .process(new ProfileIndexFunction())
        .uid("profile-index")
        .name("chunk-and-embed")
        .sinkTo(index)
        .uid("es-profiles")
        .name("es-profiles");
  }
}
