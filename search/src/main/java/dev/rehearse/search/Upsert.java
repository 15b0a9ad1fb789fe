package dev.rehearse.search;

import java.util.Map;

/**
 * A partial document merged into {@code id} of the index behind {@code alias}, created if absent.
 * Applying the same upsert twice leaves the same document: every projection write is one of these.
 */
public record Upsert(String alias, String id, Map<String, Object> fields) implements IndexWrite {

  public Upsert {
    fields = Map.copyOf(fields);
  }

  @Override
  public Upsert to(String index) {
    return new Upsert(index, id, fields);
  }
}
