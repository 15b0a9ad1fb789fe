package dev.rehearse.search.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssessmentDocumentTest {

  private final ObjectMapper mapper = Json.newMapper();

  @Test
  void scoresAreTopLevelFieldsBothWays() throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sessionId", "s1");
    json.put("userId", "u1");
    json.put("interviewType", "behavioral");
    json.put("batchId", "b1");
    json.put("notAssessed", java.util.List.of("vocalVariety"));
    json.put("feedbackSource", "offline");
    json.put("computedAt", "2026-11-25T10:00:00Z");
    json.put("answeredAt", "2026-11-25T09:00:00Z");
    json.put("overall", 71.5);
    json.put("pace", 80.0);
    json.put("answerCount", 3);
    json.put("answersWithResult", 1);
    json.put("longPauses", 0);
    json.put("totalWords", 300);
    json.put("evidence", Map.of("quote", "I did it"));
    json.put("feedback", Map.of("strengths", java.util.List.of("x")));

    AssessmentDocument doc = mapper.convertValue(json, AssessmentDocument.class);

    assertThat(doc.scores()).containsEntry("overall", 71.5).containsEntry("pace", 80.0);
    Map<String, Object> back = mapper.convertValue(doc, new TypeReference<>() {});
    assertThat(back).containsEntry("overall", 71.5).containsEntry("pace", 80.0);
    assertThat(back).doesNotContainKey("scores");
  }

  @Test
  void aFieldTheDocumentLacksIsRefused() {
    Map<String, Object> json =
        Map.of(
            "sessionId", "s1",
            "answerCount", 1,
            "answersWithResult", 0,
            "longPauses", 0,
            "totalWords", 10,
            "charisma", 90.0);

    assertThatThrownBy(() -> mapper.convertValue(json, AssessmentDocument.class))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .rootCause()
        .hasMessageContaining("charisma");
  }
}
