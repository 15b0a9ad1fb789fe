package dev.rehearse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.search.Indices;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The analysts' role reaches the analytics indices and no other. This Elasticsearch (the integ-test
 * distribution) has no security module, so the role cannot be tried on it: the test matches the
 * role's index patterns as Elasticsearch does (a {@code *} is any characters) against every alias
 * and versioned index name Rehearse creates.
 */
class AnalystRoleTest {

  private static JsonNode role() throws IOException {
    try (InputStream in =
        AnalystRoleTest.class.getResourceAsStream("/security/rehearse-analyst-role.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static List<Pattern> patterns(JsonNode role) {
    List<Pattern> patterns = new ArrayList<>();
    for (JsonNode grant : role.path("elasticsearch").path("indices")) {
      for (JsonNode name : grant.path("names")) {
        String[] parts = name.asText().split("\\*", -1);
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
          quoted.add(Pattern.quote(part));
        }
        patterns.add(Pattern.compile(String.join(".*", quoted)));
      }
    }
    return patterns;
  }

  private static boolean readable(List<Pattern> patterns, String index) {
    return patterns.stream().anyMatch(p -> p.matcher(index).matches());
  }

  @Test
  void analystsReadTheAnalyticsIndicesAndNeitherTurnsNorSessionsNorProfiles() throws IOException {
    JsonNode role = role();
    List<Pattern> patterns = patterns(role);

    for (Indices.Index index : Indices.all()) {
      boolean analytics = Indices.analytics().contains(index);
      for (String name : List.of(index.alias(), index.version(1), index.version(7))) {
        assertThat(readable(patterns, name)).as(name).isEqualTo(analytics);
      }
    }
    assertThat(readable(patterns, "turns")).isFalse();
  }

  @Test
  void theRoleGrantsOnlyReadingAndNoClusterPrivilege() throws IOException {
    JsonNode role = role();

    assertThat(role.path("elasticsearch").path("cluster")).isEmpty();
    for (JsonNode grant : role.path("elasticsearch").path("indices")) {
      List<String> privileges = new ArrayList<>();
      grant.path("privileges").forEach(p -> privileges.add(p.asText()));
      assertThat(privileges).containsExactlyInAnyOrder("read", "view_index_metadata");
      assertThat(grant.has("field_security") || grant.has("query")).as("paid features").isFalse();
    }
    role.path("kibana")
        .forEach(
            k ->
                k.path("feature")
                    .forEach(f -> f.forEach(p -> assertThat(p.asText()).isEqualTo("read"))));
  }
}
