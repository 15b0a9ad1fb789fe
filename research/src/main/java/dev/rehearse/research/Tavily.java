package dev.rehearse.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Tavily's search API: {@code POST /search} with {@code Authorization: Bearer <key>} and {@code
 * {query, max_results, search_depth, topic, include_answer, include_raw_content}}; the reply's
 * {@code results[]} carry {@code title}, {@code url} and {@code content}.
 */
final class Tavily implements WireFormat {

  @Override
  public HttpRequest.Builder authorize(HttpRequest.Builder request, String apiKey) {
    return request.header("Authorization", "Bearer " + apiKey);
  }

  @Override
  public ObjectNode body(ObjectNode body, String query, int max) {
    return body.put("query", query)
        .put("max_results", max)
        .put("search_depth", "basic")
        .put("topic", "general")
        .put("include_answer", false)
        .put("include_raw_content", false);
  }

  @Override
  public List<SearchHit> hits(JsonNode reply) {
    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode item : WireFormat.array(reply, "results")) {
      hits.add(
          new SearchHit(
              WireFormat.text(item, "title"),
              WireFormat.text(item, "content"),
              WireFormat.text(item, "url")));
    }
    return hits;
  }
}
