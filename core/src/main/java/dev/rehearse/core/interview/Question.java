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
 * @param keyPoints what a good answer covers (technical and system-design questions: three to six);
 *     the offline technical accuracy is their coverage
 * @param misconceptions common wrong statements an answer may make; each one lowers the offline
 *     technical accuracy
 */
public record Question(
    String id,
    InterviewType type,
    String text,
    List<String> roles,
    List<String> levels,
    Optional<String> needs,
    List<Claim> keyPoints,
    List<Claim> misconceptions) {

  public Question {
    roles = roles == null ? List.of() : List.copyOf(roles);
    levels = levels == null ? List.of() : List.copyOf(levels);
    needs = needs == null ? Optional.empty() : needs;
    keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
    misconceptions = misconceptions == null ? List.of() : List.copyOf(misconceptions);
  }

  /** A question without key points or misconceptions. */
  public Question(
      String id,
      InterviewType type,
      String text,
      List<String> roles,
      List<String> levels,
      Optional<String> needs) {
    this(id, type, text, roles, levels, needs, List.of(), List.of());
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
