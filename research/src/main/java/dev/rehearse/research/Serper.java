package dev.rehearse.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Serper's Google search API: {@code POST /search} with {@code X-API-KEY: <key>} and {@code {q,
 * num}}; the reply's {@code organic[]} carry {@code title}, {@code link} and {@code snippet}. A
 * query without organic results may come back without the array: that is no results, not a bad
 * reply, as long as the reply echoes its {@code searchParameters}.
 */
final class Serper implements WireFormat {

  @Override
  public HttpRequest.Builder authorize(HttpRequest.Builder request, String apiKey) {
    return request.header("X-API-KEY", apiKey);
  }

  @Override
  public ObjectNode body(ObjectNode body, String query, int max) {
    return body.put("q", query).put("num", max);
  }

  @Override
  public List<SearchHit> hits(JsonNode reply) {
    if (!reply.has("organic") && reply.path("searchParameters").isObject()) {
      return List.of();
    }
    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode item : WireFormat.array(reply, "organic")) {
      hits.add(
          new SearchHit(
              WireFormat.text(item, "title"),
              WireFormat.text(item, "snippet"),
              WireFormat.text(item, "link")));
    }
    return hits;
  }
}
