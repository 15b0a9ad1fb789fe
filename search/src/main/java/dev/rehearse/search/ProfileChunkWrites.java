package dev.rehearse.search;

import dev.rehearse.core.interview.ResearchNote;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.search.documents.ProfileChunkDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code profile-chunks} writes of one profile change: each chunk of the new revision replaces
 * chunk {@code n} of the user, and chunks the previous revision had beyond the new count are
 * deleted; an erasure deletes them all, research included. The research chunks of a user have ids
 * of their own ({@link #researchId}), so a new revision of the profile leaves them as they are.
 * Pure but for {@code embed}.
 */
public final class ProfileChunkWrites {

  private ProfileChunkWrites() {}

  /** The document id of a user's chunk {@code n}. */
  public static String id(String userId, int n) {
    return userId + ":" + n;
  }

  /** The document id of a user's research chunk {@code n}. */
  public static String researchId(String userId, int n) {
    return userId + ":" + ProfileChunks.RESEARCH + ":" + n;
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
    if (record.isEmpty()) {
      writes.addAll(research(userId, "", List.of(), ProfileChunks.MAX_RESEARCH, embed).writes());
    }
    return new Result(writes, chunks.size());
  }

  /**
   * The writes that make {@code notes} (at most {@link ProfileChunks#MAX_RESEARCH}) the user's
   * research: one chunk of the {@code research} section each, its text embedded like the rest, and
   * the chunks of earlier research beyond the new count deleted.
   *
   * @param revision the profile revision the research was done for
   * @param previousChunks how many research chunks the user has now (the deletes cover those)
   */
  public static Result research(
      String userId,
      String revision,
      List<ResearchNote> notes,
      int previousChunks,
      Function<String, float[]> embed) {
    List<IndexWrite> writes = new ArrayList<>();
    int count = Math.min(notes.size(), ProfileChunks.MAX_RESEARCH);
    for (int n = 0; n < count; n++) {
      ResearchNote note = notes.get(n);
      writes.add(
          new Replace(
              Indices.PROFILE_CHUNKS.alias(),
              researchId(userId, n),
              new ProfileChunkDocument(
                  userId,
                  n,
                  ProfileChunks.RESEARCH,
                  note.text(),
                  revision,
                  embed.apply(note.text()),
                  Optional.of(note.company()),
                  Optional.of(note.url()),
                  Optional.of(note.provider()),
                  Optional.of(note.retrievedAt()))));
    }
    for (int n = count; n < Math.min(previousChunks, ProfileChunks.MAX_RESEARCH); n++) {
      writes.add(new Delete(Indices.PROFILE_CHUNKS.alias(), researchId(userId, n)));
    }
    return new Result(writes, count);
  }

  /** A stored research chunk as the note it holds; empty when it is not a complete one. */
  public static Optional<ResearchNote> note(ProfileChunkDocument doc) {
    if (!ProfileChunks.RESEARCH.equals(doc.section())
        || doc.text() == null
        || doc.company().isEmpty()
        || doc.sourceUrl().isEmpty()
        || doc.provider().isEmpty()
        || doc.retrievedAt().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ResearchNote(
            doc.company().get(),
            doc.text(),
            doc.sourceUrl().get(),
            doc.provider().get(),
            doc.retrievedAt().get()));
  }

  /** The writes and the user's chunk count after them. */
  public record Result(List<IndexWrite> writes, int chunks) {}
}
