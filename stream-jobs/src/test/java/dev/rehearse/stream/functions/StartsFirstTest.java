package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StartsFirstTest {

  private final StartsFirst order = new StartsFirst();
  private final List<String> emitted = new CopyOnWriteArrayList<>();

  @Test
  void answersReplayedBehindASlowStartComeAfterItInTheirOrder() {
    // given a start still being prepared, emitted when its preparation ends
    CompletableFuture<Void> preparing = new CompletableFuture<>();
    CompletableFuture<Void> start = preparing.thenRun(() -> emitted.add("start"));
    order.starting("s-1", start);

    // when the session's answers arrive behind it
    order.after("s-1", () -> emitted.add("answer 0"));
    order.after("s-1", () -> emitted.add("answer 1"));
    order.after("s-1", () -> emitted.add("answer 2"));

    // then none passes the start, and each follows the one before it
    assertThat(emitted).isEmpty();
    preparing.complete(null);
    assertThat(emitted).containsExactly("start", "answer 0", "answer 1", "answer 2");
    assertThat(order.waiting()).isZero();
  }

  @Test
  void anotherSessionsCommandsAreNotHeldUp() {
    order.starting("slow", new CompletableFuture<>());

    order.after("other", () -> emitted.add("other answer"));

    assertThat(emitted).containsExactly("other answer");
  }

  @Test
  void aStartThatFailedStillLetsTheAnswersBehindItGoOn() {
    CompletableFuture<Void> preparing = new CompletableFuture<>();
    order.starting("s-1", preparing);
    order.after("s-1", () -> emitted.add("answer 0"));

    preparing.completeExceptionally(new IllegalStateException("lookup failed"));

    assertThat(emitted).containsExactly("answer 0");
    assertThat(order.waiting()).isZero();
  }

  @Test
  void aSessionWithNoStartInPreparationPassesAtOnce() {
    order.after("s-1", () -> emitted.add("answer 5"));

    assertThat(emitted).containsExactly("answer 5");
    assertThat(order.waiting()).isZero();
  }
}
