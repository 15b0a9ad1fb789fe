package dev.rehearse.core.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricTest {

  @Test
  void aRubricKeepsItsWeightsInTheOrderOfTheGroups() {
    Map<String, Double> rubric =
        Rubric.checked(Map.of("behavioural", 20.0, "communication", 40.0, "content", 40.0));

    assertThat(rubric)
        .containsExactly(
            Map.entry("communication", 40.0),
            Map.entry("content", 40.0),
            Map.entry("behavioural", 20.0));
  }

  @Test
  void noRubricMeansTheBuiltInOnes() {
    assertThat(Rubric.checked(Map.of())).isEmpty();
    assertThat(Rubric.checked(null)).isEmpty();
  }

  @Test
  void anUnknownGroupIsNamed() {
    assertThatThrownBy(() -> Rubric.checked(Map.of("charisma", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("charisma")
        .hasMessageContaining("communication, content, behavioural, delivery");
  }

  @Test
  void weightsAreNumbersFromZeroToOneHundredAndOneIsAboveZero() {
    Map<String, Double> missing = new HashMap<>();
    missing.put("content", null);
    for (Map<String, Double> wrong :
        java.util.List.of(
            Map.of("content", -1.0),
            Map.of("content", 101.0),
            Map.of("content", Double.NaN),
            missing)) {
      assertThatThrownBy(() -> Rubric.checked(wrong))
          .as(wrong.toString())
          .hasMessageContaining("weight of content must be a number from 0 to 100");
    }
    assertThatThrownBy(() -> Rubric.checked(Map.of("content", 0.0, "delivery", 0.0)))
        .hasMessageContaining("at least one group must weigh more than 0");
  }
}
