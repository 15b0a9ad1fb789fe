package dev.rehearse.search.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.util.Map;

/**
 * Documents from their fields by name, as batch jobs have them in rows: a field the document lacks,
 * or a value of the wrong type, fails here rather than in the index.
 */
public final class DocumentFields {

  private static final ObjectMapper MAPPER = Json.newMapper();

  private DocumentFields() {}

  /**
   * The document of {@code type} with these fields (JSON names; dates as ISO-8601 text).
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public static <T extends Record> T of(Map<String, ?> fields, Class<T> type) {
    return MAPPER.convertValue(fields, type);
  }
}
