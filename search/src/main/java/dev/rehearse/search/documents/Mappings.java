package dev.rehearse.search.documents;

import co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.search.Embedder;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The strict Elasticsearch mapping of a document record, derived from its components: so a field
 * exists in the record and in the index alike, or in neither. Pure.
 */
public final class Mappings {

  private Mappings() {}

  /** The strict mapping of documents of {@code type}. */
  public static TypeMapping of(Class<? extends Record> type) {
    return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(properties(type)));
  }

  /** The mapped fields of {@code type}, in component order, by their JSON names. */
  public static Map<String, Property> properties(Class<? extends Record> type) {
    Map<String, Property> properties = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Field field = c.getAnnotation(Field.class);
      if (field != null && field.value() == Field.Kind.SCORES) {
        Scores.all().forEach(s -> properties.put(s, Property.of(p -> p.double_(d -> d))));
        continue;
      }
      properties.put(
          jsonName(c), property(c.getGenericType(), Optional.ofNullable(field).map(Field::value)));
    }
    return properties;
  }

  /** The name a component has in JSON. */
  public static String jsonName(RecordComponent c) {
    JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
  }

  @SuppressWarnings("unchecked")
  private static Property property(Type type, Optional<Field.Kind> kind) {
    if (kind.isPresent()) {
      return switch (kind.get()) {
        case TEXT -> Property.of(p -> p.text(t -> t));
        case STORED_TEXT -> Property.of(p -> p.text(t -> t.index(false)));
        case OPAQUE -> Property.of(p -> p.object(o -> o.enabled(false)));
        case VECTOR ->
            Property.of(
                p ->
                    p.denseVector(
                        v ->
                            v.dims(Embedder.DIMENSIONS)
                                .index(true)
                                .similarity(DenseVectorSimilarity.Cosine)));
        case SCORES -> throw new IllegalArgumentException("scores are mapped flat");
      };
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      if (Optional.class.equals(raw) || Collection.class.isAssignableFrom(raw)) {
        return property(parameterized.getActualTypeArguments()[0], kind);
      }
      throw new IllegalArgumentException("no mapping for " + type + ": annotate it with @Field");
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class || c.isEnum()) {
      return Property.of(p -> p.keyword(k -> k));
    }
    if (c == int.class || c == Integer.class) {
      return Property.of(p -> p.integer(i -> i));
    }
    if (c == long.class || c == Long.class) {
      return Property.of(p -> p.long_(l -> l));
    }
    if (c == double.class || c == Double.class) {
      return Property.of(p -> p.double_(d -> d));
    }
    if (c == boolean.class || c == Boolean.class) {
      return Property.of(p -> p.boolean_(b -> b));
    }
    if (c == Instant.class) {
      return Property.of(p -> p.date(d -> d));
    }
    if (c.isRecord()) {
      Map<String, Property> nested = properties((Class<? extends Record>) c);
      return Property.of(p -> p.object(o -> o.properties(nested)));
    }
    throw new IllegalArgumentException("no mapping for " + type + ": annotate it with @Field");
  }
}
