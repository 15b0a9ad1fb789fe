package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.api.service.AnalyticsReplies.AnalyticsBreakdown;
import dev.rehearse.api.service.AnalyticsReplies.AnalyticsDistribution;
import dev.rehearse.api.service.AnalyticsReplies.AnalyticsSummary;
import dev.rehearse.api.service.AnalyticsReplies.AnalyticsTrends;
import dev.rehearse.api.service.AnalyticsReplies.BreakdownGroup;
import dev.rehearse.api.service.AnalyticsReplies.HistogramBucket;
import dev.rehearse.api.service.SessionStatistics.Bucket;
import dev.rehearse.api.service.SessionStatistics.GroupStats;
import dev.rehearse.api.service.SessionStatistics.Histogram;
import dev.rehearse.api.service.SessionStatistics.Period;
import dev.rehearse.api.service.SessionStatistics.Stats;
import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AnalyticsServiceTest {

  private static final String COHORT = "00000000-0000-0000-0000-0000000000c1";
  private static final AnalyticsQuery SCORES =
      new AnalyticsQuery(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          AnalyticsQuery.Metric.SCORE);

  private final StubSessionStatistics statistics = new StubSessionStatistics();
  private final CohortView cohorts = new CohortView(Json.newMapper());
  private final StubDimensionStatistics dimensions = new StubDimensionStatistics();
  private final AnalyticsService service = new AnalyticsService(statistics, dimensions, cohorts, 5);

  private void cohortRecord(CohortRecord record) {
    cohorts.onRecord(
        Topics.COHORTS.name(),
        new ConsumerRecord<>(
            Topics.COHORTS.name(), 0, 0L, record.key(), Json.toBytes(Json.newMapper(), record)));
  }

  private void cohortWith(String... users) {
    cohortRecord(
        new CohortRecord.Cohort(
            CohortRecord.SCHEMA_VERSION, COHORT, "Class", "uni", Instant.EPOCH, Map.of()));
    for (String user : users) {
      cohortRecord(
          new CohortRecord.Member(
              CohortRecord.SCHEMA_VERSION, COHORT, user, "admin", Instant.EPOCH));
    }
  }

  @Test
  void aSummaryOfEnoughCandidatesShowsRoundedValues() throws Exception {
    statistics.stats =
        new Stats(
            12,
            6,
            12,
            Optional.of(40.0),
            Optional.of(95.0),
            Optional.of(71.23456),
            Map.of("p50", 70.555));

    AnalyticsSummary summary = service.summary(SCORES).body();

    assertThat(statistics.asked.get(0).field()).isEqualTo("provisionalScore");
    assertThat(summary.sessions()).isEqualTo(12);
    assertThat(summary.count()).contains(12L);
    assertThat(summary.average()).contains(71.23);
    assertThat(summary.percentiles()).contains(Map.of("p50", 70.56));
    assertThat(summary.suppressed()).isEmpty();
    assertThat(summary.minGroupSize()).isEqualTo(5);
  }

  @Test
  void aSummaryOfTooFewCandidatesShowsOnlyTheirNumber() throws Exception {
    statistics.stats =
        new Stats(4, 4, 4, Optional.of(40.0), Optional.of(95.0), Optional.of(70.0), Map.of());

    AnalyticsSummary summary = service.summary(SCORES).body();

    assertThat(summary.candidates()).isEqualTo(4);
    assertThat(summary.suppressed()).contains(true);
    assertThat(summary.detail())
        .contains("fewer than 5 candidates match: values are not published");
    assertThat(summary.count()).isEmpty();
    assertThat(summary.min()).isEmpty();
    assertThat(summary.average()).isEmpty();
    assertThat(summary.percentiles()).isEmpty();
  }

  @Test
  void aQueryOfAnUnknownCohortIsNotFound() {
    AnalyticsQuery query =
        new AnalyticsQuery(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(COHORT),
            AnalyticsQuery.Metric.PACE);

    assertThatThrownBy(() -> service.summary(query))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
    assertThat(statistics.asked).isEmpty();
  }

  @Test
  void aCohortQueryCountsOnlyItsMembers() throws Exception {
    cohortWith("ana", "ben");
    AnalyticsQuery query =
        new AnalyticsQuery(
            Optional.empty(),
            Optional.empty(),
            Optional.of("technical"),
            Optional.empty(),
            Optional.of(COHORT),
            AnalyticsQuery.Metric.PACE);

    service.distribution(query);

    StubSessionStatistics.Asked asked = statistics.asked.get(0);
    assertThat(asked.filter().userIds()).contains(List.of("ana", "ben"));
    assertThat(asked.filter().type()).contains("technical");
    assertThat(asked.field()).isEqualTo("averageWordsPerMinute");
    assertThat(asked.grouping()).isEqualTo("20.0");
  }

  @Test
  void aDistributionShowsItsBucketsAndWidth() throws Exception {
    statistics.histogram = new Histogram(7, List.of(new Bucket(60, 3), new Bucket(70, 4)));

    AnalyticsDistribution d = service.distribution(SCORES).body();

    assertThat(d.bucketWidth()).contains(10.0);
    assertThat(d.buckets())
        .contains(List.of(new HistogramBucket(60, 3), new HistogramBucket(70, 4)));
  }

  @Test
  void aTrendHidesTheAverageOfSmallPeriods() throws Exception {
    statistics.periods =
        List.of(
            new Period("2026-11-02", 9, 6, Optional.of(70.126)),
            new Period("2026-11-09", 2, 2, Optional.of(90.0)));

    AnalyticsTrends trends = service.trends(SCORES, "week").body();

    assertThat(statistics.asked.get(0).grouping()).isEqualTo("week");
    assertThat(trends.interval()).isEqualTo("week");
    assertThat(trends.points().get(0).average()).contains(70.13);
    assertThat(trends.points().get(0).suppressed()).isEmpty();
    assertThat(trends.points().get(1).average()).isEmpty();
    assertThat(trends.points().get(1).suppressed()).contains(true);
  }

  @Test
  void aBreakdownLeavesOutSmallGroupsAndCountsThem() throws Exception {
    statistics.groups =
        List.of(
            new GroupStats("technical", 20, 8, Optional.of(66.666), Map.of("p50", 65.0)),
            new GroupStats("case", 3, 2, Optional.of(80.0), Map.of()));

    AnalyticsBreakdown breakdown = service.breakdown(SCORES, "type").body();

    assertThat(statistics.asked.get(0).grouping()).isEqualTo("type");
    assertThat(breakdown.groups())
        .containsExactly(
            new BreakdownGroup(
                "technical", Optional.empty(), 20, 8, Optional.of(66.67), Map.of("p50", 65.0)));
    assertThat(breakdown.suppressedGroups()).contains(1);
  }

  @Test
  void aBreakdownByCohortNamesItsGroups() throws Exception {
    cohortWith("ana");
    statistics.groups = List.of(new GroupStats(COHORT, 9, 5, Optional.empty(), Map.of()));

    AnalyticsBreakdown breakdown = service.breakdown(SCORES, "cohort").body();

    assertThat(statistics.asked.get(0).grouping()).isEqualTo(COHORT + "=[[ana]]");
    assertThat(breakdown.groups().get(0).name()).contains("Class");
  }

  @Test
  void aBreakdownByCohortWithoutCohortsAsksNothing() throws Exception {
    AnalyticsBreakdown breakdown = service.breakdown(SCORES, "cohort").body();

    assertThat(breakdown.groups()).isEmpty();
    assertThat(breakdown.suppressedGroups()).isEmpty();
    assertThat(statistics.asked).isEmpty();
  }

  private static final Caller OWNER = new Caller("uni", java.util.Set.of("cohort_admin"));

  @Test
  void aCohortsDimensionsStandBesideEveryonesRounded() throws Exception {
    cohortWith("ana", "ben", "cy", "dee", "eve");
    String clarity = dev.rehearse.core.assessment.Dimension.wireNames().get(0);
    String depth = dev.rehearse.core.assessment.Dimension.wireNames().get(5);
    dimensions.ofUsers = new DimensionStatistics.Averages(5, Map.of(clarity, 71.234));
    dimensions.ofEveryone =
        new DimensionStatistics.Averages(40, Map.of(clarity, 60.0, depth, 55.555));

    AnalyticsReplies.CohortDimensions reply = service.cohortDimensions(OWNER, COHORT).body();

    assertThat(dimensions.asked)
        .containsExactly(Optional.of(List.of("ana", "ben", "cy", "dee", "eve")), Optional.empty());
    assertThat(reply.suppressed()).isEmpty();
    assertThat(reply.candidates()).isEqualTo(5);
    assertThat(reply.everyoneCandidates()).isEqualTo(40);
    assertThat(reply.dimensions())
        .containsExactly(
            new AnalyticsReplies.DimensionAverage(clarity, Optional.of(71.23), Optional.of(60.0)),
            new AnalyticsReplies.DimensionAverage(depth, Optional.empty(), Optional.of(55.56)));
  }

  @Test
  void aCohortBelowTheMinimumShowsOnlyEveryone() throws Exception {
    cohortWith("ana", "ben");
    String clarity = dev.rehearse.core.assessment.Dimension.wireNames().get(0);
    dimensions.ofUsers = new DimensionStatistics.Averages(2, Map.of(clarity, 90.0));
    dimensions.ofEveryone = new DimensionStatistics.Averages(4, Map.of(clarity, 60.0));

    AnalyticsReplies.CohortDimensions reply = service.cohortDimensions(OWNER, COHORT).body();

    assertThat(reply.suppressed()).contains(true);
    assertThat(reply.detail()).hasValueSatisfying(d -> assertThat(d).contains("fewer than 5"));
    assertThat(reply.minGroupSize()).isEqualTo(5);
    // everyone is a group below the minimum too: nothing is shown
    assertThat(reply.dimensions()).isEmpty();
  }

  @Test
  void anotherOwnersCohortIsNotFound() {
    cohortWith("ana");

    assertThatThrownBy(
            () ->
                service.cohortDimensions(
                    new Caller("other", java.util.Set.of("cohort_admin")), COHORT))
        .isInstanceOf(Problem.class);
    assertThat(dimensions.asked).isEmpty();
  }
}
