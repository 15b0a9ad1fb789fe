package dev.rehearse.api.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import io.livekit.server.RoomServiceClient;
import io.livekit.server.okhttp.OkHttpHolder;
import java.io.IOException;
import java.time.Duration;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Sessions' LiveKit rooms, through LiveKit's room service (Twirp, with the SDK): a room is created
 * when the candidate asks for a token to join it, and deleted when this instance sees the session
 * complete. A room this instance does not know it opened (opened elsewhere, or before a restart) is
 * left to LiveKit, which closes it once it has been empty for the room's empty timeout.
 */
public final class LiveKitRooms {

  private static final Logger LOG = LoggerFactory.getLogger(LiveKitRooms.class);

  private final RoomServiceClient client;
  private final Duration emptyTimeout;
  private final Cache<String, Boolean> opened =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofDays(1)).build();

  /**
   * @param apiUrl the room service's base URL ({@code https://…}; {@link
   *     LiveKitTokens.Settings#apiUrl()})
   * @param emptyTimeout how long LiveKit keeps a room nobody is in
   */
  public LiveKitRooms(
      String apiUrl, String apiKey, String apiSecret, Duration emptyTimeout, Duration timeout) {
    OkHttpClient http =
        new OkHttpClient.Builder().connectTimeout(timeout).callTimeout(timeout).build();
    this.client = RoomServiceClient.createClient(apiUrl, apiKey, apiSecret, new OkHttpHolder(http));
    this.emptyTimeout = emptyTimeout;
  }

  public static LiveKitRooms of(LiveKitTokens.Settings settings) {
    return new LiveKitRooms(
        settings.apiUrl(),
        settings.apiKey(),
        settings.apiSecret(),
        settings.emptyTimeout(),
        Duration.ofSeconds(5));
  }

  /** Creates the session's room (creating an existing room is fine); 503 when LiveKit refuses. */
  public void open(String sessionId) {
    String room = LiveKitTokens.room(sessionId);
    try {
      Response<LivekitModels.Room> created =
          client.createRoom(room, (int) emptyTimeout.toSeconds()).execute();
      if (!created.isSuccessful()) {
        throw new IOException("LiveKit answered " + created.code() + " " + errorBody(created));
      }
      opened.put(sessionId, true);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot create the LiveKit room {}: {}", room, e.toString());
      throw Problem.unavailable(
          "the session's LiveKit room cannot be created now; try again", Duration.ofSeconds(5));
    }
  }

  /** Deletes the room of a session this instance opened, in the background; failures are logged. */
  public void close(String sessionId) {
    if (opened.asMap().remove(sessionId) == null) {
      return;
    }
    String room = LiveKitTokens.room(sessionId);
    client
        .deleteRoom(room)
        .enqueue(
            new Callback<>() {
              @Override
              public void onResponse(Call<Void> call, Response<Void> response) {
                if (response.isSuccessful()) {
                  LOG.info("closed the LiveKit room {}", room);
                } else {
                  LOG.warn(
                      "cannot close the LiveKit room {}: {} {}",
                      room,
                      response.code(),
                      errorBody(response));
                }
              }

              @Override
              public void onFailure(Call<Void> call, Throwable t) {
                LOG.warn("cannot close the LiveKit room {}: {}", room, t.toString());
              }
            });
  }

  /** Closes the room of a session that completed (however it ended). */
  public void onEvent(SessionEvent event) {
    if (event instanceof SessionCompleted completed) {
      close(completed.sessionId());
    }
  }

  private static String errorBody(Response<?> response) {
    try (var body = response.errorBody()) {
      return body == null ? "" : body.string();
    } catch (IOException e) {
      return "";
    }
  }
}
