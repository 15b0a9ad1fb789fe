package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.interview.ResearchNote;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.search.documents.ProfileChunkDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileChunksTest {

  private static Profile profile(String resume) {
    return new Profile(
        "Backend Engineer",
        Optional.of("Engineer"),
        Optional.empty(),
        Optional.of(4),
        Optional.empty(),
        List.of("Java", "Kafka"),
        List.of("mentoring"),
        List.of(),
        List.of(),
        null,
        Optional.empty(),
        Optional.ofNullable(resume));
  }

  @Test
  void sectionsBecomeTheirOwnChunksAndShortParagraphsArePacked() {
    List<ProfileChunks.Chunk> chunks =
        ProfileChunks.of(profile("Built a Kafka pipeline.\n\nLed a migration to PostgreSQL."));

    assertThat(chunks)
        .extracting(ProfileChunks.Chunk::section)
        .containsExactly("summary", "skills", "resume");
    assertThat(chunks.get(1).text()).contains("Java, Kafka", "mentoring");
    assertThat(chunks.get(2).text())
        .isEqualTo("Built a Kafka pipeline. Led a migration to PostgreSQL.");
  }

  @Test
  void longResumesAreCutIntoBoundedOverlappingChunks() {
    StringBuilder resume = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      resume
          .append("Paragraph ")
          .append(i)
          .append(" tells of a project. It went well in the end.\n\n");
    }
    List<ProfileChunks.Chunk> resumeChunks =
        ProfileChunks.of(profile(resume.toString())).stream()
            .filter(c -> c.section().equals("resume"))
            .toList();

    assertThat(resumeChunks).hasSizeGreaterThan(3);
    assertThat(resumeChunks)
        .allSatisfy(
            c -> assertThat(c.text().length()).isLessThanOrEqualTo(ProfileChunks.MAX_CHARS));
    for (int i = 1; i < resumeChunks.size(); i++) {
      String previous = resumeChunks.get(i - 1).text();
      String next = resumeChunks.get(i).text();
      int shared = 0;
      for (int k = 1; k <= Math.min(ProfileChunks.OVERLAP_CHARS, next.length()); k++) {
        if (previous.endsWith(next.substring(0, k))) {
          shared = k;
        }
      }
      // whole sentences of the previous chunk's end start the next one
      assertThat(shared).as("chunk %d repeats the end of the one before", i).isGreaterThan(20);
      assertThat(next.substring(0, shared)).startsWith("It went well");
    }
    assertThat(String.join(" ", resumeChunks.stream().map(ProfileChunks.Chunk::text).toList()))
        .contains("Paragraph 0 ", "Paragraph 59 ");
  }

  @Test
  void aHugeUnbrokenTextStillGivesBoundedChunks() {
    List<ProfileChunks.Chunk> chunks = ProfileChunks.of(profile("x".repeat(100_000)));

    assertThat(chunks).hasSizeLessThanOrEqualTo(ProfileChunks.MAX_CHUNKS);
    assertThat(chunks)
        .allSatisfy(
            c -> assertThat(c.text().length()).isLessThanOrEqualTo(ProfileChunks.MAX_CHARS));
  }

  @Test
  void aShorterRevisionDeletesTheChunksItNoLongerHasAndAnErasureAllWithTheResearch() {
    ProfileRecord record = new ProfileRecord(1, "u1", "r2", profile(null), Instant.EPOCH);

    ProfileChunkWrites.Result update =
        ProfileChunkWrites.of("u1", Optional.of(record), 5, text -> new float[] {1f});
    assertThat(update.chunks()).isEqualTo(2);
    assertThat(update.writes())
        .containsSubsequence(
            new Delete("profile-chunks", "u1:2"), new Delete("profile-chunks", "u1:4"));
    assertThat(update.writes().get(0)).isInstanceOf(Replace.class);
    assertThat(Documents.json(((Replace) update.writes().get(0)).document()))
        .containsEntry("revision", "r2");

    ProfileChunkWrites.Result erased =
        ProfileChunkWrites.of("u1", Optional.empty(), 3, text -> new float[] {1f});
    List<IndexWrite> deletes = new java.util.ArrayList<>();
    for (int n = 0; n < 3; n++) {
      deletes.add(new Delete("profile-chunks", "u1:" + n));
    }
    for (int n = 0; n < ProfileChunks.MAX_RESEARCH; n++) {
      deletes.add(new Delete("profile-chunks", "u1:research:" + n));
    }
    assertThat(erased.writes()).containsExactlyElementsOf(deletes);
    // a revision leaves the research as it is
    assertThat(update.writes().toString()).doesNotContain("research");
  }

  private static ResearchNote note(int n) {
    return new ResearchNote(
        "Acme",
        "Acme opened office " + n + ".",
        "https://example.com/" + n,
        "tavily",
        Instant.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void researchBecomesEmbeddedChunksOfItsOwnSectionWithSourceAndTimeAndReadsBackAsNotes() {
    List<ResearchNote> notes = new java.util.ArrayList<>();
    for (int n = 0; n < 10; n++) {
      notes.add(note(n));
    }

    ProfileChunkWrites.Result written =
        ProfileChunkWrites.research("u1", "r3", notes, 0, text -> new float[] {text.length()});

    assertThat(written.chunks()).isEqualTo(ProfileChunks.MAX_RESEARCH);
    assertThat(written.writes()).hasSize(ProfileChunks.MAX_RESEARCH);
    Replace first = (Replace) written.writes().get(0);
    assertThat(first.id()).isEqualTo("u1:research:0");
    var json = Documents.json(first.document());
    assertThat(json)
        .containsEntry("section", "research")
        .containsEntry("text", "Acme opened office 0.")
        .containsEntry("sourceUrl", "https://example.com/0")
        .containsEntry("provider", "tavily")
        .containsEntry("company", "Acme")
        .containsEntry("revision", "r3")
        .containsKey("retrievedAt");
    ProfileChunkDocument doc = (ProfileChunkDocument) first.document();
    assertThat(doc.vector()).containsExactly((float) "Acme opened office 0.".length());
    assertThat(ProfileChunkWrites.note(doc)).contains(note(0));

    ProfileChunkWrites.Result fewer =
        ProfileChunkWrites.research("u1", "r4", notes.subList(0, 2), 8, text -> new float[] {1f});
    assertThat(fewer.chunks()).isEqualTo(2);
    assertThat(fewer.writes().subList(2, fewer.writes().size()))
        .containsExactly(
            new Delete("profile-chunks", "u1:research:2"),
            new Delete("profile-chunks", "u1:research:3"),
            new Delete("profile-chunks", "u1:research:4"),
            new Delete("profile-chunks", "u1:research:5"),
            new Delete("profile-chunks", "u1:research:6"),
            new Delete("profile-chunks", "u1:research:7"));
  }

  @Test
  void skillsTheInterviewOrThePassagesNameComeFirst() {
    assertThat(
            ProfileRetriever.rank(
                List.of("Java", "Kafka", "Go", "Terraform"),
                "technical interview for Go developer",
                List.of("Ran Kafka clusters; tuned Kafka consumers.", "Wrote Terraform.")))
        .containsExactly("Go", "Kafka", "Terraform", "Java");
  }
}
