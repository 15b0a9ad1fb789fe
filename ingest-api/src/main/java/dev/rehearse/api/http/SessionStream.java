package dev.rehearse.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.service.Caller;
import dev.rehearse.api.service.Problem;
import dev.rehearse.api.service.SessionReader;
import dev.rehearse.api.service.SessionWatch;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.json.Json;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ai-interview/sessions/{id}/stream}: a WebSocket that sends each event of the caller's
 * own session as it happens (the JSON of {@code rehearse.session-events}). The token comes in the
 * {@code Authorization} header or, for browsers that cannot set it, the {@code access_token} query
 * parameter; it is checked, with the session's owner, before the upgrade. The events come from
 * {@link SessionWatch}, whichever instance published the session's commands.
 */
public final class SessionStream {

  private static final Logger LOG = LoggerFactory.getLogger(SessionStream.class);
  static final int MAX_STREAMS = 10_000;
  private static final java.time.Duration PROJECTION_WAIT = java.time.Duration.ofSeconds(2);

  private final SessionWatch replies;
  private final SessionReader store;
  private final ObjectMapper mapper;
  private final Map<String, Watch> open = new ConcurrentHashMap<>();

  public SessionStream(SessionWatch replies, SessionReader store, ObjectMapper mapper) {
    this.replies = replies;
    this.store = store;
    this.mapper = mapper;
  }

  private record Watch(String sessionId, Consumer<SessionEvent> watcher) {}

  private static final String PENDING = "rehearse.stream-watch";

  /**
   * A watcher whose socket is not open yet: it keeps the session's events until it is attached to
   * the socket, then sends them in order, and every later one as it comes.
   */
  private static final class Pending implements Consumer<SessionEvent> {
    private final List<SessionEvent> early = new ArrayList<>();
    private Consumer<SessionEvent> socket;

    @Override
    public synchronized void accept(SessionEvent event) {
      if (socket == null) {
        early.add(event);
      } else {
        socket.accept(event);
      }
    }

    synchronized void attach(Consumer<SessionEvent> socket) {
      early.forEach(socket);
      early.clear();
      this.socket = socket;
    }
  }

  void register(Javalin app, String path, TokenVerifier tokens) {
    app.wsBeforeUpgrade(
        path,
        ctx -> {
          Caller caller = Api.authenticate(ctx, tokens);
          if (!caller.mayAct(Api.CANDIDATE)) {
            throw new Problem(
                403, "Forbidden", "this endpoint needs the role candidate", Optional.empty());
          }
          String sessionId = Api.uuid(ctx, Api.ID);
          awaitSession(caller.userId(), sessionId);
          if (open.size() >= MAX_STREAMS) {
            throw new Problem(
                503, "Service unavailable", "too many open streams", Optional.empty());
          }
          // the session is watched before the upgrade is answered, so a client that acts as soon
          // as its stream is open misses none of the events that causes; they wait for the socket
          Pending pending = new Pending();
          replies.watch(sessionId, pending);
          ctx.attribute(PENDING, new Watch(sessionId, pending));
        });
    app.ws(
        path,
        ws -> {
          ws.onConnect(
              ctx -> {
                Watch watch = ctx.attribute(PENDING);
                open.put(ctx.sessionId(), watch);
                ((Pending) watch.watcher()).attach(event -> send(ctx, event));
              });
          ws.onClose(ctx -> close(ctx));
          ws.onError(ctx -> close(ctx));
        });
  }

  /**
   * Checks the caller owns the session. A session started a moment ago may not be projected yet, so
   * an unknown one is looked up again for a short while before the answer is 404.
   */
  private void awaitSession(String userId, String sessionId)
      throws java.io.IOException, InterruptedException {
    long deadline = System.nanoTime() + PROJECTION_WAIT.toNanos();
    while (store.session(userId, sessionId).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw Problem.notFound("session " + sessionId);
      }
      Thread.sleep(50);
    }
  }

  private void send(WsContext ctx, SessionEvent event) {
    if (ctx.session.isOpen()) {
      ctx.send(new String(Json.toBytes(mapper, event), StandardCharsets.UTF_8));
    }
  }

  private void close(WsContext ctx) {
    Watch watch = open.remove(ctx.sessionId());
    if (watch != null) {
      replies.unwatch(watch.sessionId(), watch.watcher());
      LOG.debug("stream of session {} closed", watch.sessionId());
    }
  }

  int open() {
    return open.size();
  }
}
