package dev.rehearse.api.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The assessment dimensions' averages over assessed sessions, of some candidates or of all. */
public interface DimensionStatistics {

  /**
   * Candidates with an assessed session, and each dimension's average score (0–100) over those
   * sessions, by the dimension's wire name; a dimension no session has a score in is left out.
   */
  record Averages(long candidates, Map<String, Double> averages) {}

  /** The averages over the sessions of {@code userIds}, or of everyone when absent. */
  Averages averages(Optional<List<String>> userIds) throws IOException;
}
