package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One answer through the whole real stack: API → Kafka → Flink (metrics) → Kafka → API reply, the
 * turn in Elasticsearch, the Parquet row in the lake, and the Spark aggregate in Elasticsearch.
 */
class OneAnswerEndToEndIT {

  private static Stack stack;
  private static ApiClient candidate;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
    candidate = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "it-candidate"));
  }

  @Test
  void oneAnswerFlowsFromTheApiThroughFlinkToSearchTheLakeAndSpark() throws Exception {
    // given a started session
    ApiClient.Response started =
        candidate.post(
            "/ai-interview/sessions",
            Map.of("type", "technical", "role", "Data Engineer", "questionCount", 2));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();
    assertThat(started.body().path("question").path("text").asText()).isNotBlank();

    long filesBefore =
        lakeObjects("bronze/answers/").stream().filter(n -> n.endsWith(".parquet")).count();

    // when an answer of 6 words spoken over 2.4 s arrives
    Map<String, Object> answer =
        Map.of(
            "text",
            "I would partition by user id",
            "durationMs",
            3000,
            "words",
            List.of(
                word("I", 0, 200),
                word("would", 300, 600),
                word("partition", 700, 1300),
                word("by", 1400, 1600),
                word("user", 1700, 2000),
                word("id", 2100, 2400)));
    ApiClient.Response reply =
        candidate.post("/ai-interview/sessions/" + sessionId + "/message", answer);

    // then the reply carries the metrics computed by the interview job and the next question
    assertThat(reply.status()).isEqualTo(200);
    JsonNode metrics = reply.body().path("metrics");
    assertThat(metrics.path("wordCount").asInt()).isEqualTo(6);
    assertThat(metrics.path("durationMs").asLong()).isEqualTo(2400);
    assertThat(metrics.path("wordsPerMinute").asDouble()).isEqualTo(150.0);
    assertThat(metrics.path("pauseCount").asInt()).isZero();
    assertThat(metrics.has("star")).isTrue();
    assertThat(reply.body().path("next").path("index").asInt()).isEqualTo(1);

    // and the turn lands in Elasticsearch
    JsonNode session =
        eventually(
            () -> {
              ApiClient.Response r = candidate.get("/ai-interview/sessions/" + sessionId);
              return r.status() == 200 && r.body().path("turns").size() == 1 ? r.body() : null;
            });
    JsonNode turn = session.path("turns").get(0).path("metrics");
    assertThat(turn.path("wordCount").asInt()).isEqualTo(6);
    assertThat(turn.path("wordsPerMinute").asDouble()).isEqualTo(150.0);
    assertThat(turn.path("pauseCount").asInt()).isZero();
    assertThat(turn.path("pace").asText()).isEqualTo("good");
    assertThat(session.path("role").asText()).isEqualTo("Data Engineer");

    // and as Parquet in the bronze lake, partitioned by date, once the next checkpoint commits it
    // (a new file: earlier tests' files are there already)
    List<String> parquet =
        eventually(
            () -> {
              List<String> names = lakeObjects("bronze/answers/");
              return names.stream().filter(n -> n.endsWith(".parquet")).count() > filesBefore
                  ? names
                  : null;
            });
    assertThat(parquet)
        .anyMatch(n -> n.matches("bronze/answers/dt=\\d{4}-\\d{2}-\\d{2}/answers.*\\.parquet"));

    // and Spark reads the lake and writes the session's aggregate to Elasticsearch
    ApiClient.Response assess =
        candidate.post("/ai-interview/sessions/" + sessionId + "/assess", Map.of());
    assertThat(assess.status()).isEqualTo(202);
    java.util.concurrent.atomic.AtomicReference<String> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    JsonNode aggregate =
        LocalStack.eventually(
            () -> {
              ApiClient.Response r =
                  candidate.get("/ai-interview/sessions/" + sessionId + "/assessment");
              last.set(
                  r.status()
                      + " "
                      + r.body()
                      + " session "
                      + candidate.get("/ai-interview/sessions/" + sessionId).body());
              return r.status() == 200 ? r.body().path("aggregate") : null;
            },
            last::get);
    assertThat(aggregate.path("answerCount").asInt()).isEqualTo(1);
    assertThat(aggregate.path("totalWords").asInt()).isEqualTo(6);
    assertThat(aggregate.path("averageWordsPerMinute").asDouble()).isEqualTo(150.0);
    assertThat(aggregate.path("batchId").asText())
        .isEqualTo(assess.body().path("batchId").asText());
  }

  @Test
  void theCallersSessionsAreListedNewestFirstAndFiltered() throws Exception {
    ApiClient owner = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "it-lister"));
    String first =
        owner
            .post("/ai-interview/sessions", Map.of("type", "case", "role", "PM"))
            .body()
            .path("id")
            .asText();
    String second =
        owner
            .post("/ai-interview/sessions", Map.of("type", "behavioral", "role", "PM"))
            .body()
            .path("id")
            .asText();

    JsonNode page =
        eventually(
            () -> {
              ApiClient.Response r = owner.get("/ai-interview/sessions?limit=10");
              return r.status() == 200 && r.body().path("total").asInt() == 2 ? r.body() : null;
            });
    assertThat(page.path("sessions").get(0).path("id").asText()).isEqualTo(second);
    assertThat(page.path("sessions").get(1).path("id").asText()).isEqualTo(first);
    assertThat(page.path("sessions").get(0).has("userId")).isFalse();

    JsonNode cases = owner.get("/ai-interview/sessions?type=case").body();
    assertThat(cases.path("total").asInt()).isEqualTo(1);
    assertThat(cases.path("sessions").get(0).path("id").asText()).isEqualTo(first);
    assertThat(
            owner
                .get("/ai-interview/sessions?limit=1&offset=1")
                .body()
                .path("sessions")
                .get(0)
                .path("id")
                .asText())
        .isEqualTo(first);

    ApiClient stranger =
        new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "it-stranger"));
    assertThat(stranger.get("/ai-interview/sessions").body().path("total").asInt()).isZero();
  }

  @Test
  void requestsBeyondTheRateLimitAreRefusedWithRetryAfter() throws Exception {
    String token = LocalStack.token(stack, "it-impatient");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest assess =
        HttpRequest.newBuilder(
                URI.create(
                    stack.config().apiUrl()
                        + "/ai-interview/sessions/"
                        + java.util.UUID.randomUUID()
                        + "/assess"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      responses.add(http.send(assess, HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> first = responses.get(0);
    assertThat(first.statusCode()).isEqualTo(404);
    assertThat(first.headers().firstValue("RateLimit-Limit")).contains("10");
    assertThat(first.headers().firstValue("RateLimit-Remaining")).contains("9");
    HttpResponse<String> refused = responses.get(10);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    // reads have their own, larger bucket
    assertThat(new ApiClient(stack.config().apiUrl(), token).get("/ai-interview/sessions").status())
        .isEqualTo(200);
  }

  @Test
  void aLiveKitTokenGrantsTheCallersOwnSessionRoom() throws Exception {
    String sessionId =
        candidate
            .post("/ai-interview/sessions", Map.of("type", "behavioral", "role", "Analyst"))
            .body()
            .path("id")
            .asText();
    eventually(
        () -> candidate.get("/ai-interview/sessions/" + sessionId).status() == 200 ? true : null);

    ApiClient.Response granted =
        candidate.post("/ai-interview/livekit/token", Map.of("sessionId", sessionId));

    assertThat(granted.status()).isEqualTo(201);
    com.nimbusds.jwt.SignedJWT jwt =
        com.nimbusds.jwt.SignedJWT.parse(granted.body().path("token").asText());
    assertThat(
            jwt.verify(
                new com.nimbusds.jose.crypto.MACVerifier(
                    LocalStack.LIVEKIT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("it-key");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("it-candidate");
    assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("video"))
        .containsEntry("room", "rehearse-" + sessionId);
    assertThat(granted.body().path("url").asText()).isEqualTo("wss://livekit.test");
    assertThat(FakeLiveKit.get().calls())
        .anyMatch(c -> c.startsWith("CreateRoom ") && c.contains("rehearse-" + sessionId));

    ApiClient intruder =
        new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "it-intruder"));
    assertThat(
            intruder.post("/ai-interview/livekit/token", Map.of("sessionId", sessionId)).status())
        .isEqualTo(404);
    assertThat(
            candidate.post("/ai-interview/livekit/token", Map.of("sessionId", "room-1")).status())
        .isEqualTo(400);
  }

  @Test
  void anEgressRecordingInTheLakeAnnouncedByASignedWebhookIsTheSessionsSpokenAnswer()
      throws Exception {
    String sessionId =
        candidate
            .post("/ai-interview/sessions", Map.of("type", "behavioral", "role", "Analyst"))
            .body()
            .path("id")
            .asText();
    String key = "livekit/rehearse-" + sessionId + "/EG_it.wav";
    byte[] wav = tone(16_000, 1500);
    io.minio.MinioClient minio =
        io.minio.MinioClient.builder()
            .endpoint(stack.config().s3Endpoint())
            .credentials(stack.config().s3AccessKey(), stack.config().s3SecretKey())
            .region("us-east-1")
            .build();
    minio.putObject(
        io.minio.PutObjectArgs.builder().bucket(stack.config().lakeBucket()).object(key).stream(
                new java.io.ByteArrayInputStream(wav), wav.length, -1)
            .build());
    String body =
        """
        {"event":"egress_ended","id":"EV_it_%s","egressInfo":{"egressId":"EG_it_%s",
         "roomName":"rehearse-%s","status":"EGRESS_COMPLETE",
         "fileResults":[{"filename":"%s","location":"s3://%s/%s"}]}}"""
            .formatted(sessionId, sessionId, sessionId, key, stack.config().lakeBucket(), key);

    HttpResponse<String> taken =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.config().apiUrl() + "/livekit/webhook"))
                    .header("Authorization", webhookToken(body))
                    .header("Content-Type", "application/webhook+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    JsonNode session =
        eventually(
            () -> {
              ApiClient.Response r = candidate.get("/ai-interview/sessions/" + sessionId);
              return r.status() == 200 && r.body().path("turns").size() == 1 ? r.body() : null;
            });
    assertThat(session.path("turns").get(0).path("metrics").path("durationMs").asLong())
        .isEqualTo(1500);
    assertThat(lakeObjects("raw/audio/")).anyMatch(n -> n.contains("/" + sessionId + "/"));
  }

  /** A LiveKit webhook token of {@code body}: HS256 by the stack's LiveKit key, 5 minutes. */
  private static String webhookToken(String body) throws Exception {
    java.time.Instant now = java.time.Instant.now();
    byte[] hash =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    com.nimbusds.jwt.SignedJWT jwt =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
            new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer("it-key")
                .notBeforeTime(java.util.Date.from(now.minusSeconds(1)))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("sha256", java.util.Base64.getEncoder().encodeToString(hash))
                .build());
    jwt.sign(
        new com.nimbusds.jose.crypto.MACSigner(
            LocalStack.LIVEKIT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  /** A 440 Hz tone, 16-bit mono PCM WAV. */
  private static byte[] tone(int rate, int ms) {
    int samples = rate * ms / 1000;
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
    }
    return b.array();
  }

  @Test
  void anotherCandidateCannotSeeOrAnswerTheSession() throws Exception {
    ApiClient.Response started =
        candidate.post("/ai-interview/sessions", Map.of("type", "behavioral", "role", "Analyst"));
    String sessionId = started.body().path("id").asText();
    ApiClient intruder =
        new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "it-intruder"));

    ApiClient.Response answer =
        intruder.post(
            "/ai-interview/sessions/" + sessionId + "/message", Map.of("text", "hello there"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().path("status").asInt()).isEqualTo(404);
    assertThat(intruder.get("/ai-interview/sessions/" + sessionId).status()).isEqualTo(404);
  }

  @Test
  void anInvalidAnswerIsRefusedWithAProblemNamingTheField() throws Exception {
    ApiClient.Response started =
        candidate.post("/ai-interview/sessions", Map.of("type", "behavioral", "role", "Analyst"));
    String sessionId = started.body().path("id").asText();

    ApiClient.Response reply =
        candidate.post(
            "/ai-interview/sessions/" + sessionId + "/message",
            Map.of("text", "fine", "words", List.of(word("fine", 500, 100))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("field").asText()).isEqualTo("words[0].endMs");
  }

  @Test
  void operationsEndpointsAnswerWithoutAToken() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> expected =
        Map.of(
            "/health", "\"up\"",
            "/ready", "\"ready\"",
            "/openapi.json", "\"openapi\"",
            "/docs", "swagger-ui",
            "/docs/assets/swagger-ui-bundle.js", "SwaggerUIBundle",
            "/metrics", "jvm_memory_used_bytes");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.config().apiUrl() + e.getKey())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(r.body()).as(e.getKey()).contains(e.getValue());
    }
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create(stack.config().apiUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}");
  }

  private static Map<String, Object> word(String w, long start, long end) {
    return Map.of("word", w, "startMs", start, "endMs", end);
  }

  private static List<String> lakeObjects(String prefix) throws Exception {
    return LocalStack.lakeObjects(stack, prefix);
  }

  private static <T> T eventually(Callable<T> probe) throws Exception {
    return LocalStack.eventually(probe);
  }
}
