package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.api.service.FakeLiveKitRoomService.Call;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions' rooms through the SDK's room service client, against a local Twirp room service. */
class LiveKitRoomsTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final FakeLiveKitRoomService liveKit = new FakeLiveKitRoomService();
  private final LiveKitTokens.Settings settings =
      new LiveKitTokens.Settings(
          "wss://rtc.example.com",
          FakeLiveKitRoomService.KEY,
          FakeLiveKitRoomService.SECRET,
          Duration.ofMinutes(30),
          liveKit.url(),
          Duration.ofSeconds(120));
  private final LiveKitRooms rooms = LiveKitRooms.of(settings);
  private final LiveKitTokens tokens =
      new LiveKitTokens(settings, Clock.systemUTC(), Optional.of(rooms));

  LiveKitRoomsTest() throws Exception {}

  @AfterEach
  void stop() {
    liveKit.close();
  }

  private static SessionCompleted completed(String sessionId) {
    return new SessionCompleted(1, "e-" + sessionId, sessionId, "ana", "c", "plan-done", null, NOW);
  }

  /** The fake's calls once {@code count} arrived (deletes are sent in the background). */
  private List<Call> callsOnce(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (liveKit.calls().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return liveKit.calls();
  }

  @Test
  void joiningCreatesTheSessionsRoomWithItsEmptyTimeoutThenIssuesTheToken() {
    LiveKitTokens.Grant grant = tokens.join("ana", "s-1");

    assertThat(liveKit.calls()).containsExactly(new Call("CreateRoom", "rehearse-s-1", 120));
    assertThat(grant.room()).isEqualTo("rehearse-s-1");
    assertThat(grant.url()).isEqualTo("wss://rtc.example.com");
  }

  @Test
  void aRoomServiceErrorIsA503AndNoToken() {
    liveKit.fail();

    assertThatThrownBy(() -> tokens.join("ana", "s-1"))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(503);
              assertThat(p.retryAfter()).isPresent();
            });
  }

  @Test
  void anUnreachableRoomServiceIsA503() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LiveKitRooms unreachable =
        new LiveKitRooms(
            "http://127.0.0.1:" + closedPort,
            FakeLiveKitRoomService.KEY,
            FakeLiveKitRoomService.SECRET,
            Duration.ofSeconds(60),
            Duration.ofSeconds(2));

    assertThatThrownBy(() -> unreachable.open("s-1"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(503));
  }

  @Test
  void aRoomSignedWithAnotherSecretIsRefusedByLiveKitAndIsA503() {
    LiveKitRooms wrongSecret =
        new LiveKitRooms(
            liveKit.url(),
            FakeLiveKitRoomService.KEY,
            "another-secret-0123456789abcdef-0123",
            Duration.ofSeconds(60),
            Duration.ofSeconds(2));

    assertThatThrownBy(() -> wrongSecret.open("s-1"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(503));
    assertThat(liveKit.calls()).isEmpty();
  }

  @Test
  void theRoomOfACompletedSessionIsDeleted() throws Exception {
    rooms.open("s-1");

    rooms.onEvent(completed("s-1"));

    assertThat(callsOnce(2))
        .containsExactly(
            new Call("CreateRoom", "rehearse-s-1", 120), new Call("DeleteRoom", "rehearse-s-1", 0));
  }

  @Test
  void onlyRoomsThisInstanceOpenedAreDeletedAndOnlyOnce() throws Exception {
    rooms.open("s-1");

    rooms.onEvent(completed("s-2")); // a session without a room here
    rooms.onEvent(completed("s-1"));
    rooms.onEvent(completed("s-1")); // the event read again

    assertThat(callsOnce(2))
        .containsExactly(
            new Call("CreateRoom", "rehearse-s-1", 120), new Call("DeleteRoom", "rehearse-s-1", 0));
    Thread.sleep(300); // a second delete would have come by now
    assertThat(liveKit.calls()).hasSize(2);
  }

  @Test
  void theRoomServiceIsTheClientUrlOverHttpUnlessSetApart() {
    assertThat(LiveKitTokens.Settings.httpUrl("wss://rtc.example.com"))
        .isEqualTo("https://rtc.example.com");
    assertThat(LiveKitTokens.Settings.httpUrl("ws://127.0.0.1:7880"))
        .isEqualTo("http://127.0.0.1:7880");
    assertThat(
            LiveKitTokens.Settings.fromEnv(
                    java.util.Map.of(
                        "REHEARSE_LIVEKIT_URL", "wss://rtc.example.com",
                        "REHEARSE_LIVEKIT_API_KEY", "k",
                        "REHEARSE_LIVEKIT_API_SECRET", FakeLiveKitRoomService.SECRET,
                        "REHEARSE_LIVEKIT_API_URL", "http://livekit.internal:7880"))
                .orElseThrow()
                .apiUrl())
        .isEqualTo("http://livekit.internal:7880");
  }
}
