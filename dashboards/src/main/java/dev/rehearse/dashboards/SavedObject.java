package dev.rehearse.dashboards;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Kibana saved object as it is exported and imported: {@code type}, {@code id}, {@code
 * attributes}, {@code references} and its migration versions.
 *
 * @param json the whole object; not to be modified
 */
public record SavedObject(String type, String id, ObjectNode json) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A reference from one saved object to another, by name. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Reference(String name, String type, String id) {}

  /** The parts of a saved object read here, named as in Kibana's export format. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Head(String type, String id, Attributes attributes, List<Reference> references) {}

  /** The attributes read here: the title every saved object type has. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Attributes(String title) {}

  /** The saved object in {@code json}, which must name its type and id. */
  public static SavedObject of(ObjectNode json) {
    Head head = head(json);
    if (head.type() == null || head.type().isEmpty() || head.id() == null || head.id().isEmpty()) {
      throw new IllegalArgumentException("a saved object needs a type and an id: " + json);
    }
    return new SavedObject(head.type(), head.id(), json);
  }

  /** The object's title (a data view's is its index pattern). */
  public String title() {
    Attributes attributes = head(json).attributes();
    return attributes == null || attributes.title() == null ? "" : attributes.title();
  }

  public JsonNode attributes() {
    return json.path("attributes");
  }

  /** The object's references, in order. */
  public List<Reference> references() {
    List<Reference> references = head(json).references();
    return references == null ? List.of() : references;
  }

  private static Head head(ObjectNode json) {
    try {
      return MAPPER.treeToValue(json, Head.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a saved object: " + e.getOriginalMessage(), e);
    }
  }
}
