package dev.rehearse.core.profile;

import dev.rehearse.core.events.InterviewType;
import java.util.List;
import java.util.Optional;

/**
 * A candidate's profile: what the interviewer tailors questions to. Field names are the public
 * contract of {@code /ai-interview/profile}.
 */
public record Profile(
    String targetRole,
    Optional<String> currentRole,
    Optional<String> company,
    Optional<Integer> yearsOfExperience,
    Optional<String> seniority,
    List<String> technicalSkills,
    List<String> softSkills,
    List<Education> education,
    List<String> certifications,
    Preferences preferences,
    Optional<String> bio,
    Optional<String> resumeText) {

  public Profile {
    currentRole = orEmpty(currentRole);
    company = orEmpty(company);
    yearsOfExperience = orEmpty(yearsOfExperience);
    seniority = orEmpty(seniority);
    technicalSkills = technicalSkills == null ? List.of() : List.copyOf(technicalSkills);
    softSkills = softSkills == null ? List.of() : List.copyOf(softSkills);
    education = education == null ? List.of() : List.copyOf(education);
    certifications = certifications == null ? List.of() : List.copyOf(certifications);
    preferences = preferences == null ? Preferences.NONE : preferences;
    bio = orEmpty(bio);
    resumeText = orEmpty(resumeText);
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** One degree or course of study. */
  public record Education(
      String institution, Optional<String> degree, Optional<String> field, Optional<Integer> year) {
    public Education {
      degree = orEmpty(degree);
      field = orEmpty(field);
      year = orEmpty(year);
    }
  }

  /** How the candidate likes to practise. */
  public record Preferences(
      List<InterviewType> interviewTypes, Optional<String> difficulty, Optional<String> language) {

    public static final Preferences NONE =
        new Preferences(List.of(), Optional.empty(), Optional.empty());

    public Preferences {
      interviewTypes = interviewTypes == null ? List.of() : List.copyOf(interviewTypes);
      difficulty = orEmpty(difficulty);
      language = orEmpty(language);
    }
  }
}
