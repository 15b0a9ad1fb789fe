package dev.rehearse.deploy;

import static dev.rehearse.deploy.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.deploy.cli.ApiClient;
import dev.rehearse.deploy.cli.BatchCommand;
import dev.rehearse.deploy.stack.Stack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RAG reindex on the real stack, run as an operator does ({@code ./rehearse batch reindex}):
 * profiles and their chunks are rebuilt into new index versions while searches keep answering, the
 * aliases move, and the live profile job writes to the new versions afterwards.
 */
class ReindexIT {

  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.get();
  }

  private static Map<String, Object> profile(String resume) {
    return Map.of(
        "targetRole",
        "Data Engineer",
        "technicalSkills",
        List.of("Spark", "Airflow"),
        "resumeText",
        resume);
  }

  private static String chunksQuery(String user) {
    return "{\"size\":50,\"query\":{\"term\":{\"userId\":\"" + user + "\"}}}";
  }

  private static String aliasTarget(String alias) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(stack.config().elasticsearchUrl() + "/_alias/" + alias))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    assertThat(body.size()).as(r.body()).isEqualTo(1);
    return body.fieldNames().next();
  }

  @Test
  void profilesAreRebuiltIntoNewVersionsWhileSearchesKeepAnswering() throws Exception {
    List<String> users = List.of("reindex-a", "reindex-b", "reindex-c");
    for (String user : users) {
      ApiClient me = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, user));
      assertThat(
              me.post(
                      "/ai-interview/profile",
                      profile(
                          "Migrated nightly batch jobs of "
                              + user
                              + " to Spark on Kubernetes.\n\nRan Airflow for 40 pipelines."))
                  .status())
          .isEqualTo(201);
    }
    for (String user : users) {
      eventually(
          () ->
              LocalStack.search(stack, "profile-chunks", chunksQuery(user)).size() >= 2 ? 1 : null);
    }
    String chunksBefore = aliasTarget("profile-chunks");
    String profilesBefore = aliasTarget("profiles");

    // searches run all through the rebuild; every one of them must find the chunks
    AtomicBoolean rebuilding = new AtomicBoolean(true);
    CompletableFuture<List<Integer>> searches =
        CompletableFuture.supplyAsync(
            () -> {
              List<Integer> found = new ArrayList<>();
              try {
                while (rebuilding.get()) {
                  found.add(
                      LocalStack.search(stack, "profile-chunks", chunksQuery("reindex-a")).size());
                  Thread.sleep(50);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return found;
            });
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try {
      exit =
          new BatchCommand(stack.config(), new PrintStream(output, true, StandardCharsets.UTF_8))
              .run(List.of("reindex"));
    } finally {
      rebuilding.set(false);
    }
    String shown = output.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(shown).isZero();
    assertThat(shown).contains("state      succeeded", "[####################] 100%");
    assertThat(shown.lines().filter(l -> l.startsWith("processed")).findFirst().orElseThrow())
        .matches("processed  \\d+");
    assertThat(searches.get()).isNotEmpty().allMatch(n -> n >= 2);
    assertThat(aliasTarget("profile-chunks"))
        .isNotEqualTo(chunksBefore)
        .startsWith("profile-chunks-v");
    assertThat(aliasTarget("profiles")).isNotEqualTo(profilesBefore).startsWith("profiles-v");
    // the new version records the model of its vectors: the next rebuild may reuse them
    HttpResponse<String> mapping =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.config().elasticsearchUrl()
                                + "/"
                                + aliasTarget("profile-chunks")
                                + "/_mapping"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(mapping.body())
                .findPath("_meta")
                .path("embeddingModel")
                .asText())
        .as(mapping.body())
        .isEqualTo(dev.rehearse.search.Embedder.MODEL);
    for (String user : users) {
      JsonNode chunks = LocalStack.search(stack, "profile-chunks", chunksQuery(user));
      assertThat(chunks.size()).isGreaterThanOrEqualTo(2);
      assertThat(chunks.get(0).path("_source").path("vector").size()).isEqualTo(384);
      assertThat(chunks.toString()).contains(user);
    }

    // the live profile job writes through the alias, to the new version
    ApiClient a = new ApiClient(stack.config().apiUrl(), LocalStack.token(stack, "reindex-a"));
    assertThat(
            a.put("/ai-interview/profile", profile("Now leads the Flink platform team.")).status())
        .isEqualTo(200);
    eventually(
        () ->
            LocalStack.search(stack, "profile-chunks", chunksQuery("reindex-a"))
                    .toString()
                    .contains("Flink platform")
                ? 1
                : null);
    assertThat(LocalStack.search(stack, "profile-chunks", chunksQuery("reindex-a")).toString())
        .doesNotContain("Airflow for 40");
  }
}
