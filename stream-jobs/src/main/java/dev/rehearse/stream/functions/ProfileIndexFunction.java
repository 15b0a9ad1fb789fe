package dev.rehearse.stream.functions;

import dev.rehearse.search.Embedder;
import dev.rehearse.search.IndexWrite;
import dev.rehearse.search.ProfileChunkWrites;
import dev.rehearse.search.ProfileProjections;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each profile change (keyed by user) into its index writes: the {@code profiles} document
 * and the embedded {@code profile-chunks}. Keeps the user's chunk count, so a shorter revision
 * deletes the chunks it no longer has and an erasure deletes them all, then forgets the user.
 */
public final class ProfileIndexFunction
    extends KeyedProcessFunction<String, ProfileChange, ProfileIndexFunction.Writes> {

  private static final long serialVersionUID = 1L;

  /** The writes of one change, applied in order. */
  public record Writes(List<IndexWrite> writes) {}

  private transient Embedder embedder;
  private transient ValueState<Integer> chunks;

  @Override
  public void open(OpenContext context) {
    embedder = Embedder.shared();
    chunks = getRuntimeContext().getState(new ValueStateDescriptor<>("chunks", Types.INT));
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
  }
}
