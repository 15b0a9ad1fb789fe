package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.search.documents.AssessmentFeedback;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline feedback speaks of delivery only when a session was spoken. */
class DeliveryFeedbackTest {

  private static Map<String, Double> typed(double score) {
    Map<String, Double> scores = new HashMap<>();
    for (String d : dev.rehearse.core.assessment.Dimension.offlineWireNames()) {
      scores.put(d, score);
    }
    return scores;
  }

  @Test
  void aSpokenSessionsWeakComposureIsAnImprovementAndItsVocalVarietyAStrength() {
    Map<String, Double> scores = typed(75);
    scores.put("vocalVariety", 95.0);
    scores.put("composure", 20.0);
    scores.put("engagement", 75.0);

    AssessmentFeedback f = Feedback.of(scores, 70.0);

    assertThat(f.strengths()).first().isEqualTo("A lively voice that varies in pitch and loudness");
    assertThat(f.improvements())
        .first()
        .isEqualTo("Keep long silences and swings in speed to a minimum");
    assertThat(f.topics()).contains("Composure under questioning");
  }

  @Test
  void aTypedSessionsFeedbackNamesNoDelivery() {
    Map<String, Double> scores = typed(60);
    scores.put("vocalVariety", null);
    scores.put("composure", null);
    scores.put("engagement", null);

    AssessmentFeedback f = Feedback.of(scores, 60.0);

    assertThat(String.join(" ", f.strengths()) + String.join(" ", f.improvements()))
        .doesNotContain("voice", "silences", "pitch");
  }
}
