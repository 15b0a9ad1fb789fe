package dev.rehearse.api;

import java.util.Set;

/** Who is calling, as the verified token says. */
public record Caller(String userId, Set<String> roles) {

  public Caller {
    roles = Set.copyOf(roles);
  }
}
