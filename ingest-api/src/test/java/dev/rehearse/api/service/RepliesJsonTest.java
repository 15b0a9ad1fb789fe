package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.search.documents.TurnDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wire form of replies whose records flatten or pass through other values. */
class RepliesJsonTest {

  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final Instant T = Instant.parse("2026-11-25T10:00:00.120Z");

  private static String json(Object value) {
    return new String(Json.toBytes(MAPPER, value), StandardCharsets.UTF_8);
  }

  @Test
  void aProfileReplyIsTheProfilesFieldsWithItsRevision() {
    Profile profile =
        new Profile(
            "dev",
            Optional.empty(),
            Optional.of("Acme"),
            Optional.empty(),
            Optional.empty(),
            List.of("java"),
            List.of(),
            List.of(),
            List.of(),
            null,
            Optional.empty(),
            Optional.empty());

    assertThat(json(new ProfileReplies.Profile(profile, "r1", T, Optional.of(true))))
        .isEqualTo(
            "{\"targetRole\":\"dev\",\"company\":\"Acme\",\"technicalSkills\":[\"java\"],"
                + "\"softSkills\":[],\"education\":[],\"certifications\":[],"
                + "\"preferences\":{\"interviewTypes\":[]},"
                + "\"revision\":\"r1\",\"updatedAt\":\"2026-11-25T10:00:00.120Z\",\"indexed\":true}");
  }

  @Test
  void aCohortBatchIsTheBatchWithItsReports() {
    BatchReplies.Batch batch =
        new BatchReplies.Batch(
            "b", "cohort-report", "succeeded", Optional.empty(), Optional.empty(), T);

    assertThat(
            json(
                new BatchReplies.CohortBatch(
                    batch,
                    Optional.of(List.of(new BatchReplies.ReportLink("r.csv", 3, "u", 900))))))
        .isEqualTo(
            "{\"batchId\":\"b\",\"job\":\"cohort-report\",\"state\":\"succeeded\","
                + "\"updatedAt\":\"2026-11-25T10:00:00.120Z\",\"reports\":[{\"name\":\"r.csv\","
                + "\"bytes\":3,\"url\":\"u\",\"expiresInSeconds\":900}]}");
  }

  @Test
  void anAnalyticsReplyEchoesItsQueryWithTheMetricsName() {
    AnalyticsQuery query =
        new AnalyticsQuery(
            Optional.of(LocalDate.of(2026, 11, 1)),
            Optional.empty(),
            Optional.of("case"),
            Optional.empty(),
            Optional.empty(),
            AnalyticsQuery.Metric.PACE);

    assertThat(json(new AnalyticsReplies.AnalyticsTrends(query, 5, "week", List.of())))
        .isEqualTo(
            "{\"query\":{\"from\":\"2026-11-01\",\"type\":\"case\","
                + "\"metric\":\"averageWordsPerMinute\"},\"minGroupSize\":5,\"interval\":\"week\","
                + "\"points\":[]}");
  }

  @Test
  void aSessionIsItsIdItsDocumentsFieldsAndItsTurns() {
    assertThat(
            json(
                new SessionReplies.Session(
                    "s",
                    InMemorySessionReader.sessionDocument(
                        Map.of("sessionId", "s", "status", "active")),
                    List.of(
                        new TurnDocument(null, "s", null, 0, null, null, null, null, null, null)))))
        .isEqualTo(
            "{\"id\":\"s\",\"status\":\"active\",\"turns\":[{\"sessionId\":\"s\",\"index\":0}]}");
  }
}
