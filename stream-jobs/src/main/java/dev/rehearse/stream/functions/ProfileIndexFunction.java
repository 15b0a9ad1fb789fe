package dev.rehearse.stream.functions;

import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.research.CompanyResearch;
import dev.rehearse.search.Embedder;
import dev.rehearse.search.IndexWrite;
import dev.rehearse.search.ProfileChunkWrites;
import dev.rehearse.search.ProfileProjections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns each profile change (keyed by user) into its index writes: the {@code profiles} document
 * and the embedded {@code profile-chunks}. Keeps the user's chunk count, so a shorter revision
 * deletes the chunks it no longer has and an erasure deletes them all, then forgets the user.
 *
 * <p>With research on, it also decides when the user's target company is researched: a profile that
 * names a company is researched when {@link CompanyResearch#needsRefresh} says so against what was
 * last asked for the user (another company or role, or older than the TTL), and a profile that no
 * longer names one, or its erasure, drops the research. Each decision leaves on the {@link
 * #RESEARCH} side output for the asynchronous research step; nothing here waits for it.
 *
 * <p>What was last asked is kept in this operator's keyed state, not read back from the stored
 * research chunks: the decision is then made without a round trip to Elasticsearch on every profile
 * change, and without racing the research writes still on their way to the index (a change that
 * follows a research within the index's refresh interval would otherwise ask again). The state is
 * checkpointed with the job; a job started without it researches each user once more at their next
 * change, which costs one search and changes no answer.
 */
public final class ProfileIndexFunction
    extends KeyedProcessFunction<String, ProfileChange, ProfileIndexFunction.Writes> {

  private static final long serialVersionUID = 1L;

  /** The research tasks the profile changes give. */
  public static final OutputTag<ResearchTask> RESEARCH =
      new OutputTag<>("research", TypeInformation.of(ResearchTask.class));

  /** The writes of one change, applied in order. */
  public record Writes(List<IndexWrite> writes) {}

  /**
   * The research last asked for a user.
   *
   * @param atMillis when, in processing time
   * @param seq the task's {@link ResearchTask#seq}
   */
  public record Asked(String company, String role, long atMillis, long seq) {}

  /** How long research stays fresh; {@code null} when research is off. */
  private final Duration researchTtl;

  private transient Embedder embedder;
  private transient ValueState<Integer> chunks;
  private transient ValueState<Asked> asked;

  /** Profiles indexed without research. */
  public ProfileIndexFunction() {
    this(Optional.empty());
  }

  /**
   * @param researchTtl how long research stays fresh; empty when no provider is configured
   */
  public ProfileIndexFunction(Optional<Duration> researchTtl) {
    this.researchTtl = researchTtl.orElse(null);
  }

  @Override
  public void open(OpenContext context) {
    embedder = Embedder.shared();
    chunks = getRuntimeContext().getState(new ValueStateDescriptor<>("chunks", Types.INT));
    if (researchTtl != null) {
      asked =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>("research-asked", TypeInformation.of(Asked.class)));
    }
  }

  @Override
  public void processElement(ProfileChange change, Context ctx, Collector<Writes> out)
      throws Exception {
    Integer before = chunks.value();
    ProfileChunkWrites.Result result =
        ProfileChunkWrites.of(
            change.userId(),
            change.record(),
            // without a count (first change since this state began), cover every possible chunk
            before == null ? dev.rehearse.search.ProfileChunks.MAX_CHUNKS : before,
            embedder::embed);
    List<IndexWrite> writes =
        new ArrayList<>(ProfileProjections.of(change.userId(), change.record()));
    writes.addAll(result.writes());
    out.collect(new Writes(writes));
    if (change.erased()) {
      chunks.clear();
    } else {
      chunks.update(result.chunks());
    }
    if (researchTtl != null) {
      research(change, ctx);
    }
  }

  /** Asks for research, or for its removal, when the change calls for it. */
  private void research(ProfileChange change, Context ctx) throws Exception {
    Asked before = asked.value();
    long now = ctx.timerService().currentProcessingTime();
    long seq = before == null ? now : Math.max(now, before.seq() + 1);
    String revision = change.record().map(ProfileRecord::revision).orElse("");
    Optional<Profile> profile = change.record().map(ProfileRecord::profile);
    Optional<String> company =
        profile.flatMap(Profile::company).map(String::strip).filter(c -> !c.isEmpty());
    if (company.isEmpty()) {
      if (before != null) {
        ctx.output(RESEARCH, ResearchTask.clear(change.userId(), revision, seq));
        asked.clear();
      }
      return;
    }
    String role = profile.get().targetRole();
    Optional<CompanyResearch.Research> previous =
        Optional.ofNullable(before)
            .map(
                a ->
                    new CompanyResearch.Research(
                        a.company(), a.role(), Instant.ofEpochMilli(a.atMillis()), List.of()));
    if (!CompanyResearch.needsRefresh(
        previous, company.get(), role, Instant.ofEpochMilli(now), researchTtl)) {
      return;
    }
    ctx.output(
        RESEARCH,
        new ResearchTask(change.userId(), revision, seq, company, role, profile.get().seniority()));
    asked.update(new Asked(company.get(), role, now, seq));
  }
}
