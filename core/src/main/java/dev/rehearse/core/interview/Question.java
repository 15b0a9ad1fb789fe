package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewType;
import java.util.List;
import java.util.Optional;

/**
 * A question of the bank. Its text may hold {@code {role}}, {@code {company}}, and — for the
 * questions built on a candidate's profile — {@code {skill}} or {@code {passage}}.
 *
 * @param roles the role families it suits ({@link RoleFamily}); empty for every role
 * @param levels the seniority levels it suits ({@code junior}, {@code mid}, {@code senior}); empty
 *     for every level
 * @param needs {@code skill} or {@code passage} when the question is asked only with that profile
 *     fact
 */
public record Question(
    String id,
    InterviewType type,
    String text,
    List<String> roles,
    List<String> levels,
    Optional<String> needs) {

  public Question {
    roles = roles == null ? List.of() : List.copyOf(roles);
    levels = levels == null ? List.of() : List.copyOf(levels);
    needs = needs == null ? Optional.empty() : needs;
  }

  /** Whether a candidate of these role families and level may be asked it. */
  boolean suits(java.util.Set<String> families, String level) {
    return (roles.isEmpty() || roles.stream().anyMatch(families::contains))
        && (levels.isEmpty() || levels.contains(level));
  }

  /** Whether it was written for particular roles or levels. */
  boolean specific() {
    return !roles.isEmpty() || !levels.isEmpty();
  }
}
