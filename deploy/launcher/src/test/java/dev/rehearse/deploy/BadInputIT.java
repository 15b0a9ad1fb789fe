package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.deploy.cli.Tokens;
import dev.rehearse.deploy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile requests against the real API: each gets the one 4xx status its case
 * expects (400 invalid, 401 unauthenticated, 403 wrong role, 404 nothing there, 413 too large, 415
 * not JSON) with a problem body naming no internals, and none of them puts anything on Kafka. The
 * shared stack's interview and read limits are raised ({@link LocalStack#env}), so that no case is
 * answered 429 by the rate limiter, which runs before validation; the batch limit stays at its
 * default of 10 a minute, and no user here sends more than 6 batch requests.
 */
class BadInputIT {

  private static Stack stack;
  private static String token;
  private static String secondToken;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One hostile request. */
  private record Case(
      String name,
      String method,
      String path,
      String contentType,
      byte[] body,
      String auth,
      int status) {}

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
    token = LocalStack.token(stack, "it-hostile");
    secondToken = LocalStack.token(stack, "it-hostile-fields");
    adminToken = LocalStack.token(stack, "it-hostile-admin", "cohort_admin");
    analystToken = LocalStack.token(stack, "it-hostile-analyst", "analyst");
  }

  private static String adminToken;
  private static String analystToken;

  /** Analytics of a cohort that does not exist: 404 ({@code AnalyticsService}). */
  private static final int UNKNOWN_COHORT_ANALYTICS = 404;

  /** Re-indexing a profile that does not exist: 404 ({@code ProfileService.reindex}). */
  private static final int REINDEX_WITHOUT_PROFILE = 404;

  /** A path whose dot segments climb out of the API resolves to no route: 404. */
  private static final int DOT_SEGMENTS = 404;

  /** A method no route of the path takes: the path exists, so 405. */
  private static final int WRONG_METHOD = 405;

  private static Case as(
      String name, String method, String path, String json, String token, int status) {
    return new Case(
        name,
        method,
        path,
        json == null ? null : "application/json",
        json == null ? null : utf8(json),
        "Bearer " + token,
        status);
  }

  /** Profiles, cohorts and analytics: bodies, ids, queries and roles that are wrong. */
  private static List<Case> beyondSessions() throws Exception {
    List<Case> cases = new ArrayList<>();
    String profile = "/ai-interview/profile";
    cases.addAll(wrongFields(profile, Map.of("targetRole", "Dev"), PROFILE_FIELDS));
    for (String body :
        List.of(
            "{\"targetRole\":\"Dev\",\"technicalSkills\":[5]}",
            "{\"targetRole\":\"Dev\",\"technicalSkills\":\"java\"}",
            "{\"targetRole\":\"Dev\",\"technicalSkills\":[\"\"]}",
            "{\"targetRole\":\"Dev\",\"technicalSkills\":[null]}",
            "{\"targetRole\":\"Dev\",\"softSkills\":"
                + MAPPER.writeValueAsString(java.util.Collections.nCopies(101, "x"))
                + "}",
            "{\"targetRole\":\"Dev\",\"education\":[{}]}",
            "{\"targetRole\":\"Dev\",\"education\":[null]}",
            "{\"targetRole\":\"Dev\",\"education\":[{\"institution\":\"x\",\"year\":1800}]}",
            "{\"targetRole\":\"Dev\",\"education\":[{\"institution\":\"x\",\"gpa\":4}]}",
            "{\"targetRole\":\"Dev\",\"preferences\":{\"interviewTypes\":[\"panel\"]}}",
            "{\"targetRole\":\"Dev\",\"preferences\":{\"difficulty\":\"insane\"}}",
            "{\"targetRole\":\"Dev\",\"preferences\":{\"language\":\"tlh\"}}",
            "{\"targetRole\":\"Dev\",\"preferences\":\"all\"}",
            "{\"targetRole\":\"Dev\",\"certifications\":[\"" + "c".repeat(201) + "\"]}",
            "{\"targetRole\":\"<script>alert(1)</script>\",\"userId\":\"someone-else\"}")) {
      cases.add(
          post(
              "profile " + body.substring(0, Math.min(50, body.length())),
              profile,
              body,
              secondToken,
              400));
      cases.add(
          as(
              "profile put " + body.substring(0, Math.min(40, body.length())),
              "PUT",
              profile,
              body,
              secondToken,
              400));
    }
    String cohort = "/ai-interview/cohorts/" + UUID.randomUUID();
    for (String body :
        List.of(
            "{}",
            "{\"name\":\"\"}",
            "{\"name\":5}",
            "{\"name\":\"" + "n".repeat(201) + "\"}",
            "{\"name\":\"ok\",\"ownerId\":\"me\"}")) {
      cases.add(
          as(
              "cohort " + body.substring(0, Math.min(30, body.length())),
              "POST",
              "/ai-interview/cohorts",
              body,
              adminToken,
              400));
    }
    for (String body :
        List.of(
            "{\"userId\":\"../../etc\"}",
            "{\"userId\":\"a b\"}",
            "{\"userId\":\"\"}",
            "{\"userId\":\"" + "u".repeat(129) + "\"}",
            "{\"userId\":\"1' OR '1'='1\"}",
            "{\"userId\":7}")) {
      cases.add(as("member " + body, "POST", cohort + "/members", body, adminToken, 400));
    }
    for (String body :
        List.of(
            "{\"expiresInDays\":0}",
            "{\"expiresInDays\":366}",
            "{\"expiresInDays\":\"7\"}",
            "{\"expiresInDays\":-1}")) {
      cases.add(as("invite " + body, "POST", cohort + "/invites", body, adminToken, 400));
    }
    for (String body :
        List.of(
            "{\"from\":\"2026-13-01\"}",
            "{\"from\":\"yesterday\"}",
            "{\"from\":\"2026-03-10\",\"to\":\"2026-03-01\"}",
            "{\"from\":\"1999-01-01\"}",
            "{\"to\":20260301}")) {
      cases.add(as("cohort batch " + body, "POST", cohort + "/batches", body, adminToken, 400));
    }
    for (String body :
        List.of(
            "{\"code\":\"short\"}",
            "{\"code\":\"<script>alert(1)</script>\"}",
            "{\"code\":\"ABCDEFGHI1\"}",
            "{}",
            "{\"code\":[\"ABCDEFGHJK\"]}")) {
      cases.add(as("join " + body, "POST", "/ai-interview/cohorts/join", body, secondToken, 400));
    }
    // a well-formed code that no invite has
    cases.add(
        as(
            "join an unknown code",
            "POST",
            "/ai-interview/cohorts/join",
            "{\"code\":\"ABCDEFGHJK\"}",
            secondToken,
            404));
    cases.add(
        as(
            "cohort id not a uuid",
            "GET",
            "/ai-interview/cohorts/not-a-uuid",
            null,
            adminToken,
            404));
    cases.add(as("someone else's cohort", "GET", cohort + "/members", null, adminToken, 404));
    cases.add(
        as(
            "member id with a space",
            "DELETE",
            cohort + "/members/bad%20id",
            null,
            adminToken,
            400));
    cases.add(
        as(
            "unknown cohort batch",
            "GET",
            cohort + "/batches/" + UUID.randomUUID(),
            null,
            adminToken,
            404));
    for (String query :
        List.of(
            "summary?metric=salary",
            "summary?metric=",
            "breakdown",
            "breakdown?by=userId",
            "trends?interval=year",
            "summary?from=2026-02-30",
            "summary?from=2026-03-02&to=2026-03-01",
            "summary?cohortId=1'OR'1'='1",
            "distribution?type=%3Cscript%3E",
            "summary?role=" + "r".repeat(101))) {
      cases.add(
          as(
              "analytics " + query,
              "GET",
              "/ai-interview/analytics/" + query,
              null,
              analystToken,
              400));
    }
    cases.add(
        as(
            "analytics of an unknown cohort",
            "GET",
            "/ai-interview/analytics/summary?cohortId=" + UUID.randomUUID(),
            null,
            analystToken,
            UNKNOWN_COHORT_ANALYTICS));
    cases.add(
        as("analytics nothing", "GET", "/ai-interview/analytics/nothing", null, analystToken, 404));
    // a role the endpoint does not allow
    cases.add(
        as(
            "candidate reads analytics",
            "GET",
            "/ai-interview/analytics/summary",
            null,
            secondToken,
            403));
    cases.add(
        as(
            "candidate creates a cohort",
            "POST",
            "/ai-interview/cohorts",
            "{\"name\":\"x\"}",
            secondToken,
            403));
    cases.add(
        as(
            "analyst writes a profile",
            "POST",
            profile,
            "{\"targetRole\":\"Dev\"}",
            analystToken,
            403));
    cases.add(
        as(
            "analyst starts a session",
            "POST",
            "/ai-interview/sessions",
            "{\"type\":\"case\",\"role\":\"Dev\"}",
            analystToken,
            403));
    cases.add(as("cohort admin erases a profile", "DELETE", profile, null, adminToken, 403));
    cases.add(as("no profile yet", "GET", profile, null, token, 404));
    cases.add(
        as(
            "re-index without a profile",
            "POST",
            "/ai-interview/profile/index",
            "{}",
            token,
            REINDEX_WITHOUT_PROFILE));
    return cases;
  }

  private static final Map<String, Object[]> PROFILE_FIELDS =
      Map.of(
          "targetRole", new Object[] {"text", 100},
          "currentRole", new Object[] {"text", 100},
          "company", new Object[] {"text", 100},
          "seniority", new Object[] {"text", 40},
          "bio", new Object[] {"text", 5_000},
          "resumeText", new Object[] {"text", 100_000},
          "yearsOfExperience", new Object[] {"int", 60});

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Case post(String name, String path, String json, int status) {
    return post(name, path, json, token, status);
  }

  private static Case post(String name, String path, String json, String token, int status) {
    return new Case(name, "POST", path, "application/json", utf8(json), "Bearer " + token, status);
  }

  private static List<Case> cases() throws Exception {
    String sessions = "/ai-interview/sessions";
    String message = "/ai-interview/sessions/" + UUID.randomUUID() + "/message";
    List<Case> cases = new ArrayList<>();
    // authentication
    for (String auth :
        List.of(
            "",
            "Bearer",
            "Bearer ",
            "Bearer not-a-token",
            "Basic dXNlcjpwYXNz",
            "Bearer " + token.replace('.', '!'),
            "Bearer " + token + "x",
            "Bearer " + unsigned(),
            "Bearer "
                + signed(
                    "a-different-secret-that-is-long-enough!!", Instant.now().plusSeconds(600)),
            "Bearer " + signed(stack.jwtSecret(), Instant.now().minusSeconds(3600)))) {
      cases.add(
          new Case(
              "auth " + auth.substring(0, Math.min(auth.length(), 20)),
              "POST",
              sessions,
              "application/json",
              utf8("{\"type\":\"behavioral\",\"role\":\"Dev\"}"),
              auth,
              401));
    }
    // bodies that are not what the endpoint takes
    cases.add(
        new Case(
            "no content type",
            "POST",
            sessions,
            null,
            utf8("{\"type\":\"case\",\"role\":\"Dev\"}"),
            "Bearer " + token,
            415));
    cases.add(
        new Case(
            "text/plain",
            "POST",
            sessions,
            "text/plain",
            utf8("{\"type\":\"case\",\"role\":\"Dev\"}"),
            "Bearer " + token,
            415));
    for (String body :
        List.of(
            "",
            "null",
            "[]",
            "123",
            "\"text\"",
            "{",
            "{\"type\":",
            "{}",
            "{\"type\":\"case\"}",
            "{\"role\":\"Dev\"}",
            "{\"type\":\"panel\",\"role\":\"Dev\"}",
            "{\"type\":5,\"role\":\"Dev\"}",
            "{\"type\":\"case\",\"role\":[]}",
            "{\"type\":\"case\",\"role\":\"Dev\",\"questionCount\":\"five\"}",
            "{\"type\":\"case\",\"role\":\"Dev\",\"questionCount\":0}",
            "{\"type\":\"case\",\"role\":\"Dev\",\"questionCount\":1e9}",
            "{\"type\":\"case\",\"role\":\"Dev\",\"questionCount\":-3}",
            "{\"type\":\"case\",\"role\":\"Dev\",\"admin\":true}",
            "{\"type\":\"case\",\"role\":\"" + "x".repeat(10_000) + "\"}",
            "{\"type\":\"case\",\"role\":\"Dev\",\"language\":\"klingon\"}",
            "{\"type\":\"case\",\"role\":\"\\u0000\"}",
            "{\"type\":\"case\",\"role\":\"   \"}",
            "{\"type\":\"case\",\"role\":\"Dev\"} trailing",
            "[".repeat(200) + "]".repeat(200),
            "{\"a\":".repeat(100) + "1" + "}".repeat(100))) {
      cases.add(
          post(
              "start body " + body.substring(0, Math.min(body.length(), 30)), sessions, body, 400));
    }
    cases.add(
        new Case(
            "invalid utf-8",
            "POST",
            sessions,
            "application/json",
            new byte[] {
              '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
            },
            "Bearer " + token,
            400));
    cases.add(
        post(
            "huge body",
            sessions,
            "{\"type\":\"case\",\"role\":\"" + "y".repeat(400_000) + "\"}",
            413));
    // answers
    for (String body :
        List.of(
            "{}",
            "{\"text\":\"\"}",
            "{\"text\":\"   \"}",
            "{\"text\":\"!!!\"}",
            "{\"text\":5}",
            "{\"text\":true}",
            "{\"text\":[\"ok\"]}",
            "{\"text\":\"" + "w ".repeat(10_001) + "\"}",
            "{\"text\":\"ok\",\"durationMs\":-1}",
            "{\"text\":\"ok\",\"durationMs\":\"long\"}",
            "{\"text\":\"ok\",\"durationMs\":99999999999}",
            "{\"text\":\"ok\",\"words\":{}}",
            "{\"text\":\"ok\",\"words\":[{\"word\":\"ok\",\"startMs\":5,\"endMs\":1}]}",
            "{\"text\":\"ok\",\"words\":[{\"word\":\"ok\",\"startMs\":-5,\"endMs\":1}]}",
            "{\"text\":\"ok\",\"words\":[{\"word\":\"ok\"}]}",
            "{\"text\":\"ok\",\"words\":[null]}",
            "{\"text\":\"ok\",\"questionAskedAtMs\":-1}",
            "{\"text\":\"ok\",\"score\":100}",
            "{\"text\":\"ok\",\"audioRef\":\"" + "r".repeat(600) + "\"}")) {
      cases.add(
          post("answer " + body.substring(0, Math.min(body.length(), 30)), message, body, 400));
    }
    // ids and routes
    cases.add(
        post(
            "id not a uuid",
            "/ai-interview/sessions/../../etc/passwd/message",
            "{\"text\":\"ok\"}",
            DOT_SEGMENTS));
    cases.add(
        post("id sql", "/ai-interview/sessions/1%27%20OR%201=1/message", "{\"text\":\"ok\"}", 404));
    cases.add(
        new Case("unknown route", "GET", "/ai-interview/nope", null, null, "Bearer " + token, 404));
    for (String query :
        List.of(
            "limit=0",
            "limit=abc",
            "limit=100000",
            "offset=-1",
            "status=deleted",
            "type=panel",
            "limit=1.5",
            "offset=1e3",
            "type=BEHAVIORAL",
            "status=ACTIVE",
            "limit=",
            "offset=%00")) {
      cases.add(
          new Case(
              "list " + query, "GET", sessions + "?" + query, null, null, "Bearer " + token, 400));
    }
    cases.add(
        new Case(
            "unknown batch",
            "GET",
            "/ai-interview/batches/" + UUID.randomUUID(),
            null,
            null,
            "Bearer " + token,
            404));
    cases.add(
        new Case(
            "not my session",
            "GET",
            "/ai-interview/sessions/" + UUID.randomUUID(),
            null,
            null,
            "Bearer " + token,
            404));
    cases.addAll(wrongFields(sessions, VALID_START, START_FIELDS));
    cases.addAll(wrongFields(message, VALID_ANSWER, ANSWER_FIELDS));
    cases.addAll(beyondSessions());
    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      for (String path :
          List.of(sessions, message, "/ai-interview/sessions/" + UUID.randomUUID())) {
        cases.add(
            new Case(
                method + " " + path,
                method,
                path,
                "application/json",
                utf8("{}"),
                "Bearer " + token,
                WRONG_METHOD));
      }
    }
    for (String type :
        List.of(
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded")) {
      cases.add(
          new Case(
              "start as " + type,
              "POST",
              sessions,
              type,
              utf8("type=case&role=Dev"),
              "Bearer " + token,
              415));
      cases.add(
          new Case(
              "answer as " + type,
              "POST",
              message,
              type,
              utf8("text=hello"),
              "Bearer " + token,
              415));
    }
    return cases;
  }

  private static final Map<String, Object> VALID_START = Map.of("type", "case", "role", "Dev");
  private static final Map<String, Object> VALID_ANSWER = Map.of("text", "a fine answer");

  /** Field → its JSON kind and, for text, the longest value allowed. */
  private static final Map<String, Object[]> START_FIELDS =
      Map.of(
          "type", new Object[] {"text", 0},
          "role", new Object[] {"text", 100},
          "seniority", new Object[] {"text", 40},
          "company", new Object[] {"text", 100},
          "language", new Object[] {"text", 0},
          "title", new Object[] {"text", 200},
          "questionCount", new Object[] {"int", 20});

  private static final Map<String, Object[]> ANSWER_FIELDS =
      Map.of(
          "text", new Object[] {"text", 20_000},
          "durationMs", new Object[] {"int", 3_600_000},
          "audioRef", new Object[] {"text", 500},
          "questionAskedAtMs", new Object[] {"int", -1},
          "answerStartedAtMs", new Object[] {"int", -1},
          "words", new Object[] {"list", 0});

  /**
   * A valid body with one field made invalid: a value of the wrong JSON type (never coerced), a
   * text too long, a number out of range.
   */
  private static List<Case> wrongFields(
      String path, Map<String, Object> valid, Map<String, Object[]> fields) throws Exception {
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, Object[]> field : fields.entrySet()) {
      String kind = (String) field.getValue()[0];
      int max = (Integer) field.getValue()[1];
      List<Object> wrong = new ArrayList<>(List.of(true, Map.of("nested", 1)));
      switch (kind) {
        case "text" -> {
          wrong.add(List.of());
          wrong.add(5);
          wrong.add(1.5);
          wrong.add("   ");
          wrong.add("bell\u0007");
          wrong.add("nul\u0000");
          if (max > 0) {
            wrong.add("x".repeat(max + 1));
          }
        }
        case "int" -> {
          wrong.add(List.of());
          wrong.add("5");
          wrong.add(1.5);
          wrong.add(-1);
          wrong.add(new java.math.BigInteger("100000000000000000000"));
          if (max > 0) {
            wrong.add(max + 1L);
          }
        }
        default -> {
          wrong.add("words");
          wrong.add(5);
          wrong.add(List.of(Map.of("word", "x", "startMs", 5, "endMs", 1)));
          wrong.add(List.of(Map.of("word", 7, "startMs", 0, "endMs", 1)));
          wrong.add(java.util.Arrays.asList((Object) null));
          wrong.add(List.of(Map.of("word", "x")));
          wrong.add(List.of(Map.of("word", "", "startMs", 0, "endMs", 1)));
          wrong.add(List.of(Map.of("word", "x", "startMs", 0, "endMs", 1, "extra", 1)));
        }
      }
      for (Object value : wrong) {
        Map<String, Object> body = new java.util.HashMap<>(valid);
        body.put(field.getKey(), value);
        String json = MAPPER.writeValueAsString(body);
        // a second candidate, so that the first one's rate limit does not answer in place of
        // validation
        cases.add(
            post(
                path.substring(path.lastIndexOf('/') + 1)
                    + " "
                    + field.getKey()
                    + "="
                    + json.substring(0, Math.min(60, json.length())),
                path,
                json,
                secondToken,
                400));
      }
    }
    return cases;
  }

  @Test
  void everyHostileRequestGetsAProblemAndNothingReachesKafka() throws Exception {
    List<String> failures = new ArrayList<>();
    List<Case> cases = cases();
    try (CommandTopics topics = new CommandTopics()) {
      for (Case c : cases) {
        long before = topics.records();
        HttpResponse<String> response = HTTP.send(request(c), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != c.status()) {
          failures.add(
              c.name()
                  + ": expected "
                  + c.status()
                  + ", got "
                  + response.statusCode()
                  + " "
                  + abbreviated(response.body()));
        }
        String why = problemOf(response);
        if (why != null) {
          failures.add(c.name() + ": " + why);
        }
        if (topics.records() != before) {
          failures.add(c.name() + ": published to Kafka");
        }
      }
    }
    assertThat(failures).as("%d cases", cases.size()).isEmpty();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
  }

  private static String abbreviated(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }

  private static HttpRequest request(Case c) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.config().apiUrl() + c.path()))
            .timeout(Duration.ofSeconds(30));
    if (c.auth() != null && !c.auth().isEmpty()) {
      request.header("Authorization", c.auth());
    }
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    request.method(
        c.method(),
        c.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
    return request.build();
  }

  /** Why a response is not a proper 4xx problem, or null when it is. */
  private static String problemOf(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 400 || status >= 500) {
      return "status " + status + " " + response.body();
    }
    if (!response
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .startsWith("application/problem+json")) {
      return "content type " + response.headers().firstValue("Content-Type");
    }
    try {
      JsonNode body = MAPPER.readTree(response.body());
      if (body.path("status").asInt() != status || body.path("title").asText().isEmpty()) {
        return "problem body " + response.body();
      }
    } catch (Exception e) {
      return "not JSON: " + response.body();
    }
    String text = response.body();
    if (text.contains("Exception")
        || text.contains("at dev.")
        || text.contains("at io.")
        || text.contains(stack.jwtSecret())) {
      return "leaks internals: " + text;
    }
    return null;
  }

  /** The topics the API writes to, and how many records they hold. */
  private static final class CommandTopics implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    CommandTopics() {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
      p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      consumer = new KafkaConsumer<>(p);
      for (String topic :
          List.of(
              Topics.SESSION_COMMANDS.name(),
              Topics.BATCH_REQUESTS.name(),
              Topics.PROFILES.name(),
              Topics.COHORTS.name())) {
        consumer
            .partitionsFor(topic)
            .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      }
    }

    long records() {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      return end.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static String unsigned() {
    return new PlainJWT(new PlainHeader(), claims(Instant.now().plusSeconds(600))).serialize();
  }

  private static String signed(String secret, Instant expiry) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(expiry));
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static JWTClaimsSet claims(Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer(Tokens.ISSUER)
        .audience(Tokens.AUDIENCE)
        .subject("it-hostile")
        .issueTime(Date.from(Instant.now().minusSeconds(7200)))
        .expirationTime(Date.from(expiry))
        .build();
  }
}
