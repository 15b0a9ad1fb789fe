package dev.rehearse.api.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dimension averages a test sets up: one set for a list of users, one for everyone. */
public final class StubDimensionStatistics implements DimensionStatistics {

  public Averages ofUsers = new Averages(0, Map.of());
  public Averages ofEveryone = new Averages(0, Map.of());

  /** The user lists asked for, in order (absent: everyone). */
  public final List<Optional<List<String>>> asked = new ArrayList<>();

  @Override
  public Averages averages(Optional<List<String>> userIds) {
    asked.add(userIds);
    return userIds.isPresent() ? ofUsers : ofEveryone;
  }
}
