package dev.rehearse.search;

/** One write of a projection: an {@link Upsert}, a {@link Replace} or a {@link Delete}. */
public sealed interface IndexWrite permits Upsert, Replace, Delete {

  /** The alias of the index written. */
  String alias();

  /** The document id. */
  String id();
}
