package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueriesTest {

  private static String json(Query query) {
    return JsonpUtils.toJsonString(query, new JacksonJsonpMapper());
  }

  @Test
  void aTermMatchesOneValueOfAField() {
    assertThat(json(Queries.term("userId", "u1")))
        .isEqualTo("{\"term\":{\"userId\":{\"value\":\"u1\"}}}");
  }

  @Test
  void termsMatchAnyOfTheValues() {
    assertThat(json(Queries.terms("userId", List.of("u1", "u2"))))
        .isEqualTo("{\"terms\":{\"userId\":[\"u1\",\"u2\"]}}");
  }

  @Test
  void allOfCombinesFiltersWithoutScoring() {
    assertThat(json(Queries.allOf(Queries.term("a", "1"), Queries.term("b", "2"))))
        .isEqualTo(
            "{\"bool\":{\"filter\":[{\"term\":{\"a\":{\"value\":\"1\"}}},"
                + "{\"term\":{\"b\":{\"value\":\"2\"}}}]}}");
  }
}
