package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every role × the caller's own and another's resource, against the real API. A
 * role an endpoint does not allow gets 403; an allowed caller gets 2xx on their own resource and
 * 404 on another's (an admin sees every cohort and batch, but only their own profile and sessions).
 */
class AuthorizationMatrixIT {

  private static final List<String> ROLES =
      List.of("candidate", "cohort_admin", "analyst", "admin");
  private static final Set<String> CANDIDATE = Set.of("candidate");
  private static final Set<String> COHORT_ADMIN = Set.of("cohort_admin");
  private static final Set<String> ANALYST = Set.of("analyst");
  private static final Set<String> EVERYONE = Set.of("candidate", "cohort_admin", "analyst");
  private static final Set<String> PUBLIC = Set.of();

  /** What an endpoint's id names: nothing (the caller themself), or a resource with an owner. */
  enum Scope {
    SELF,
    SESSION,
    BATCH,
    COHORT
  }

  /**
   * One row of the matrix; {@code {session}}, {@code {cohort}}… are filled per owner. The body is
   * JSON unless a content type is named.
   */
  record Endpoint(
      String method, String path, Set<String> roles, Scope scope, String body, String contentType) {

    Endpoint(String method, String path, Set<String> roles, Scope scope, String body) {
      this(method, path, roles, scope, body, null);
    }
  }

  /** In the order they run: writes that need an earlier one come after it, erasure last. */
  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/health", PUBLIC, Scope.SELF, null),
          new Endpoint("GET", "/ready", PUBLIC, Scope.SELF, null),
          new Endpoint("GET", "/metrics", PUBLIC, Scope.SELF, null),
          new Endpoint("GET", "/openapi.json", PUBLIC, Scope.SELF, null),
          new Endpoint("GET", "/docs", PUBLIC, Scope.SELF, null),
          new Endpoint(
              "POST", "/ai-interview/profile", CANDIDATE, Scope.SELF, "{\"targetRole\":\"Dev\"}"),
          new Endpoint("GET", "/ai-interview/profile", CANDIDATE, Scope.SELF, null),
          new Endpoint(
              "PUT", "/ai-interview/profile", CANDIDATE, Scope.SELF, "{\"targetRole\":\"Lead\"}"),
          new Endpoint("POST", "/ai-interview/profile/index", CANDIDATE, Scope.SELF, null),
          new Endpoint(
              "POST",
              "/ai-interview/profile/resume",
              CANDIDATE,
              Scope.SELF,
              "Ten years of building payment systems in Java and Kafka.",
              "text/plain"),
          new Endpoint(
              "POST",
              "/ai-interview/sessions",
              CANDIDATE,
              Scope.SELF,
              "{\"type\":\"case\",\"role\":\"Dev\"}"),
          new Endpoint("GET", "/ai-interview/sessions", CANDIDATE, Scope.SELF, null),
          new Endpoint("GET", "/ai-interview/sessions/{session}", CANDIDATE, Scope.SESSION, null),
          new Endpoint(
              "GET",
              "/ai-interview/sessions/{session}/questions/0/audio",
              CANDIDATE,
              Scope.SESSION,
              null),
          new Endpoint(
              "POST",
              "/ai-interview/sessions/{session}/message",
              CANDIDATE,
              Scope.SESSION,
              "{\"text\":\"I would start with the data model.\"}"),
          new Endpoint(
              "POST",
              "/ai-interview/sessions/{session}/audio",
              CANDIDATE,
              Scope.SESSION,
              silentWav(),
              "audio/wav"),
          new Endpoint(
              "POST",
              "/ai-interview/livekit/token",
              CANDIDATE,
              Scope.SESSION,
              "{\"sessionId\":\"{session}\"}"),
          new Endpoint(
              "POST", "/ai-interview/sessions/{session}/complete", CANDIDATE, Scope.SESSION, null),
          new Endpoint(
              "POST", "/ai-interview/sessions/{session}/assess", CANDIDATE, Scope.SESSION, null),
          new Endpoint(
              "GET", "/ai-interview/sessions/{session}/assessment", CANDIDATE, Scope.SESSION, null),
          new Endpoint("GET", "/ai-interview/batches/{batch}", EVERYONE, Scope.BATCH, null),
          new Endpoint(
              "POST", "/ai-interview/cohorts", COHORT_ADMIN, Scope.SELF, "{\"name\":\"Matrix\"}"),
          new Endpoint("GET", "/ai-interview/cohorts", COHORT_ADMIN, Scope.SELF, null),
          new Endpoint("GET", "/ai-interview/cohorts/{cohort}", COHORT_ADMIN, Scope.COHORT, null),
          new Endpoint(
              "PUT",
              "/ai-interview/cohorts/{cohort}/rubric",
              COHORT_ADMIN,
              Scope.COHORT,
              "{\"rubric\":{\"content\":1}}"),
          new Endpoint(
              "POST",
              "/ai-interview/cohorts/{cohort}/members",
              COHORT_ADMIN,
              Scope.COHORT,
              "{\"userId\":\"mx-member\"}"),
          new Endpoint(
              "GET", "/ai-interview/cohorts/{cohort}/members", COHORT_ADMIN, Scope.COHORT, null),
          new Endpoint(
              "GET", "/ai-interview/cohorts/{cohort}/dimensions", COHORT_ADMIN, Scope.COHORT, null),
          new Endpoint(
              "POST", "/ai-interview/cohorts/{cohort}/invites", COHORT_ADMIN, Scope.COHORT, null),
          new Endpoint(
              "POST", "/ai-interview/cohorts/join", CANDIDATE, Scope.SELF, "{\"code\":\"{code}\"}"),
          new Endpoint(
              "POST", "/ai-interview/cohorts/{cohort}/batches", COHORT_ADMIN, Scope.COHORT, null),
          new Endpoint(
              "GET",
              "/ai-interview/cohorts/{cohort}/batches/{cohortBatch}",
              COHORT_ADMIN,
              Scope.COHORT,
              null),
          new Endpoint(
              "DELETE",
              "/ai-interview/cohorts/{cohort}/members/mx-member",
              COHORT_ADMIN,
              Scope.COHORT,
              null),
          new Endpoint("GET", "/ai-interview/analytics/summary", ANALYST, Scope.SELF, null),
          new Endpoint("GET", "/ai-interview/analytics/distribution", ANALYST, Scope.SELF, null),
          new Endpoint(
              "GET", "/ai-interview/analytics/trends?interval=day", ANALYST, Scope.SELF, null),
          new Endpoint(
              "GET", "/ai-interview/analytics/breakdown?by=type", ANALYST, Scope.SELF, null),
          new Endpoint("DELETE", "/ai-interview/profile", CANDIDATE, Scope.SELF, null));

  private static Stack stack;

  /**
   * A short silent WAV (16-bit mono PCM at 11,025 Hz, 514 frames) whose every byte is below 0x80,
   * so it travels as the matrix's text body unchanged.
   */
  private static String silentWav() {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44 + 1028).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 1028);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(11_025).putInt(22_050);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1028);
    return new String(b.array(), java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Resource ids per owner: the "other" owner's, then each role's own. */
  private static final Map<String, Map<String, String>> IDS = new java.util.HashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    stack = LocalStack.get();
    // another candidate's session and batch, another cohort admin's cohort and cohort batch
    ApiClient otherCandidate = client("mx-other", "candidate");
    Map<String, String> other = new java.util.HashMap<>();
    other.put("session", session(otherCandidate));
    other.put(
        "batch",
        otherCandidate
            .post("/ai-interview/sessions/" + other.get("session") + "/assess", Map.of())
            .body()
            .path("batchId")
            .asText());
    ApiClient otherAdmin = client("mx-other", "cohort_admin");
    other.put("cohort", cohort(otherAdmin));
    otherAdmin.post(
        "/ai-interview/cohorts/" + other.get("cohort") + "/members", Map.of("userId", "mx-member"));
    other.put("cohortBatch", cohortBatch(otherAdmin, other.get("cohort")));
    IDS.put("other", other);
    // each role's own resources, where the role can own them
    for (String role : ROLES) {
      Map<String, String> own = new java.util.HashMap<>(other);
      if (role.equals("candidate") || role.equals("admin")) {
        ApiClient me = client("mx-" + role, role);
        own.put("session", session(me));
        // the own batch is the assessment the matrix requests; until then, another own one
        String spare = session(me);
        own.put(
            "batch",
            me.post("/ai-interview/sessions/" + spare + "/assess", Map.of())
                .body()
                .path("batchId")
                .asText());
      }
      if (role.equals("cohort_admin") || role.equals("admin")) {
        ApiClient me = client("mx-" + role, role);
        own.put("cohort", cohort(me));
        me.post(
            "/ai-interview/cohorts/" + own.get("cohort") + "/members",
            Map.of("userId", "mx-member"));
        own.put("cohortBatch", cohortBatch(me, own.get("cohort")));
        if (role.equals("cohort_admin")) {
          own.put("batch", own.get("cohortBatch"));
        }
        own.put(
            "code",
            me.post("/ai-interview/cohorts/" + own.get("cohort") + "/invites", Map.of())
                .body()
                .path("code")
                .asText());
      }
      IDS.put(role, own);
    }
    IDS.get("candidate").put("code", IDS.get("cohort_admin").get("code"));
    IDS.get("other").put("code", IDS.get("cohort_admin").get("code"));
  }

  @Test
  void everyEndpointRoleAndOwnerGetsTheExpectedStatus() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Endpoint e : ENDPOINTS) {
      for (String role : ROLES) {
        ApiClient caller = client("mx-" + role, role);
        boolean allowed = e.roles().isEmpty() || e.roles().contains(role) || role.equals("admin");
        if (!allowed) {
          checked++;
          expect(failures, e, role, "other", caller, 403);
          continue;
        }
        if (e.scope() == Scope.SELF) {
          checked++;
          expect(failures, e, role, role, caller, 2);
          continue;
        }
        boolean adminSeesAll =
            role.equals("admin") && (e.scope() == Scope.COHORT || e.scope() == Scope.BATCH);
        checked++;
        // another's first: a refused call changes nothing the own call needs
        expect(failures, e, role, "other", caller, adminSeesAll ? 2 : 404);
        if (!(role.equals("analyst") && e.scope() == Scope.BATCH)) { // analysts start no batch
          checked++;
          expect(failures, e, role, role, caller, 2);
        }
      }
    }
    assertThat(failures).as("%d checks", checked).isEmpty();
    assertThat(checked).isGreaterThan(ENDPOINTS.size() * ROLES.size());
  }

  @Test
  void theMatrixCoversEveryDocumentedOperationWithItsDocumentedRoles() throws Exception {
    JsonNode paths =
        new ObjectMapper()
            .readTree(new java.net.URL(stack.config().apiUrl() + "/openapi.json"))
            .path("paths");
    Map<String, Set<String>> documented = new java.util.TreeMap<>();
    paths
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          Set<String> roles = new TreeSet<>();
                          op.getValue().path("x-roles").forEach(r -> roles.add(r.asText()));
                          roles.remove("admin");
                          documented.put(
                              op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), roles);
                        }));
    documented.remove("GET /ai-interview/sessions/{id}/stream"); // CandidateJourneyIT
    // signed by LiveKit, not by a role's token: LiveKitWebhookHttpTest
    documented.remove("POST /livekit/webhook");
    Map<String, Set<String>> matrix = new java.util.TreeMap<>();
    for (Endpoint e : ENDPOINTS) {
      String path =
          e.path()
              .replaceAll("\\?.*", "")
              .replace("{session}", "{id}")
              .replace("{batch}", "{id}")
              .replace("{cohort}", "{id}")
              .replace("{cohortBatch}", "{batchId}")
              .replace("/questions/0/", "/questions/{index}/")
              .replace("mx-member", "{userId}");
      matrix.put(e.method() + " " + path, new TreeSet<>(e.roles()));
    }
    assertThat(matrix).isEqualTo(documented);
  }

  private static void expect(
      List<String> failures, Endpoint e, String role, String owner, ApiClient caller, int expected)
      throws Exception {
    Map<String, String> ids = IDS.get(owner);
    String path = fill(e.path(), ids);
    int status;
    if (e.contentType() != null) {
      byte[] raw = fill(e.body(), ids).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      status = caller.send(e.method(), path, e.contentType(), raw).status();
    } else {
      Object body = e.body() == null ? null : new ObjectMapper().readTree(fill(e.body(), ids));
      if (body == null && e.method().equals("POST")) {
        body = Map.of();
      }
      status = caller.send(e.method(), path, body).status();
    }
    boolean ok = expected == 2 ? status >= 200 && status < 300 : status == expected;
    if (!ok) {
      failures.add(
          e.method()
              + " "
              + e.path()
              + " as "
              + role
              + " on "
              + owner
              + "'s: "
              + status
              + " (expected "
              + (expected == 2 ? "2xx" : expected)
              + ")");
    }
  }

  private static String fill(String template, Map<String, String> ids) {
    String out = template;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      out = out.replace("{" + id.getKey() + "}", id.getValue());
    }
    return out;
  }

  private static ApiClient client(String user, String role) {
    return new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, user, role));
  }

  /** A new session of {@code me}, once its projection can be read. */
  private static String session(ApiClient me) throws Exception {
    String id =
        me.post(
                "/ai-interview/sessions",
                Map.of("type", "technical", "role", "Dev", "questionCount", 3))
            .body()
            .path("id")
            .asText();
    eventually(() -> me.get("/ai-interview/sessions/" + id).status() == 200 ? true : null);
    return id;
  }

  private static String cohort(ApiClient me) throws Exception {
    return me.post("/ai-interview/cohorts", Map.of("name", "Matrix")).body().path("id").asText();
  }

  private static String cohortBatch(ApiClient me, String cohort) throws Exception {
    return me.post("/ai-interview/cohorts/" + cohort + "/batches", Map.of())
        .body()
        .path("batchId")
        .asText();
  }
}
