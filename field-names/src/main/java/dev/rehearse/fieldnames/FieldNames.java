package dev.rehearse.fieldnames;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record whose component names are a wire contract (an index document, a lake dataset, a
 * reply). At compile time {@link FieldNamesProcessor} writes {@code <Record>Fields} beside it: one
 * {@code String} constant per component, {@code averageWordsPerMinute} as {@code
 * AVERAGE_WORDS_PER_MINUTE}, and a nested class for each nested record. On an interface (a sealed
 * family of event records), the constants name its abstract accessors, the fields all its records
 * share. Code that must name a field as a string (an Elasticsearch query, a Spark column) uses the
 * constant, so the name is written once, in the record, and a renamed component breaks the build
 * rather than a query.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface FieldNames {}
