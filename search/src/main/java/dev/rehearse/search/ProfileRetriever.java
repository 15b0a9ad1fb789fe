package dev.rehearse.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.rehearse.core.interview.ProfileContext;
import dev.rehearse.core.interview.ResearchNote;
import dev.rehearse.core.interview.WeakAreas;
import dev.rehearse.search.documents.AssessmentDocumentFields;
import dev.rehearse.search.documents.ProfileChunkDocument;
import dev.rehearse.search.documents.ProfileChunkDocumentFields;
import dev.rehearse.search.documents.ProfileDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Retrieval for the interviewer: the candidate's profile passages nearest to the interview (kNN
 * over {@code profile-chunks}, filtered to the candidate) and their skills, those the interview or
 * the retrieved passages mention first.
 */
public final class ProfileRetriever {

  /** How many passages the context holds. */
  public static final int PASSAGES = 4;

  /** How many queries' embeddings are kept (a query per interview type, role and company). */
  static final int QUERIES_KEPT = 1_000;

  private final ElasticsearchClient client;
  private final QueryVectors vectors;

  public ProfileRetriever(ElasticsearchClient client, Embedder embedder) {
    this.client = client;
    this.vectors = new QueryVectors(embedder::embed, QUERIES_KEPT);
  }

  /** The query an interview retrieves with: its type, role and company in words. */
  public static String query(String type, String role, Optional<String> company) {
    return type.replace('_', ' ')
        + " interview for "
        + role
        + company.map(c -> " at " + c).orElse("");
  }

  /** The context of {@code userId} for an interview described by {@code query}. */
  @SuppressWarnings("unchecked")
  public ProfileContext context(String userId, String query) throws IOException {
    List<Float> vector = vectors.of(query);
    SearchResponse<Map> hits =
        client.search(
            s ->
                s.index(Indices.PROFILE_CHUNKS.alias())
                    .size(PASSAGES)
                    .source(
                        src ->
                            src.filter(
                                f ->
                                    f.includes(
                                        ProfileChunkDocumentFields.TEXT,
                                        ProfileChunkDocumentFields.SECTION)))
                    .knn(
                        k ->
                            k.field(ProfileChunkDocumentFields.VECTOR)
                                .queryVector(vector)
                                .k(PASSAGES)
                                .numCandidates(50)
                                .filter(Queries.term(ProfileChunkDocumentFields.USER_ID, userId))
                                // passages the candidate wrote, to quote; skills come below
                                .filter(
                                    Queries.terms(
                                        ProfileChunkDocumentFields.SECTION,
                                        List.of(ProfileChunks.RESUME, ProfileChunks.BIO)))),
            Map.class);
    List<String> passages =
        hits.hits().hits().stream()
            .map(Hit::source)
            .filter(java.util.Objects::nonNull)
            // the skills list is offered as skills, not as a passage to quote
            .filter(
                src ->
                    !ProfileChunks.SKILLS.equals(src.get(ProfileChunkDocumentFields.SECTION))
                        && !ProfileChunks.SUMMARY.equals(
                            src.get(ProfileChunkDocumentFields.SECTION)))
            .map(src -> String.valueOf(src.get(ProfileChunkDocumentFields.TEXT)))
            .toList();
    List<String> skills = new ArrayList<>();
    Optional<ProfileDocument> profile =
        new BulkWriter(client).get(Indices.PROFILES.alias(), userId, ProfileDocument.class);
    profile.ifPresent(p -> skills.addAll(p.technicalSkills()));
    // what the candidate wrote counts too: the passages found, and the whole resume and bio
    List<String> evidence = new ArrayList<>(passages);
    profile
        .map(ProfileDocument::profile)
        .ifPresent(
            p -> {
              p.resumeText().ifPresent(evidence::add);
              p.bio().ifPresent(evidence::add);
            });
    return new ProfileContext(
        rank(skills, query, evidence), passages, weakAreas(userId), research(userId));
  }

  /**
   * The research stored with the candidate's profile, in the order it was found (at most {@link
   * ProfileChunks#MAX_RESEARCH} snippets; none when research is off or found nothing).
   */
  public List<ResearchNote> research(String userId) throws IOException {
    SearchResponse<ProfileChunkDocument> hits =
        client.search(
            s ->
                s.index(Indices.PROFILE_CHUNKS.alias())
                    .size(ProfileChunks.MAX_RESEARCH)
                    .query(
                        Queries.allOf(
                            Queries.term(ProfileChunkDocumentFields.USER_ID, userId),
                            Queries.term(
                                ProfileChunkDocumentFields.SECTION, ProfileChunks.RESEARCH)))
                    .sort(
                        o ->
                            o.field(
                                f ->
                                    f.field(ProfileChunkDocumentFields.CHUNK).order(SortOrder.Asc)))
                    .source(src -> src.filter(f -> f.excludes(ProfileChunkDocumentFields.VECTOR))),
            ProfileChunkDocument.class);
    return hits.hits().hits().stream()
        .map(Hit::source)
        .filter(java.util.Objects::nonNull)
        .map(ProfileChunkWrites::note)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The latest assessments the weak areas are drawn from. */
  public static final int RECENT_ASSESSMENTS = 5;

  /** The candidate's weak areas over their latest assessed sessions ({@link WeakAreas}). */
  @SuppressWarnings("unchecked")
  public List<String> weakAreas(String userId) throws IOException {
    SearchResponse<Map> recent =
        client.search(
            s ->
                s.index(Indices.ASSESSMENTS.alias())
                    .size(RECENT_ASSESSMENTS)
                    .query(Queries.term(AssessmentDocumentFields.USER_ID, userId))
                    .sort(
                        o ->
                            o.field(
                                f ->
                                    f.field(AssessmentDocumentFields.ANSWERED_AT)
                                        .order(SortOrder.Desc)
                                        .unmappedType(FieldType.Date)))
                    .source(src -> src.filter(f -> f.includes(WeakAreas.DIMENSIONS))),
            Map.class);
    List<Map<String, Double>> sessions = new ArrayList<>();
    for (Hit<Map> hit : recent.hits().hits()) {
      Map<String, Double> scores = new java.util.HashMap<>();
      if (hit.source() != null) {
        ((Map<String, Object>) hit.source())
            .forEach((k, v) -> scores.put(k, v instanceof Number n ? n.doubleValue() : null));
      }
      sessions.add(scores);
    }
    return WeakAreas.of(sessions);
  }

  /** Skills the query names first, then those the texts mention most, then as listed. */
  static List<String> rank(List<String> skills, String query, List<String> passages) {
    String q = query.toLowerCase(Locale.ROOT);
    String text = String.join(" ", passages).toLowerCase(Locale.ROOT);
    List<String> ranked = new ArrayList<>(skills);
    ranked.sort(
        Comparator.comparing((String s) -> !q.contains(s.toLowerCase(Locale.ROOT)))
            .thenComparing(s -> -count(text, s.toLowerCase(Locale.ROOT))));
    return ranked;
  }

  private static int count(String text, String word) {
    int n = 0;
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) {
      n++;
    }
    return n;
  }
}
