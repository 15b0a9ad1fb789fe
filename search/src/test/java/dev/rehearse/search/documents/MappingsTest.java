package dev.rehearse.search.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.search.Indices;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingsTest {

  @Test
  void typesFollowTheJavaTypesAndTheAnnotations() {
    Map<String, Property> session = Mappings.properties(SessionDocument.class);

    assertThat(session.get("sessionId").isKeyword()).isTrue();
    assertThat(session.get("company").isKeyword()).as("Optional<String>").isTrue();
    assertThat(session.get("title").isText()).isTrue();
    assertThat(session.get("currentQuestion").text().index()).isFalse();
    assertThat(session.get("questionCount").isInteger()).isTrue();
    assertThat(session.get("totalWords").isLong()).isTrue();
    assertThat(session.get("averageWordsPerMinute").isDouble()).isTrue();
    assertThat(session.get("startedAt").isDate()).isTrue();
    assertThat(session.get("aggregate").object().properties())
        .containsKeys("batchId", "computedAt");
    assertThat(Mappings.properties(ProfileDocument.class).get("profile").object().enabled())
        .isFalse();
    assertThat(Mappings.properties(ProfileChunkDocument.class).get("vector").denseVector().dims())
        .isEqualTo(384);
  }

  @Test
  void everySessionPartIsAPartOfTheSessionDocument() {
    Map<String, Property> whole = Indices.SESSIONS.mapping().properties();
    for (Class<? extends Record> part :
        List.of(
            SessionDocument.Started.class,
            SessionDocument.Asked.class,
            SessionDocument.Completed.class,
            SessionDocument.Aggregated.class)) {
      Map<String, Property> fields = Mappings.properties(part);
      assertThat(whole).as(part.getSimpleName()).containsAllEntriesOf(kindsOnly(fields, whole));
      fields.forEach(
          (name, property) ->
              assertThat(property._kind())
                  .as(part.getSimpleName() + "." + name)
                  .isEqualTo(whole.get(name)._kind()));
    }
  }

  private static Map<String, Property> kindsOnly(
      Map<String, Property> fields, Map<String, Property> whole) {
    return whole.entrySet().stream()
        .filter(e -> fields.containsKey(e.getKey()))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void theTurnMetricsAreEveryAnswerMetric() {
    Map<String, Property> metrics =
        Indices.TURNS.mapping().properties().get("metrics").object().properties();

    assertThat(metrics.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(AnswerMetrics.class.getRecordComponents())
                .map(c -> c.getName())
                .toList());
    assertThat(metrics.get("star").object().properties().get("shares").object().properties())
        .containsKeys("situation", "task", "action", "result");
  }

  @Test
  void anAssessmentHasADoubleForEveryScore() {
    Map<String, Property> assessment = Indices.ASSESSMENTS.mapping().properties();

    for (String score : Scores.all()) {
      assertThat(assessment.get(score)).as(score).isNotNull();
      assertThat(assessment.get(score).isDouble()).as(score).isTrue();
    }
    assertThat(assessment).doesNotContainKey("scores");
  }

  @Test
  void aTypeWithoutAMappingIsRefused() {
    record Odd(Map<String, String> attributes) {}

    assertThatThrownBy(() -> Mappings.of(Odd.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@Field");
  }
}
