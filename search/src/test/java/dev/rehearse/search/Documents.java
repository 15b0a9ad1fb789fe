package dev.rehearse.search;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;

/** Documents as Elasticsearch receives them: the JSON the client's mapper writes, as a map. */
final class Documents {

  private Documents() {}

  static Map<String, Object> json(Object document) {
    return ElasticsearchClients.documentMapper()
        .convertValue(document, new TypeReference<Map<String, Object>>() {});
  }
}
