package dev.rehearse.search;

import dev.rehearse.core.profile.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a profile into passages to embed: one per profile section (summary, skills, education,
 * certifications, bio) and the resume by paragraph. Paragraphs are packed into chunks of at most
 * {@link #MAX_CHARS}, cut at sentences; each resume chunk repeats the end of the one before it (up
 * to {@link #OVERLAP_CHARS}) so a thought that spans the cut is found from either side. A profile
 * gives at most {@link #MAX_CHUNKS}. Pure.
 */
public final class ProfileChunks {

  public static final int MAX_CHARS = 800;
  public static final int OVERLAP_CHARS = 160;
  public static final int MAX_CHUNKS = 160;

  private ProfileChunks() {}

  /** One passage: the section it comes from and its text. */
  public record Chunk(String section, String text) {}

  /** The section of the chunk that sums the profile up (role, company, seniority, experience). */
  public static final String SUMMARY = "summary";

  /** The section of the chunk that lists the skills. */
  public static final String SKILLS = "skills";

  /** The sections of the passages the candidate wrote: the bio and the résumé. */
  public static final String BIO = "bio";

  public static final String RESUME = "resume";

  /**
   * The section of research on the candidate's target company: snippets found on the web, written
   * by the profile job's research step, not by {@link #of}.
   */
  public static final String RESEARCH = "research";

  /** The most research chunks a user has. */
  public static final int MAX_RESEARCH = 8;

  public static List<Chunk> of(Profile p) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder summary = new StringBuilder("Target role: ").append(p.targetRole()).append('.');
    p.currentRole().ifPresent(r -> summary.append(" Current role: ").append(r).append('.'));
    p.company().ifPresent(c -> summary.append(" Company: ").append(c).append('.'));
    p.seniority().ifPresent(s -> summary.append(" Seniority: ").append(s).append('.'));
    p.yearsOfExperience()
        .ifPresent(y -> summary.append(" Years of experience: ").append(y).append('.'));
    chunks.add(new Chunk(SUMMARY, summary.toString()));
    if (!p.technicalSkills().isEmpty() || !p.softSkills().isEmpty()) {
      chunks.add(
          new Chunk(
              SKILLS,
              cut(
                  "Technical skills: "
                      + String.join(", ", p.technicalSkills())
                      + ". Soft skills: "
                      + String.join(", ", p.softSkills())
                      + ".")));
    }
    if (!p.education().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (Profile.Education e : p.education()) {
        StringBuilder line = new StringBuilder(e.institution());
        e.degree().ifPresent(d -> line.append(", ").append(d));
        e.field().ifPresent(f -> line.append(" in ").append(f));
        e.year().ifPresent(y -> line.append(" (").append(y).append(')'));
        lines.add(line.toString());
      }
      chunks.add(new Chunk("education", cut("Education: " + String.join("; ", lines) + ".")));
    }
    if (!p.certifications().isEmpty()) {
      chunks.add(
          new Chunk(
              "certifications",
              cut("Certifications: " + String.join("; ", p.certifications()) + ".")));
    }
    p.bio().ifPresent(b -> pack(BIO, b, chunks));
    p.resumeText().ifPresent(r -> pack(RESUME, r, chunks));
    return List.copyOf(chunks.subList(0, Math.min(chunks.size(), MAX_CHUNKS)));
  }

  /** Packs paragraphs (split further at sentences when too long) into overlapping chunks. */
  static void pack(String section, String text, List<Chunk> into) {
    List<String> pieces = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n")) {
      String clean = paragraph.replaceAll("\\s+", " ").strip();
      if (clean.isEmpty()) {
        continue;
      }
      if (clean.length() <= MAX_CHARS) {
        pieces.add(clean);
      } else {
        for (String sentence : clean.split("(?<=[.!?])\\s+")) {
          for (int i = 0; i < sentence.length(); i += MAX_CHARS) {
            pieces.add(sentence.substring(i, Math.min(sentence.length(), i + MAX_CHARS)));
          }
        }
      }
    }
    StringBuilder current = new StringBuilder();
    for (String piece : pieces) {
      if (current.length() > 0 && current.length() + 1 + piece.length() > MAX_CHARS) {
        String done = current.toString();
        into.add(new Chunk(section, done));
        current = new StringBuilder(overlap(done));
        if (current.length() + 1 + piece.length() > MAX_CHARS) {
          current.setLength(0);
        }
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(piece);
    }
    if (current.length() > 0) {
      into.add(new Chunk(section, current.toString()));
    }
  }

  /** The end of a chunk that the next one repeats: its last sentence, if short enough. */
  static String overlap(String chunk) {
    int start = Math.max(0, chunk.length() - OVERLAP_CHARS);
    int sentence = chunk.indexOf(". ", start);
    String tail = sentence >= 0 ? chunk.substring(sentence + 2) : chunk.substring(start);
    int space = tail.indexOf(' ');
    return sentence >= 0 || space < 0 ? tail.strip() : tail.substring(space + 1).strip();
  }

  private static String cut(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
  }
}
