package dev.rehearse.search;

/** One write of a projection: an {@link Upsert}, a {@link Replace} or a {@link Delete}. */
public sealed interface IndexWrite permits Upsert, Replace, Delete {

  /** The alias (or the index) written. */
  String alias();

  /** The document id. */
  String id();

  /** The same write, to {@code index} instead: a rebuild writes to the version it builds. */
  IndexWrite to(String index);
}
