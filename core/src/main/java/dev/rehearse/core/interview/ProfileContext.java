package dev.rehearse.core.interview;

import java.util.List;

/**
 * What the interviewer knows of the candidate when a session starts: retrieved from their profile,
 * most relevant first.
 *
 * @param skills technical skills, the most relevant to the interview first
 * @param passages passages of the resume and profile most relevant to the interview
 * @param weakAreas the assessment dimensions the candidate scored lowest in their latest sessions,
 *     weakest first ({@link WeakAreas})
 * @param research what the web says about the candidate's target company (at most a few snippets,
 *     stored with the profile); untrusted text
 */
public record ProfileContext(
    List<String> skills,
    List<String> passages,
    List<String> weakAreas,
    List<ResearchNote> research) {

  public static final ProfileContext EMPTY =
      new ProfileContext(List.of(), List.of(), List.of(), List.of());

  public ProfileContext {
    skills = skills == null ? List.of() : List.copyOf(skills);
    passages = passages == null ? List.of() : List.copyOf(passages);
    weakAreas = weakAreas == null ? List.of() : List.copyOf(weakAreas);
    research = research == null ? List.of() : List.copyOf(research);
  }

  /** A context without research. */
  public ProfileContext(List<String> skills, List<String> passages, List<String> weakAreas) {
    this(skills, passages, weakAreas, List.of());
  }

  /** A context without weak areas or research: a first session, or none assessed yet. */
  public ProfileContext(List<String> skills, List<String> passages) {
    this(skills, passages, List.of(), List.of());
  }

  public boolean isEmpty() {
    return skills.isEmpty() && passages.isEmpty() && weakAreas.isEmpty() && research.isEmpty();
  }
}
