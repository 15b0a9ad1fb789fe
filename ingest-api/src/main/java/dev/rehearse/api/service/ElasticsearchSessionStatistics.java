package dev.rehearse.api.service;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.Percentiles;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Queries;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.SessionDocumentFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Session statistics as aggregations over the {@code sessions} alias (no documents fetched). */
public final class ElasticsearchSessionStatistics implements SessionStatistics {

  private static final List<Double> PERCENTS = List.of(10.0, 25.0, 50.0, 75.0, 90.0);
  private static final int MAX_GROUPS = 50;

  // an aggregation whose value fills a field of an analytics reply is named after that field
  private static final String CANDIDATES = AnalyticsSummaryFields.CANDIDATES;
  private static final String AVERAGE = AnalyticsSummaryFields.AVERAGE;
  private static final String PERCENTILES = AnalyticsSummaryFields.PERCENTILES;
  private static final String GROUPS = AnalyticsBreakdownFields.GROUPS;

  private final ElasticsearchClient client;

  public ElasticsearchSessionStatistics(ElasticsearchClient client) {
    this.client = client;
  }

  @Override
  public Stats stats(Filter filter, String field) throws IOException {
    SearchResponse<Void> r =
        search(
            filter,
            Map.of(
                CANDIDATES,
                candidates(),
                "stats",
                Aggregation.of(a -> a.stats(s -> s.field(field))),
                PERCENTILES,
                percentiles(field)));
    var stats = r.aggregations().get("stats").stats();
    boolean any = stats.count() > 0;
    return new Stats(
        r.hits().total() == null ? 0 : r.hits().total().value(),
        r.aggregations().get(CANDIDATES).cardinality().value(),
        stats.count(),
        any ? Optional.of(stats.min()) : Optional.empty(),
        any ? Optional.of(stats.max()) : Optional.empty(),
        any ? Optional.of(stats.avg()) : Optional.empty(),
        percentileMap(r.aggregations().get(PERCENTILES)));
  }

  @Override
  public Histogram histogram(Filter filter, String field, double step) throws IOException {
    SearchResponse<Void> r =
        search(
            filter,
            Map.of(
                CANDIDATES,
                candidates(),
                "histogram",
                Aggregation.of(a -> a.histogram(h -> h.field(field).interval(step)))));
    return new Histogram(
        r.aggregations().get(CANDIDATES).cardinality().value(),
        r.aggregations().get("histogram").histogram().buckets().array().stream()
            .map(b -> new Bucket(b.key(), b.docCount()))
            .toList());
  }

  @Override
  public List<Period> overTime(Filter filter, String field, String interval) throws IOException {
    CalendarInterval calendar =
        switch (interval) {
          case "day" -> CalendarInterval.Day;
          case "month" -> CalendarInterval.Month;
          default -> CalendarInterval.Week;
        };
    SearchResponse<Void> r =
        search(
            filter,
            Map.of(
                "over-time",
                Aggregation.of(
                    a ->
                        a.dateHistogram(
                                h ->
                                    h.field(SessionDocumentFields.COMPLETED_AT)
                                        .calendarInterval(calendar))
                            .aggregations(CANDIDATES, candidates())
                            .aggregations(AVERAGE, x -> x.avg(v -> v.field(field))))));
    List<Period> periods = new ArrayList<>();
    for (var b : r.aggregations().get("over-time").dateHistogram().buckets().array()) {
      periods.add(
          new Period(
              b.keyAsString(),
              b.docCount(),
              b.aggregations().get(CANDIDATES).cardinality().value(),
              value(b.aggregations().get(AVERAGE).avg().value())));
    }
    return periods;
  }

  @Override
  public List<GroupStats> byField(Filter filter, String field, String by) throws IOException {
    Aggregation groups =
        Aggregation.of(
            a -> a.terms(t -> t.field(by).size(MAX_GROUPS)).aggregations(groupStats(field)));
    Aggregate result = search(filter, Map.of(GROUPS, groups)).aggregations().get(GROUPS);
    List<GroupStats> out = new ArrayList<>();
    for (var b : result.sterms().buckets().array()) {
      out.add(group(b.key().stringValue(), b.docCount(), b.aggregations()));
    }
    return out;
  }

  @Override
  public List<GroupStats> byUsers(Filter filter, String field, Map<String, List<String>> groups)
      throws IOException {
    Map<String, Query> filters = new LinkedHashMap<>();
    groups.forEach(
        (key, users) -> {
          filters.put(key, Queries.terms(SessionDocumentFields.USER_ID, users));
        });
    Aggregation aggregation =
        Aggregation.of(
            a -> a.filters(f -> f.filters(k -> k.keyed(filters))).aggregations(groupStats(field)));
    Aggregate result = search(filter, Map.of(GROUPS, aggregation)).aggregations().get(GROUPS);
    List<GroupStats> out = new ArrayList<>();
    result
        .filters()
        .buckets()
        .keyed()
        .forEach((key, b) -> out.add(group(key, b.docCount(), b.aggregations())));
    return out;
  }

  private static Map<String, Aggregation> groupStats(String field) {
    return Map.of(
        CANDIDATES, candidates(),
        AVERAGE, Aggregation.of(a -> a.avg(v -> v.field(field))),
        PERCENTILES, percentiles(field));
  }

  private static GroupStats group(String key, long sessions, Map<String, Aggregate> aggs) {
    return new GroupStats(
        key,
        sessions,
        aggs.get(CANDIDATES).cardinality().value(),
        value(aggs.get(AVERAGE).avg().value()),
        percentileMap(aggs.get(PERCENTILES)));
  }

  private SearchResponse<Void> search(Filter filter, Map<String, Aggregation> aggs)
      throws IOException {
    Query query = query(filter);
    return client.search(
        s ->
            s.index(Indices.SESSIONS.alias())
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(query)
                .aggregations(aggs),
        Void.class);
  }

  private static Query query(Filter filter) {
    BoolQuery.Builder b = new BoolQuery.Builder();
    b.filter(Queries.term(SessionDocumentFields.STATUS, SessionDocument.COMPLETED));
    if (filter.from().isPresent() || filter.to().isPresent()) {
      b.filter(
          f ->
              f.range(
                  r ->
                      r.date(
                          d -> {
                            d.field(SessionDocumentFields.COMPLETED_AT);
                            filter.from().ifPresent(v -> d.gte(v.toString()));
                            filter.to().ifPresent(v -> d.lt(v.plusDays(1).toString()));
                            return d;
                          })));
    }
    filter.type().ifPresent(v -> b.filter(Queries.term(SessionDocumentFields.TYPE, v)));
    filter.role().ifPresent(v -> b.filter(Queries.term(SessionDocumentFields.ROLE, v)));
    filter
        .userIds()
        .ifPresent(users -> b.filter(Queries.terms(SessionDocumentFields.USER_ID, users)));
    return Query.of(q -> q.bool(b.build()));
  }

  private static Aggregation candidates() {
    return Aggregation.of(a -> a.cardinality(c -> c.field(SessionDocumentFields.USER_ID)));
  }

  private static Aggregation percentiles(String field) {
    return Aggregation.of(a -> a.percentiles(p -> p.field(field).percents(PERCENTS)));
  }

  /** An average or percentile Elasticsearch computed; absent over no values. */
  private static Optional<Double> value(Double v) {
    return v == null || v.isNaN() ? Optional.empty() : Optional.of(v);
  }

  /** Percentiles keyed {@code p10}, {@code p25}…; those over no values left out. */
  private static Map<String, Double> percentileMap(Aggregate aggregate) {
    Map<String, Double> out = new LinkedHashMap<>();
    Percentiles p = aggregate.tdigestPercentiles().values();
    if (p.isKeyed()) {
      p.keyed()
          .forEach(
              (k, v) -> {
                if (v != null && !v.isEmpty()) {
                  out.put("p" + (int) Double.parseDouble(k), Double.parseDouble(v));
                }
              });
    } else {
      p.array()
          .forEach(
              item -> {
                if (!Double.isNaN(item.value())) {
                  out.put("p" + (int) item.key(), item.value());
                }
              });
    }
    return out;
  }
}
