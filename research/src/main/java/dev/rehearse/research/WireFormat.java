package dev.rehearse.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * How one provider is spoken to: its authentication header, its request body and where the results
 * are in its reply. All three take {@code POST <base URL>/search} with a JSON body.
 */
interface WireFormat {

  /** {@code request} with the provider's authentication header. */
  HttpRequest.Builder authorize(HttpRequest.Builder request, String apiKey);

  /** The JSON body asking for at most {@code max} results for {@code query}. */
  ObjectNode body(ObjectNode empty, String query, int max);

  /**
   * The results of a reply with status 200.
   *
   * @throws MalformedReply when the reply is not shaped as the provider documents it
   */
  List<SearchHit> hits(JsonNode reply);

  /** A reply that is JSON but not of the provider's shape. */
  final class MalformedReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedReply(String message) {
      super(message, null, false, false);
    }
  }

  /** The array at {@code field} of {@code reply}; missing or of another type, the reply is bad. */
  static JsonNode array(JsonNode reply, String field) {
    JsonNode array = reply.get(field);
    if (array == null || !array.isArray()) {
      throw new MalformedReply("no '" + field + "' array in the reply");
    }
    return array;
  }

  /** The text at {@code field}, or empty when it is missing or not text. */
  static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }
}
