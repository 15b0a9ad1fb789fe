package dev.rehearse.search;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import dev.rehearse.search.documents.AnalyticsCohortProgressDocument;
import dev.rehearse.search.documents.AnalyticsQuestionDocument;
import dev.rehearse.search.documents.AnalyticsSessionDocument;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.BenchmarkDocument;
import dev.rehearse.search.documents.Mappings;
import dev.rehearse.search.documents.ProfileChunkDocument;
import dev.rehearse.search.documents.ProfileDocument;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.TurnDocument;
import java.util.List;

/**
 * The Elasticsearch indices of Rehearse. Each is reached through an alias ({@code turns}) that
 * points to a versioned index ({@code turns-v1}); an index template gives every version of it the
 * same explicit mapping, so a rebuild creates {@code turns-v2} and swaps the alias.
 */
public final class Indices {

  private Indices() {}

  /** One alias with its mapping. */
  public record Index(String alias, TypeMapping mapping) {

    /** The name of version {@code n} of this index. */
    public String version(int n) {
      return alias + "-v" + n;
    }

    /** The pattern every version matches. */
    public String pattern() {
      return alias + "-v*";
    }

    public String templateName() {
      return "rehearse-" + alias;
    }
  }

  /** A session: its spec, status, progress, summary and (once a batch ran) its aggregate. */
  public static final Index SESSIONS = new Index("sessions", Mappings.of(SessionDocument.class));

  /** One answered question with the answer's metrics. */
  public static final Index TURNS = new Index("turns", Mappings.of(TurnDocument.class));

  /**
   * A candidate's profile as of its latest revision: a few fields indexed for filtering, the whole
   * profile kept as stored source only.
   */
  public static final Index PROFILES = new Index("profiles", Mappings.of(ProfileDocument.class));

  /**
   * Passages of profiles with their embeddings, for retrieval (kNN filtered by user). Ids are
   * {@code <userId>:<n>}, so a new revision overwrites its chunks in place. The mapping's {@code
   * _meta} names the embedding model.
   */
  public static final Index PROFILE_CHUNKS =
      new Index(
          "profile-chunks",
          TypeMapping.of(
              m ->
                  m.dynamic(DynamicMapping.Strict)
                      .meta(StoredVectors.meta())
                      .properties(Mappings.properties(ProfileChunkDocument.class))));

  /** The full assessment of a session: dimensions, groups, overall, aggregates, feedback. */
  public static final Index ASSESSMENTS =
      new Index("assessments", Mappings.of(AssessmentDocument.class));

  /** Peer benchmarks: percentiles of a score in a group of at least the minimum size. */
  public static final Index BENCHMARKS =
      new Index("benchmarks", Mappings.of(BenchmarkDocument.class));

  /**
   * Assessed sessions, pseudonymised for analysts: no user id, no text, small groups bucketed. The
   * analysts' Kibana role reads only the {@link #analytics()} indices.
   */
  public static final Index ANALYTICS_SESSIONS =
      new Index("analytics-sessions", Mappings.of(AnalyticsSessionDocument.class));

  /** Per question and day: answers, mean score, spread and STAR completeness, for analysts. */
  public static final Index ANALYTICS_QUESTIONS =
      new Index("analytics-questions", Mappings.of(AnalyticsQuestionDocument.class));

  /** Cohort members' sessions, pseudonymised, with progress and ranks, for analysts. */
  public static final Index ANALYTICS_COHORT_PROGRESS =
      new Index("analytics-cohort-progress", Mappings.of(AnalyticsCohortProgressDocument.class));

  /** The prefix every analytics alias and index name starts with, for the analysts' role. */
  public static final String ANALYTICS_PREFIX = "analytics-";

  /**
   * The pseudonymised analytics indices: they name no user, so an erasure reaches them by the next
   * rebuild from the lake rather than by user id.
   */
  public static List<Index> analytics() {
    return List.of(ANALYTICS_SESSIONS, ANALYTICS_QUESTIONS, ANALYTICS_COHORT_PROGRESS);
  }

  /** Every index, in the order they are provisioned. */
  public static List<Index> all() {
    return List.of(
        SESSIONS,
        TURNS,
        PROFILES,
        PROFILE_CHUNKS,
        ASSESSMENTS,
        BENCHMARKS,
        ANALYTICS_SESSIONS,
        ANALYTICS_QUESTIONS,
        ANALYTICS_COHORT_PROGRESS);
  }
}
