package dev.rehearse.api.service;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Queries;
import dev.rehearse.search.documents.AssessmentDocumentFields;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dimension averages as aggregations over the {@code assessments} alias (no documents fetched):
 * each dimension's score is a top-level field named by its wire name.
 */
public final class ElasticsearchDimensionStatistics implements DimensionStatistics {

  // an aggregation whose value fills a field of the reply is named after that field
  private static final String CANDIDATES = CohortDimensionsFields.CANDIDATES;

  private final ElasticsearchClient client;

  public ElasticsearchDimensionStatistics(ElasticsearchClient client) {
    this.client = client;
  }

  @Override
  public Averages averages(Optional<List<String>> userIds) throws IOException {
    Map<String, Aggregation> aggs = new LinkedHashMap<>();
    aggs.put(
        CANDIDATES,
        Aggregation.of(a -> a.cardinality(c -> c.field(AssessmentDocumentFields.USER_ID))));
    for (String dimension : Dimension.wireNames()) {
      // stats, not avg: its count tells a dimension no session has a score in from an average of 0
      aggs.put(dimension, Aggregation.of(a -> a.stats(v -> v.field(dimension))));
    }
    Query query =
        userIds
            .map(users -> Queries.terms(AssessmentDocumentFields.USER_ID, users))
            .orElseGet(() -> Query.of(q -> q.matchAll(m -> m)));
    SearchResponse<Void> r =
        client.search(
            s -> s.index(Indices.ASSESSMENTS.alias()).size(0).query(query).aggregations(aggs),
            Void.class);
    Map<String, Double> averages = new LinkedHashMap<>();
    for (String dimension : Dimension.wireNames()) {
      var stats = r.aggregations().get(dimension).stats();
      if (stats.count() > 0) {
        averages.put(dimension, stats.avg());
      }
    }
    return new Averages(r.aggregations().get(CANDIDATES).cardinality().value(), averages);
  }
}
