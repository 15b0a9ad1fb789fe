package dev.rehearse.api.service;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.Percentiles;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.rehearse.core.cohort.CohortRecord.Cohort;
import dev.rehearse.core.cohort.CohortRecord.Member;
import dev.rehearse.search.Indices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aggregates for analysts over completed sessions: summaries, distributions, trends and breakdowns
 * of a session metric. Only aggregates leave: no candidate text, no ids, and a group with fewer
 * than {@code minGroup} candidates shows its size but none of its values.
 */
public final class AnalyticsService {

  private static final List<Double> PERCENTS = List.of(10.0, 25.0, 50.0, 75.0, 90.0);
  private static final int MAX_GROUPS = 50;

  private final ElasticsearchClient client;
  private final CohortView cohorts;
  private final int minGroup;

  public AnalyticsService(ElasticsearchClient client, CohortView cohorts, int minGroup) {
    this.client = client;
    this.cohorts = cohorts;
    this.minGroup = minGroup;
  }

  public Reply summary(AnalyticsQuery query) throws IOException {
    SearchResponse<Void> r =
        search(
            query,
            Map.of(
                "candidates", candidates(),
                "stats", Aggregation.of(a -> a.stats(s -> s.field(query.metric().field))),
                "percentiles", percentiles(query)));
    Map<String, Object> body = head(query);
    long candidates = r.aggregations().get("candidates").cardinality().value();
    body.put("sessions", r.hits().total() == null ? 0 : r.hits().total().value());
    body.put("candidates", candidates);
    if (published(candidates, body)) {
      var stats = r.aggregations().get("stats").stats();
      body.put("count", stats.count());
      if (stats.count() > 0) {
        body.put("min", stats.min());
        body.put("max", stats.max());
        body.put("average", round(stats.avg()));
      }
      body.put("percentiles", percentileMap(r.aggregations().get("percentiles")));
    }
    return new Reply(200, body);
  }

  public Reply distribution(AnalyticsQuery query) throws IOException {
    SearchResponse<Void> r =
        search(
            query,
            Map.of(
                "candidates", candidates(),
                "histogram",
                    Aggregation.of(
                        a ->
                            a.histogram(
                                h ->
                                    h.field(query.metric().field).interval(query.metric().step)))));
    Map<String, Object> body = head(query);
    long candidates = r.aggregations().get("candidates").cardinality().value();
    body.put("candidates", candidates);
    if (published(candidates, body)) {
      body.put("bucketWidth", query.metric().step);
      body.put(
          "buckets",
          r.aggregations().get("histogram").histogram().buckets().array().stream()
              .map(b -> Map.<String, Object>of("from", b.key(), "count", b.docCount()))
              .toList());
    }
    return new Reply(200, body);
  }

  public Reply trends(AnalyticsQuery query, String interval) throws IOException {
    CalendarInterval calendar =
        switch (interval) {
          case "day" -> CalendarInterval.Day;
          case "month" -> CalendarInterval.Month;
          default -> CalendarInterval.Week;
        };
    SearchResponse<Void> r =
        search(
            query,
            Map.of(
                "over-time",
                Aggregation.of(
                    a ->
                        a.dateHistogram(h -> h.field("completedAt").calendarInterval(calendar))
                            .aggregations("candidates", candidates())
                            .aggregations(
                                "average", x -> x.avg(v -> v.field(query.metric().field))))));
    Map<String, Object> body = head(query);
    body.put("interval", interval);
    List<Map<String, Object>> points = new ArrayList<>();
    for (var b : r.aggregations().get("over-time").dateHistogram().buckets().array()) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("start", b.keyAsString());
      point.put("sessions", b.docCount());
      long candidates = b.aggregations().get("candidates").cardinality().value();
      point.put("candidates", candidates);
      if (candidates >= minGroup) {
        Double avg = b.aggregations().get("average").avg().value();
        if (avg != null && !avg.isNaN()) {
          point.put("average", round(avg));
        }
      } else {
        point.put("suppressed", true);
      }
      points.add(point);
    }
    body.put("points", points);
    return new Reply(200, body);
  }

  public Reply breakdown(AnalyticsQuery query, String by) throws IOException {
    Map<String, Aggregation> groupStats =
        Map.of(
            "candidates", candidates(),
            "average", Aggregation.of(a -> a.avg(v -> v.field(query.metric().field))),
            "percentiles", percentiles(query));
    Aggregation groups;
    Map<String, String> cohortNames = new LinkedHashMap<>();
    if (by.equals("cohort")) {
      Map<String, Query> filters = new LinkedHashMap<>();
      for (Cohort c : cohorts.cohorts(Optional.empty())) {
        List<FieldValue> members =
            cohorts.members(c.cohortId()).stream().map(m -> FieldValue.of(m.userId())).toList();
        if (!members.isEmpty() && filters.size() < MAX_GROUPS) {
          filters.put(
              c.cohortId(),
              Query.of(q -> q.terms(t -> t.field("userId").terms(v -> v.value(members)))));
          cohortNames.put(c.cohortId(), c.name());
        }
      }
      if (filters.isEmpty()) {
        Map<String, Object> body = head(query);
        body.put("by", by);
        body.put("groups", List.of());
        return new Reply(200, body);
      }
      groups =
          Aggregation.of(
              a -> a.filters(f -> f.filters(k -> k.keyed(filters))).aggregations(groupStats));
    } else {
      groups =
          Aggregation.of(a -> a.terms(t -> t.field(by).size(MAX_GROUPS)).aggregations(groupStats));
    }
    SearchResponse<Void> r = search(query, Map.of("groups", groups));
    List<Map<String, Object>> out = new ArrayList<>();
    int suppressed = 0;
    Aggregate result = r.aggregations().get("groups");
    List<Map.Entry<String, Map<String, Aggregate>>> buckets = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    if (result.isFilters()) {
      result
          .filters()
          .buckets()
          .keyed()
          .forEach(
              (k, b) -> {
                buckets.add(Map.entry(k, b.aggregations()));
                counts.add(b.docCount());
              });
    } else {
      for (var b : result.sterms().buckets().array()) {
        buckets.add(Map.entry(b.key().stringValue(), b.aggregations()));
        counts.add(b.docCount());
      }
    }
    for (int i = 0; i < buckets.size(); i++) {
      Map<String, Aggregate> aggs = buckets.get(i).getValue();
      long candidates = aggs.get("candidates").cardinality().value();
      if (candidates < minGroup) {
        suppressed++;
        continue;
      }
      Map<String, Object> group = new LinkedHashMap<>();
      String key = buckets.get(i).getKey();
      group.put("group", key);
      if (cohortNames.containsKey(key)) {
        group.put("name", cohortNames.get(key));
      }
      group.put("sessions", counts.get(i));
      group.put("candidates", candidates);
      Double avg = aggs.get("average").avg().value();
      if (avg != null && !avg.isNaN()) {
        group.put("average", round(avg));
      }
      group.put("percentiles", percentileMap(aggs.get("percentiles")));
      out.add(group);
    }
    Map<String, Object> body = head(query);
    body.put("by", by);
    body.put("groups", out);
    body.put("suppressedGroups", suppressed);
    return new Reply(200, body);
  }

  private SearchResponse<Void> search(AnalyticsQuery query, Map<String, Aggregation> aggs)
      throws IOException {
    Query filter = filter(query);
    return client.search(
        s ->
            s.index(Indices.SESSIONS.alias())
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(filter)
                .aggregations(aggs),
        Void.class);
  }

  private Query filter(AnalyticsQuery query) {
    BoolQuery.Builder b = new BoolQuery.Builder();
    b.filter(f -> f.term(t -> t.field("status").value("completed")));
    if (query.from().isPresent() || query.to().isPresent()) {
      b.filter(
          f ->
              f.range(
                  r ->
                      r.date(
                          d -> {
                            d.field("completedAt");
                            query.from().ifPresent(v -> d.gte(v.toString()));
                            query.to().ifPresent(v -> d.lt(v.plusDays(1).toString()));
                            return d;
                          })));
    }
    query.type().ifPresent(v -> b.filter(f -> f.term(t -> t.field("type").value(v))));
    query.role().ifPresent(v -> b.filter(f -> f.term(t -> t.field("role").value(v))));
    query
        .cohortId()
        .ifPresent(
            id -> {
              cohorts.cohort(id).orElseThrow(() -> Problem.notFound("cohort " + id));
              List<FieldValue> members =
                  cohorts.members(id).stream().map(Member::userId).map(FieldValue::of).toList();
              b.filter(f -> f.terms(t -> t.field("userId").terms(v -> v.value(members))));
            });
    return Query.of(q -> q.bool(b.build()));
  }

  private static Aggregation candidates() {
    return Aggregation.of(a -> a.cardinality(c -> c.field("userId")));
  }

  private static Aggregation percentiles(AnalyticsQuery query) {
    return Aggregation.of(
        a -> a.percentiles(p -> p.field(query.metric().field).percents(PERCENTS)));
  }

  private Map<String, Object> head(AnalyticsQuery query) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query.describe());
    body.put("minGroupSize", minGroup);
    return body;
  }

  /** Whether a group of {@code candidates} may show values; marks the body when not. */
  private boolean published(long candidates, Map<String, Object> body) {
    if (candidates >= minGroup) {
      return true;
    }
    body.put("suppressed", true);
    body.put("detail", "fewer than " + minGroup + " candidates match: values are not published");
    return false;
  }

  private static Map<String, Object> percentileMap(Aggregate aggregate) {
    Map<String, Object> out = new LinkedHashMap<>();
    Percentiles p = aggregate.tdigestPercentiles().values();
    if (p.isKeyed()) {
      p.keyed()
          .forEach(
              (k, v) -> {
                if (v != null && !v.isEmpty()) {
                  out.put("p" + (int) Double.parseDouble(k), round(Double.parseDouble(v)));
                }
              });
    } else {
      p.array()
          .forEach(
              item -> {
                if (!Double.isNaN(item.value())) {
                  out.put("p" + (int) item.key(), round(item.value()));
                }
              });
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
