package dev.rehearse.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.research.ResearchSettings.Kind;
import java.util.List;

/** Replies of each provider's search API, shaped as its documentation shows them. */
final class ProviderReplies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One page a fake search finds. */
  record Page(String title, String text, String url) {}

  private ProviderReplies() {}

  static String of(Kind kind, String query, List<Page> pages) {
    return switch (kind) {
      case TAVILY -> tavily(query, pages);
      case EXA -> exa(pages);
      case SERPER -> serper(query, pages);
    };
  }

  static String tavily(String query, List<Page> pages) {
    ObjectNode reply = MAPPER.createObjectNode().put("query", query);
    reply.putNull("follow_up_questions");
    reply.putNull("answer");
    reply.putArray("images");
    ArrayNode results = reply.putArray("results");
    double score = 0.9;
    for (Page p : pages) {
      results
          .addObject()
          .put("title", p.title())
          .put("url", p.url())
          .put("content", p.text())
          .put("score", score)
          .putNull("raw_content");
      score -= 0.05;
    }
    reply.put("response_time", 1.12);
    return reply.toString();
  }

  static String exa(List<Page> pages) {
    ObjectNode reply =
        MAPPER.createObjectNode().put("requestId", "b5947044c4b78efa9552a7c89b306d95");
    reply.put("resolvedSearchType", "neural");
    ArrayNode results = reply.putArray("results");
    for (Page p : pages) {
      ObjectNode r =
          results
              .addObject()
              .put("id", p.url())
              .put("title", p.title())
              .put("url", p.url())
              .put("publishedDate", "2026-11-20T00:00:00.000Z")
              .putNull("author")
              .put("text", "Full page text. " + p.text());
      r.putArray("highlights").add(p.text());
      r.putArray("highlightScores").add(0.46);
    }
    reply.putObject("costDollars").put("total", 0.005);
    return reply.toString();
  }

  static String serper(String query, List<Page> pages) {
    ObjectNode reply = MAPPER.createObjectNode();
    reply
        .putObject("searchParameters")
        .put("q", query)
        .put("type", "search")
        .put("num", 8)
        .put("engine", "google");
    ArrayNode organic = reply.putArray("organic");
    int position = 1;
    for (Page p : pages) {
      organic
          .addObject()
          .put("title", p.title())
          .put("link", p.url())
          .put("snippet", p.text())
          .put("position", position++);
    }
    reply.put("credits", 1);
    return reply.toString();
  }
}
