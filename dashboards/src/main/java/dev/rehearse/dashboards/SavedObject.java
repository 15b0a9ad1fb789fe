package dev.rehearse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One Kibana saved object as it is exported and imported: {@code type}, {@code id}, {@code
 * attributes}, {@code references} and its migration versions.
 *
 * @param json the whole object; not to be modified
 */
public record SavedObject(String type, String id, ObjectNode json) {

  /** A reference from one saved object to another, by name. */
  public record Reference(String name, String type, String id) {}

  /** The saved object in {@code json}, which must name its type and id. */
  public static SavedObject of(ObjectNode json) {
    String type = json.path("type").asText("");
    String id = json.path("id").asText("");
    if (type.isEmpty() || id.isEmpty()) {
      throw new IllegalArgumentException("a saved object needs a type and an id: " + json);
    }
    return new SavedObject(type, id, json);
  }

  /** The object's title (a data view's is its index pattern). */
  public String title() {
    return json.path("attributes").path("title").asText("");
  }

  public JsonNode attributes() {
    return json.path("attributes");
  }

  /** The object's references, in order. */
  public List<Reference> references() {
    List<Reference> references = new ArrayList<>();
    for (JsonNode r : json.path("references")) {
      references.add(
          new Reference(r.path("name").asText(), r.path("type").asText(), r.path("id").asText()));
    }
    return references;
  }
}
