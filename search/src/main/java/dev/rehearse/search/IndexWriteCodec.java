package dev.rehearse.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes not yet applied, as bytes and back: a stream job's projection keeps those Elasticsearch
 * could not take in its checkpoints, and applies them once it answers again. Each write is kept
 * with its document's class and the document as the index would get it (JSON), so the restored
 * write sends the same document.
 */
public final class IndexWriteCodec {

  private static final ObjectMapper MAPPER = ElasticsearchClients.documentMapper();

  private IndexWriteCodec() {}

  public static byte[] encode(List<? extends IndexWrite> writes) throws IOException {
    ArrayNode all = MAPPER.createArrayNode();
    for (IndexWrite write : writes) {
      ObjectNode node = all.addObject().put("alias", write.alias()).put("id", write.id());
      if (write instanceof Upsert upsert) {
        document(node.put("op", "upsert"), upsert.document());
      } else if (write instanceof Replace replace) {
        document(node.put("op", "replace"), replace.document());
      } else {
        node.put("op", "delete");
      }
    }
    return MAPPER.writeValueAsBytes(all);
  }

  public static List<IndexWrite> decode(byte[] bytes) throws IOException {
    List<IndexWrite> writes = new ArrayList<>();
    for (JsonNode node : MAPPER.readTree(bytes)) {
      String alias = node.path("alias").asText();
      String id = node.path("id").asText();
      String op = node.path("op").asText();
      switch (op) {
        case "upsert" -> writes.add(new Upsert(alias, id, (Record) document(node)));
        case "replace" -> writes.add(new Replace(alias, id, document(node)));
        case "delete" -> writes.add(new Delete(alias, id));
        default -> throw new IOException("unknown index write " + op);
      }
    }
    return writes;
  }

  private static void document(ObjectNode node, Object document) {
    node.put("documentClass", document.getClass().getName())
        .set("document", MAPPER.valueToTree(document));
  }

  private static Object document(JsonNode node) throws IOException {
    String type = node.path("documentClass").asText();
    try {
      Class<?> documentClass = Class.forName(type, false, IndexWriteCodec.class.getClassLoader());
      return MAPPER.treeToValue(node.path("document"), documentClass);
    } catch (ClassNotFoundException e) {
      throw new IOException("a kept index write's document is of an unknown type " + type, e);
    }
  }
}
