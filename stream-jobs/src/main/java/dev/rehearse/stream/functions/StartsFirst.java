package dev.rehearse.stream.functions;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a session's commands behind its start in an unordered async step: a command that needs no
 * preparation would otherwise pass a start still being prepared, and the interview would refuse an
 * answer to a session it does not know yet. A client that waits for each reply never sends one
 * before its start is answered, but commands replayed after a restore (and answers sent after a
 * start answered 202) come in a row. Commands of other sessions are never held up.
 */
final class StartsFirst {

  // the last command of each session with a start still in preparation: the next one waits for it
  private final Map<String, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

  /** A start of {@code session} is being prepared; it is done when {@code prepared} completes. */
  void starting(String session, CompletableFuture<?> prepared) {
    CompletableFuture<Void> done = prepared.handle((v, e) -> null);
    last.put(session, done);
    done.whenComplete((v, e) -> last.remove(session, done));
  }

  /**
   * Runs {@code emit} for a later command of {@code session}: at once if no start of it is being
   * prepared, else once the start and the session's commands before this one are emitted.
   */
  void after(String session, Runnable emit) {
    CompletableFuture<Void> before = last.get(session);
    if (before == null) {
      emit.run();
      return;
    }
    CompletableFuture<Void> mine =
        before.handle(
            (v, e) -> {
              emit.run();
              return null;
            });
    last.put(session, mine);
    mine.whenComplete((v, e) -> last.remove(session, mine));
  }

  /** Sessions with a start still in preparation (for tests). */
  int waiting() {
    return last.size();
  }
}
