package dev.rehearse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.dashboards.SavedObject;
import dev.rehearse.dashboards.SavedObjects;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.cli.BatchCommand;
import dev.rehearse.deploy.stack.Stack;
import dev.rehearse.search.Indices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' fields on the real Elasticsearch: for every data view of the bundle, {@code
 * _field_caps} on its alias (as the stack provisioned it) has every field a panel, a control or the
 * time filter uses, aggregatable, and of a type the panel's operation takes. And the indices behind
 * them are filled: after an assessment batch the analytics indices hold the sessions, questions and
 * cohort progress of six candidates, and no document names a user or a session.
 */
class DashboardFieldCapsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> NUMBERS = Set.of("double", "long", "integer", "float");

  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  /** A use of a field: the data view's alias, the field, the operation (or what uses it). */
  private record Use(String alias, String field, String operation) {}

  private static List<Use> uses(List<SavedObject> bundle) throws Exception {
    Map<String, String> aliasByView = new HashMap<>();
    List<Use> uses = new ArrayList<>();
    for (SavedObject o : bundle) {
      if (o.type().equals("index-pattern")) {
        aliasByView.put(o.id(), o.title());
        uses.add(
            new Use(o.title(), o.attributes().path("timeFieldName").asText(), "date_histogram"));
      }
    }
    for (SavedObject o : bundle) {
      if (o.type().equals("lens")) {
        JsonNode layers =
            o.attributes().path("state").path("datasourceStates").path("formBased").path("layers");
        Iterator<Map.Entry<String, JsonNode>> it = layers.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> layer = it.next();
          String view =
              o.references().stream()
                  .filter(r -> r.name().equals("indexpattern-datasource-layer-" + layer.getKey()))
                  .findFirst()
                  .orElseThrow()
                  .id();
          for (JsonNode column : layer.getValue().path("columns")) {
            String field = column.path("sourceField").asText();
            if (!field.equals("___records___")) {
              uses.add(
                  new Use(aliasByView.get(view), field, column.path("operationType").asText()));
            }
          }
        }
      }
      if (o.type().equals("dashboard") && o.attributes().has("controlGroupInput")) {
        JsonNode controls =
            MAPPER.readTree(o.attributes().path("controlGroupInput").path("panelsJSON").asText());
        Iterator<Map.Entry<String, JsonNode>> it = controls.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> control = it.next();
          String view =
              o.references().stream()
                  .filter(
                      r ->
                          r.name()
                              .equals("controlGroup_" + control.getKey() + ":optionsListDataView"))
                  .findFirst()
                  .orElseThrow()
                  .id();
          uses.add(
              new Use(
                  aliasByView.get(view),
                  control.getValue().path("explicitInput").path("fieldName").asText(),
                  "terms"));
        }
      }
    }
    return uses;
  }

  private static JsonNode fieldCaps(String alias) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.config().elasticsearchUrl()
                                + "/"
                                + alias
                                + "/_field_caps?fields=*"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body()).path("fields");
  }

  @Test
  void everyFieldTheDashboardsUseIsAggregatableAndOfItsOperationsType() throws Exception {
    List<Use> uses = uses(SavedObjects.bundled());
    Map<String, JsonNode> caps = new HashMap<>();
    for (Use use : uses) {
      if (!caps.containsKey(use.alias())) {
        caps.put(use.alias(), fieldCaps(use.alias()));
      }
    }

    assertThat(uses).hasSizeGreaterThan(30);
    for (Use use : uses) {
      JsonNode byType = caps.get(use.alias()).path(use.field());
      assertThat(byType.size()).as(use + " has one type").isEqualTo(1);
      String type = byType.fieldNames().next();
      assertThat(byType.path(type).path("aggregatable").asBoolean())
          .as(use + " aggregatable")
          .isTrue();
      switch (use.operation()) {
        case "date_histogram" -> assertThat(type).as(use.toString()).isEqualTo("date");
        case "terms" -> assertThat(type).as(use.toString()).isIn("keyword", "boolean");
        case "unique_count" -> assertThat(type).as(use.toString()).isEqualTo("keyword");
        default -> assertThat(type).as(use.toString()).isIn(NUMBERS);
      }
    }
  }

  private static ApiClient as(String user, String role) {
    return new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, user, role));
  }

  @Test
  void afterAnAssessmentAndAnAnalyticsBatchTheAnalyticsIndicesHoldPseudonymisedDocuments()
      throws Exception {
    ApiClient admin = as("analytics-admin", "cohort_admin");
    ApiClient.Response created =
        admin.post("/ai-interview/cohorts", Map.of("name", "Analytics cohort"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String cohort = created.body().path("id").asText();
    // six candidates, all in the cohort, each answering the same first question (sessions start
    // at different places in the question bank: a candidate starts until theirs comes first), so
    // the question, the seniority and the cohort all reach the minimum group of five
    List<String> users = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    String question = null;
    for (int i = 0; i < 6; i++) {
      String user = "analytics-candidate-" + i;
      users.add(user);
      ApiClient.Response enrolled =
          admin.post("/ai-interview/cohorts/" + cohort + "/members", Map.of("userId", user));
      assertThat(enrolled.status()).as(enrolled.body().toString()).isIn(200, 201);
      ApiClient me = as(user, "candidate");
      String session = null;
      for (int attempt = 0; attempt < 300 && session == null; attempt++) {
        ApiClient.Response started =
            me.post(
                "/ai-interview/sessions",
                Map.of(
                    "type", "behavioral",
                    "role", "Engineer",
                    "seniority", "senior",
                    "language", "en",
                    "questionCount", 2));
        assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
        String asked = started.body().path("question").path("questionId").asText();
        if (asked.isEmpty()) {
          continue; // the interviewer had not asked yet: start another
        }
        question = question == null ? asked : question;
        if (asked.equals(question)) {
          session = started.body().path("id").asText();
        }
      }
      assertThat(session).as(user + " got question " + question + " first").isNotNull();
      ApiClient.Response answered =
          me.post(
              "/ai-interview/sessions/" + session + "/message",
              Map.of(
                  "text",
                  "When the release slipped I owned the plan. I cut the scope with the team and"
                      + " shipped on time, and the churn fell by a tenth.",
                  "durationMs",
                  11_000));
      assertThat(answered.status()).as(answered.body().toString()).isIn(200, 202);
      assertThat(me.post("/ai-interview/sessions/" + session + "/complete", Map.of()).status())
          .isEqualTo(200);
      sessions.add(session);
    }
    LocalStack.eventually(
        () ->
            LocalStack.lakeRows(stack, "bronze/answers/").stream()
                    .map(r -> r.get("sessionId"))
                    .collect(java.util.stream.Collectors.toSet())
                    .containsAll(sessions)
                ? true
                : null);

    for (String batch : List.of("assess", "analytics")) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exit =
          new BatchCommand(stack.config(), new PrintStream(output, true, StandardCharsets.UTF_8))
              .run(List.of(batch));
      String shown = output.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(shown).isZero();
    }

    // the stack is shared: other tests' sessions are in the indices too; this cohort's are six
    JsonNode analyticsSessions = all(Indices.ANALYTICS_SESSIONS.alias());
    JsonNode questions = all(Indices.ANALYTICS_QUESTIONS.alias());
    JsonNode progress = all(Indices.ANALYTICS_COHORT_PROGRESS.alias());
    List<JsonNode> cohortSessions = ofCohort(analyticsSessions, cohort);
    List<JsonNode> cohortProgress = ofCohort(progress, cohort);
    assertThat(cohortSessions).as("analytics-sessions of the cohort").hasSize(6);
    for (JsonNode hit : cohortSessions) {
      JsonNode doc = hit.path("_source");
      assertThat(doc.path("cohortId").asText()).isEqualTo(cohort);
      assertThat(doc.path("seniority").asText()).isEqualTo("senior");
      assertThat(doc.path("language").asText()).isEqualTo("en");
      assertThat(doc.path("completed").asBoolean()).isTrue();
    }
    String shared = question;
    assertThat(questions).as("analytics-questions").isNotEmpty();
    assertThat(questions)
        .anySatisfy(
            q -> {
              assertThat(q.path("_source").path("questionId").asText()).isEqualTo(shared);
              assertThat(q.path("_source").path("candidates").asInt()).isGreaterThanOrEqualTo(6);
            });
    assertThat(cohortProgress).as("analytics-cohort-progress of the cohort").hasSize(6);
    for (JsonNode hit : cohortProgress) {
      assertThat(hit.path("_source").path("cohortMembers").asInt()).isEqualTo(6);
    }
    for (JsonNode hits : List.of(analyticsSessions, questions, progress)) {
      for (JsonNode hit : hits) {
        JsonNode doc = hit.path("_source");
        assertThat(doc.has("userId")).as(hit.toString()).isFalse();
        assertThat(doc.has("sessionId")).as(hit.toString()).isFalse();
        String text = hit.toString();
        for (String named : users) {
          assertThat(text).doesNotContain(named);
        }
        for (String id : sessions) {
          assertThat(text).doesNotContain(id);
        }
      }
    }
  }

  /** The hits whose document names {@code cohort}. */
  private static List<JsonNode> ofCohort(JsonNode hits, String cohort) {
    List<JsonNode> of = new ArrayList<>();
    hits.forEach(
        h -> {
          if (h.path("_source").path("cohortId").asText().equals(cohort)) {
            of.add(h);
          }
        });
    return of;
  }

  /** Every document behind an alias, with its id. */
  private static JsonNode all(String alias) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.config().elasticsearchUrl() + "/" + alias + "/_search?size=1000"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body()).path("hits").path("hits");
  }
}
