package dev.rehearse.search;

import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.search.documents.ProfileChunkDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code profile-chunks} writes of one profile change: each chunk of the new revision replaces
 * chunk {@code n} of the user, and chunks the previous revision had beyond the new count are
 * deleted; an erasure deletes them all. Pure but for {@code embed}.
 */
public final class ProfileChunkWrites {

  private ProfileChunkWrites() {}

  /** The document id of a user's chunk {@code n}. */
  public static String id(String userId, int n) {
    return userId + ":" + n;
  }

  /**
   * @param previousChunks how many chunks the user has now (the deletes cover those)
   * @return the writes, and the number of chunks the user has after them
   */
  public static Result of(
      String userId,
      Optional<ProfileRecord> record,
      int previousChunks,
      Function<String, float[]> embed) {
    List<IndexWrite> writes = new ArrayList<>();
    List<ProfileChunks.Chunk> chunks =
        record.map(r -> ProfileChunks.of(r.profile())).orElse(List.of());
    for (int n = 0; n < chunks.size(); n++) {
      ProfileChunks.Chunk chunk = chunks.get(n);
      ProfileChunkDocument doc =
          new ProfileChunkDocument(
              userId,
              n,
              chunk.section(),
              chunk.text(),
              record.get().revision(),
              embed.apply(chunk.text()));
      writes.add(new Replace(Indices.PROFILE_CHUNKS.alias(), id(userId, n), doc));
    }
    for (int n = chunks.size(); n < previousChunks; n++) {
      writes.add(new Delete(Indices.PROFILE_CHUNKS.alias(), id(userId, n)));
    }
    return new Result(writes, chunks.size());
  }

  /** The writes and the user's chunk count after them. */
  public record Result(List<IndexWrite> writes, int chunks) {}
}
