package dev.rehearse.search;

import java.util.Map;

/** Stores {@code document} as the whole of {@code id} in the index behind {@code alias}. */
public record Replace(String alias, String id, Map<String, Object> document) implements IndexWrite {

  public Replace {
    document = Map.copyOf(document);
  }

  @Override
  public Replace to(String index) {
    return new Replace(index, id, document);
  }
}
