package dev.rehearse.api.service;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitModels;
import livekit.LivekitRoom;

/**
 * A local stand-in for LiveKit's room service, speaking Twirp with protobuf bodies: it checks the
 * path, the content type and the bearer token (signed with the secret, issued by the key, with the
 * {@code roomCreate} grant), decodes the request and answers a Room (or an empty message); it can
 * be told to fail, as Twirp does, with a JSON error.
 */
final class FakeLiveKitRoomService implements AutoCloseable {

  static final String KEY = "APIkey123";
  static final String SECRET = "livekit-secret-0123456789abcdef-0123";
  private static final String SERVICE = "/twirp/livekit.RoomService/";

  /** A request the fake accepted: the method and the decoded room name. */
  record Call(String method, String room, int emptyTimeout) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  FakeLiveKitRoomService() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** From now on every request is answered with a Twirp {@code internal} error. */
  void fail() {
    failing = true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(SERVICE)) {
        error(exchange, 404, "bad_route", "no such method");
        return;
      }
      if (!"application/protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        error(exchange, 400, "malformed", "protobuf bodies only");
        return;
      }
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        error(exchange, 401, "unauthenticated", "invalid token");
        return;
      }
      if (failing) {
        error(exchange, 500, "internal", "room service down");
        return;
      }
      switch (path.substring(SERVICE.length())) {
        case "CreateRoom" -> {
          LivekitRoom.CreateRoomRequest request = LivekitRoom.CreateRoomRequest.parseFrom(body);
          calls.add(new Call("CreateRoom", request.getName(), request.getEmptyTimeout()));
          ok(
              exchange,
              LivekitModels.Room.newBuilder()
                  .setSid("RM_" + request.getName().hashCode())
                  .setName(request.getName())
                  .setEmptyTimeout(request.getEmptyTimeout())
                  .build()
                  .toByteArray());
        }
        case "DeleteRoom" -> {
          LivekitRoom.DeleteRoomRequest request = LivekitRoom.DeleteRoomRequest.parseFrom(body);
          calls.add(new Call("DeleteRoom", request.getRoom(), 0));
          ok(exchange, LivekitRoom.DeleteRoomResponse.getDefaultInstance().toByteArray());
        }
        default -> error(exchange, 404, "bad_route", "no such method");
      }
    }
  }

  /** A bearer JWT signed with the secret, issued by the key, granting {@code roomCreate}. */
  private static boolean authorized(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    try {
      SignedJWT jwt = SignedJWT.parse(header.substring("Bearer ".length()));
      Map<String, Object> video = jwt.getJWTClaimsSet().getJSONObjectClaim("video");
      return jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))
          && KEY.equals(jwt.getJWTClaimsSet().getIssuer())
          && video != null
          && Boolean.TRUE.equals(video.get("roomCreate"));
    } catch (Exception e) {
      return false;
    }
  }

  private static void ok(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/protobuf");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void error(HttpExchange exchange, int status, String code, String msg)
      throws IOException {
    byte[] body =
        ("{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
