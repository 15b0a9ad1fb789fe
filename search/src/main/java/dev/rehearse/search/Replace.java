package dev.rehearse.search;

/**
 * Stores {@code document} as the whole of {@code id} in the index behind {@code alias}. The
 * document is a record of {@code dev.rehearse.search.documents}, or a map of its fields where a
 * batch job writes rows whose columns are the fields.
 */
public record Replace(String alias, String id, Object document) implements IndexWrite {

  @Override
  public Replace to(String index) {
    return new Replace(index, id, document);
  }
}
