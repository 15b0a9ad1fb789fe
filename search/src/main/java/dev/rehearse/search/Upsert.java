package dev.rehearse.search;

/**
 * A partial document merged into {@code id} of the index behind {@code alias}, created if absent.
 * Applying the same upsert twice leaves the same document. The document is a record of {@code
 * dev.rehearse.search.documents}; its absent fields are left as they are.
 */
public record Upsert(String alias, String id, Record document) implements IndexWrite {

  @Override
  public Upsert to(String index) {
    return new Upsert(index, id, document);
  }
}
