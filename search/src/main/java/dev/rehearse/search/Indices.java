package dev.rehearse.search;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  public static final Index SESSIONS =
      new Index(
          "sessions",
          TypeMapping.of(
              m ->
                  m.dynamic(DynamicMapping.Strict)
                      .properties("sessionId", p -> p.keyword(k -> k))
                      .properties("userId", p -> p.keyword(k -> k))
                      .properties("type", p -> p.keyword(k -> k))
                      .properties("role", p -> p.keyword(k -> k))
                      .properties("seniority", p -> p.keyword(k -> k))
                      .properties("company", p -> p.keyword(k -> k))
                      .properties("language", p -> p.keyword(k -> k))
                      .properties("title", p -> p.text(t -> t))
                      .properties("status", p -> p.keyword(k -> k))
                      .properties("questionCount", p -> p.integer(i -> i))
                      .properties("questionsAsked", p -> p.integer(i -> i))
                      .properties("currentQuestion", p -> p.text(t -> t.index(false)))
                      .properties("startedAt", p -> p.date(d -> d))
                      .properties("updatedAt", p -> p.date(d -> d))
                      .properties("completedAt", p -> p.date(d -> d))
                      .properties("completionReason", p -> p.keyword(k -> k))
                      .properties("answers", p -> p.integer(i -> i))
                      .properties("totalWords", p -> p.long_(l -> l))
                      .properties("averageWordsPerMinute", p -> p.double_(d -> d))
                      .properties("provisionalScore", p -> p.integer(i -> i))
                      .properties(
                          "aggregate",
                          p ->
                              p.object(
                                  o ->
                                      o.properties("answerCount", q -> q.integer(i -> i))
                                          .properties("totalWords", q -> q.long_(l -> l))
                                          .properties("averageWords", q -> q.double_(d -> d))
                                          .properties(
                                              "averageWordsPerMinute", q -> q.double_(d -> d))
                                          .properties("firstAnswerAt", q -> q.date(d -> d))
                                          .properties("lastAnswerAt", q -> q.date(d -> d))
                                          .properties("computedAt", q -> q.date(d -> d))
                                          .properties("batchId", q -> q.keyword(k -> k))))));

  /** The mapping of an answer's metrics (names as in {@code AnswerMetrics}). */
  private static final Map<String, Property> METRICS = metricsMapping();

  private static Map<String, Property> metricsMapping() {
    Map<String, Property> m = new LinkedHashMap<>();
    for (String f :
        List.of("wordCount", "fillerCount", "pauseCount", "longPauseCount", "hedgeCount")) {
      m.put(f, Property.of(p -> p.integer(i -> i)));
    }
    for (String f : List.of("durationMs", "longestPauseMs", "responseLatencyMs")) {
      m.put(f, Property.of(p -> p.long_(l -> l)));
    }
    for (String f :
        List.of(
            "wordsPerMinute",
            "articulationRate",
            "fillersPerMinute",
            "pauseRatio",
            "lexicalDiversity",
            "repetition",
            "sentiment")) {
      m.put(f, Property.of(p -> p.double_(d -> d)));
    }
    for (String f : List.of("pace", "fluency", "conciseness")) {
      m.put(f, Property.of(p -> p.keyword(k -> k)));
    }
    m.put(
        "topFillers",
        Property.of(
            p ->
                p.object(
                    o ->
                        o.properties("filler", q -> q.keyword(k -> k))
                            .properties("count", q -> q.integer(i -> i)))));
    Map<String, Property> shares = new LinkedHashMap<>();
    Map<String, Property> star = new LinkedHashMap<>();
    for (String part : List.of("situation", "task", "action", "result")) {
      star.put(part, Property.of(p -> p.boolean_(b -> b)));
      shares.put(part, Property.of(p -> p.double_(d -> d)));
    }
    star.put("completeness", Property.of(p -> p.double_(d -> d)));
    star.put("shares", Property.of(p -> p.object(o -> o.properties(shares))));
    m.put("star", Property.of(p -> p.object(o -> o.properties(star))));
    return Map.copyOf(m);
  }

  /** One answered question with the answer's metrics. */
  public static final Index TURNS =
      new Index(
          "turns",
          TypeMapping.of(
              m ->
                  m.dynamic(DynamicMapping.Strict)
                      .properties("eventId", p -> p.keyword(k -> k))
                      .properties("sessionId", p -> p.keyword(k -> k))
                      .properties("userId", p -> p.keyword(k -> k))
                      .properties("index", p -> p.integer(i -> i))
                      .properties("question", p -> p.text(t -> t))
                      .properties("answer", p -> p.text(t -> t))
                      .properties("metrics", p -> p.object(o -> o.properties(METRICS)))
                      .properties("at", p -> p.date(d -> d))));

  /**
   * A candidate's profile as of its latest revision: a few fields indexed for filtering, the whole
   * profile kept as stored source only.
   */
  public static final Index PROFILES =
      new Index(
          "profiles",
          TypeMapping.of(
              m ->
                  m.dynamic(DynamicMapping.Strict)
                      .properties("userId", p -> p.keyword(k -> k))
                      .properties("revision", p -> p.keyword(k -> k))
                      .properties("updatedAt", p -> p.date(d -> d))
                      .properties("targetRole", p -> p.keyword(k -> k))
                      .properties("seniority", p -> p.keyword(k -> k))
                      .properties("technicalSkills", p -> p.keyword(k -> k))
                      .properties("profile", p -> p.object(o -> o.enabled(false)))));

  /**
   * Passages of profiles with their embeddings, for retrieval (kNN filtered by user). Ids are
   * {@code <userId>:<n>}, so a new revision overwrites its chunks in place.
   */
  public static final Index PROFILE_CHUNKS =
      new Index(
          "profile-chunks",
          TypeMapping.of(
              m ->
                  m.dynamic(DynamicMapping.Strict)
                      .meta(StoredVectors.meta())
                      .properties("userId", p -> p.keyword(k -> k))
                      .properties("chunk", p -> p.integer(i -> i))
                      .properties("section", p -> p.keyword(k -> k))
                      .properties("text", p -> p.text(t -> t))
                      .properties("revision", p -> p.keyword(k -> k))
                      .properties(
                          "vector",
                          p ->
                              p.denseVector(
                                  v ->
                                      v.dims(Embedder.DIMENSIONS)
                                          .index(true)
                                          .similarity(
                                              co.elastic.clients.elasticsearch._types.mapping
                                                  .DenseVectorSimilarity.Cosine)))));

  /** The full assessment of a session: dimensions, groups, overall, aggregates, feedback. */
  public static final Index ASSESSMENTS = assessments();

  private static Index assessments() {
    Map<String, Property> p = new LinkedHashMap<>();
    for (String f :
        List.of(
            "sessionId",
            "userId",
            "interviewType",
            "role",
            "cohortId",
            "batchId",
            "notAssessed",
            "feedbackSource")) {
      p.put(f, Property.of(x -> x.keyword(k -> k)));
    }
    p.put("computedAt", Property.of(x -> x.date(d -> d)));
    p.put("answeredAt", Property.of(x -> x.date(d -> d)));
    for (String f :
        List.of(
            "overall",
            "communication",
            "content",
            "behavioural",
            "delivery",
            "clarity",
            "conciseness",
            "pace",
            "fluency",
            "relevance",
            "depth",
            "structure",
            "technicalAccuracy",
            "starAdherence",
            "ownership",
            "problemSolving",
            "vocalVariety",
            "composure",
            "engagement",
            "averageWords",
            "averageWordsPerMinute",
            "averageFillersPerMinute",
            "averagePauseRatio",
            "averageResponseLatencyMs",
            "averageLexicalDiversity",
            "averageHedges",
            "averageSentiment",
            "starCompleteness")) {
      p.put(f, Property.of(x -> x.double_(d -> d)));
    }
    p.put("overallRankAll", Property.of(x -> x.double_(d -> d)));
    p.put("overallRankType", Property.of(x -> x.double_(d -> d)));
    p.put("overallRankRole", Property.of(x -> x.double_(d -> d)));
    p.put("overallRankCohort", Property.of(x -> x.double_(d -> d)));
    for (String f : List.of("answerCount", "answersWithResult", "longPauses")) {
      p.put(f, Property.of(x -> x.integer(i -> i)));
    }
    p.put("totalWords", Property.of(x -> x.long_(l -> l)));
    p.put("evidence", Property.of(x -> x.object(o -> o.enabled(false))));
    p.put("feedback", Property.of(x -> x.object(o -> o.enabled(false))));
    return new Index(
        "assessments", TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(p)));
  }

  /**
   * Peer benchmarks: percentiles of a score in a group of at least the minimum size. A benchmark
   * names no user; {@code userId} is in the mapping only so every index can be searched alike.
   */
  public static final Index BENCHMARKS =
      new Index(
          "benchmarks",
          TypeMapping.of(
              m ->
                  m.dynamic(DynamicMapping.Strict)
                      .properties("userId", p -> p.keyword(k -> k))
                      .properties("groupKind", p -> p.keyword(k -> k))
                      .properties("groupValue", p -> p.keyword(k -> k))
                      .properties("score", p -> p.keyword(k -> k))
                      .properties("candidates", p -> p.long_(l -> l))
                      .properties("sessions", p -> p.long_(l -> l))
                      .properties("p10", p -> p.double_(d -> d))
                      .properties("p25", p -> p.double_(d -> d))
                      .properties("p50", p -> p.double_(d -> d))
                      .properties("p75", p -> p.double_(d -> d))
                      .properties("p90", p -> p.double_(d -> d))
                      .properties("batchId", p -> p.keyword(k -> k))
                      .properties("computedAt", p -> p.date(d -> d))));

  /** Every index, in the order they are provisioned. */
  public static List<Index> all() {
    return List.of(SESSIONS, TURNS, PROFILES, PROFILE_CHUNKS, ASSESSMENTS, BENCHMARKS);
  }
}
