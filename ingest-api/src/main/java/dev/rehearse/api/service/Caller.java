package dev.rehearse.api.service;

import java.util.Set;

/** Who is calling, as the verified token says. */
public record Caller(String userId, Set<String> roles) {

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains("admin");
  }

  /** Whether the caller holds one of {@code allowed}; an admin holds every role. */
  public boolean mayAct(Set<String> allowed) {
    return isAdmin() || allowed.stream().anyMatch(roles::contains);
  }
}
