package dev.rehearse.core.interview;

import java.util.List;

/**
 * What the interviewer knows of the candidate when a session starts: retrieved from their profile,
 * most relevant first.
 *
 * @param skills technical skills, the most relevant to the interview first
 * @param passages passages of the resume and profile most relevant to the interview
 */
public record ProfileContext(List<String> skills, List<String> passages) {

  public static final ProfileContext EMPTY = new ProfileContext(List.of(), List.of());

  public ProfileContext {
    skills = skills == null ? List.of() : List.copyOf(skills);
    passages = passages == null ? List.of() : List.copyOf(passages);
  }

  public boolean isEmpty() {
    return skills.isEmpty() && passages.isEmpty();
  }
}
