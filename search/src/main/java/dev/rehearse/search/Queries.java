package dev.rehearse.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The filters Rehearse's reads and deletes are made of, built once: exact matches on keyword
 * fields, combined without scoring.
 */
public final class Queries {

  private Queries() {}

  /** Documents whose {@code field} is {@code value}. */
  public static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  /** Documents whose {@code field} is one of {@code values}. */
  public static Query terms(String field, Collection<String> values) {
    List<FieldValue> keys = values.stream().map(FieldValue::of).toList();
    return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(keys))));
  }

  /** Documents every filter matches, unscored (a bool query's filter clauses). */
  public static Query allOf(List<Query> filters) {
    return Query.of(q -> q.bool(b -> b.filter(filters)));
  }

  /** Documents every filter matches, unscored. */
  public static Query allOf(Query... filters) {
    return allOf(Arrays.asList(filters));
  }
}
