package dev.rehearse.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Exa's search API: {@code POST /search} with {@code x-api-key: <key>} and {@code {query, type,
 * numResults, contents: {highlights: {numSentences, highlightsPerUrl}, text: {maxCharacters}}}};
 * the reply's {@code results[]} carry {@code title}, {@code url}, {@code highlights[]} and {@code
 * text}. The highlights are the passages most relevant to the query, so they are preferred; the
 * page text is the fallback.
 */
final class Exa implements WireFormat {

  @Override
  public HttpRequest.Builder authorize(HttpRequest.Builder request, String apiKey) {
    return request.header("x-api-key", apiKey);
  }

  @Override
  public ObjectNode body(ObjectNode body, String query, int max) {
    body.put("query", query).put("type", "auto").put("numResults", max);
    ObjectNode contents = body.putObject("contents");
    contents.putObject("highlights").put("numSentences", 3).put("highlightsPerUrl", 2);
    contents.putObject("text").put("maxCharacters", ResearchText.MAX_TEXT * 2);
    return body;
  }

  @Override
  public List<SearchHit> hits(JsonNode reply) {
    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode item : WireFormat.array(reply, "results")) {
      StringBuilder highlights = new StringBuilder();
      JsonNode list = item.get("highlights");
      if (list != null && list.isArray()) {
        for (JsonNode h : list) {
          if (h.isTextual()) {
            highlights.append(h.asText()).append(' ');
          }
        }
      }
      String text =
          highlights.toString().isBlank() ? WireFormat.text(item, "text") : highlights.toString();
      hits.add(new SearchHit(WireFormat.text(item, "title"), text, WireFormat.text(item, "url")));
    }
    return hits;
  }
}
