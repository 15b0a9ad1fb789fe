package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.events.InterviewType;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricsTest {

  @Test
  void everyInterviewTypeHasABuiltInRubricOfKnownGroups() {
    Map<String, Map<String, Double>> rubrics = Rubrics.builtIn();

    assertThat(rubrics.keySet())
        .containsExactlyElementsOf(
            Arrays.stream(InterviewType.values()).map(InterviewType::wireName).toList());
    rubrics.values().forEach(r -> assertThat(DimensionGroup.wireNames()).containsAll(r.keySet()));
  }

  @Test
  void aRubricWithAnUnknownGroupIsRefused() {
    Map<String, Map<String, Double>> rubrics = new java.util.HashMap<>(Rubrics.builtIn());
    rubrics.put("case", Map.of("charisma", 1.0));

    assertThatThrownBy(() -> Rubrics.checked(rubrics))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("case")
        .hasMessageContaining("charisma");
  }

  @Test
  void aMissingTypeIsRefused() {
    Map<String, Map<String, Double>> rubrics = new java.util.HashMap<>(Rubrics.builtIn());
    rubrics.remove("mixed");

    assertThatThrownBy(() -> Rubrics.checked(rubrics)).hasMessageContaining("mixed");
  }
}
