package dev.rehearse.search.documents;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a document field is mapped when its Java type alone does not say: by default a {@code String}
 * is a {@code keyword}, numbers, booleans and {@code Instant}s map to their types, records to
 * objects, and lists to their element's type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER
})
public @interface Field {

  /** The mapping type of the field. */
  Kind value();

  /** The mapping types {@link Mappings} derives a field's mapping from. */
  enum Kind {
    /** Analysed full text, searchable. */
    TEXT,
    /** Full text kept in the source only: neither searchable nor aggregatable. */
    STORED_TEXT,
    /** An object kept in the source only ({@code enabled: false}). */
    OPAQUE,
    /** A normalised embedding, searchable by cosine kNN. */
    VECTOR,
    /**
     * One {@code double} per score ({@code overall}, each dimension group, each dimension) at the
     * top level of the document: the component is a map written flat, with its keys as fields.
     */
    SCORES
  }
}
