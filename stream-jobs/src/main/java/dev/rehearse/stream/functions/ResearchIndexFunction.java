package dev.rehearse.stream.functions;

import dev.rehearse.core.interview.ResearchNote;
import dev.rehearse.search.Embedder;
import dev.rehearse.search.ProfileChunkWrites;
import dev.rehearse.search.ProfileChunks;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the research step's outcomes (keyed by user) into the user's {@code research} chunks: the
 * snippets found replace the user's research, embedded like the rest of the profile; a task that
 * drops the research deletes it. The research step answers out of order, so an outcome of a task
 * older than one already seen for the user is stale and ignored (an erasure is never undone by a
 * research that was still running). Nothing found keeps the research there is when it is for the
 * same company and role, and deletes it otherwise.
 */
public final class ResearchIndexFunction
    extends KeyedProcessFunction<String, ResearchOutcome, ProfileIndexFunction.Writes> {

  private static final long serialVersionUID = 1L;

  /**
   * How long the latest task number of a user is kept after its last task: far longer than a
   * research may run, so a stale outcome always finds it.
   */
  static final Duration LATEST_KEPT = Duration.ofDays(1);

  /** The user's research in the index: for which company and role, and how many chunks. */
  public record Stored(String company, String role, int chunks) {}

  private transient Embedder embedder;
  private transient ValueState<Long> latest;
  private transient ValueState<Stored> stored;

  @Override
  public void open(OpenContext context) {
    embedder = Embedder.shared();
    ValueStateDescriptor<Long> latestDescriptor = new ValueStateDescriptor<>("latest", Types.LONG);
    latestDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(LATEST_KEPT).build());
    latest = getRuntimeContext().getState(latestDescriptor);
    stored =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("stored", TypeInformation.of(Stored.class)));
  }

  @Override
  public void processElement(
      ResearchOutcome outcome, Context ctx, Collector<ProfileIndexFunction.Writes> out)
      throws Exception {
    ResearchTask task = outcome.task();
    Long seen = latest.value();
    if (seen != null && task.seq() < seen) {
      return;
    }
    latest.update(task.seq());
    Stored before = stored.value();
    // without a record of what is there (first outcome since this state began), cover every id
    int previous = before == null ? ProfileChunks.MAX_RESEARCH : before.chunks();
    if (task.company().isEmpty()) {
      out.collect(writes(task, List.of(), previous));
      stored.clear();
      return;
    }
    String company = task.company().get();
    if (outcome.notes().isEmpty()
        && before != null
        && same(before.company(), company)
        && same(before.role(), task.role())) {
      return;
    }
    out.collect(writes(task, outcome.notes(), previous));
    stored.update(
        new Stored(
            company, task.role(), Math.min(outcome.notes().size(), ProfileChunks.MAX_RESEARCH)));
  }

  private ProfileIndexFunction.Writes writes(
      ResearchTask task, List<ResearchNote> notes, int previous) {
    return new ProfileIndexFunction.Writes(
        ProfileChunkWrites.research(
                task.userId(), task.revision(), notes, previous, embedder::embed)
            .writes());
  }

  private static boolean same(String a, String b) {
    return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
  }
}
