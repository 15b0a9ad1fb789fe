package dev.rehearse.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.interview.QuestionBank;
import org.junit.jupiter.api.Test;

class DimensionTest {

  @Test
  void fourteenDimensionsInFourGroups() {
    assertThat(Dimension.values()).hasSize(14);
    assertThat(DimensionGroup.wireNames())
        .containsExactly("communication", "content", "behavioural", "delivery");
    for (DimensionGroup g : DimensionGroup.values()) {
      assertThat(g.dimensions()).as(g.wireName()).isNotEmpty();
    }
  }

  @Test
  void wireNamesAreUniqueAcrossDimensionsGroupsAndOverall() {
    assertThat(Scores.all()).doesNotHaveDuplicates().hasSize(1 + 4 + 14);
  }

  @Test
  void deliveryNeedsAudioAndTechnicalAccuracyAModel() {
    assertThat(DimensionGroup.DELIVERY.dimensions()).allMatch(Dimension::needsAudio);
    assertThat(Dimension.TECHNICAL_ACCURACY.needsLlm()).isTrue();
    assertThat(Dimension.offline())
        .doesNotContain(Dimension.TECHNICAL_ACCURACY)
        .noneMatch(Dimension::needsAudio)
        .hasSize(10);
  }

  @Test
  void benchmarkedScoresLeaveOutWhatTheOfflineAssessorCannotMeasure() {
    assertThat(Scores.benchmarked())
        .startsWith("overall", "communication", "content", "behavioural")
        .doesNotContain("delivery", "technicalAccuracy", "vocalVariety")
        .contains("pace", "problemSolving");
  }

  @Test
  void namesResolveBothWays() {
    for (Dimension d : Dimension.values()) {
      assertThat(Dimension.of(d.wireName())).contains(d);
    }
    assertThat(Dimension.of("charisma")).isEmpty();
    assertThat(DimensionGroup.of("content")).contains(DimensionGroup.CONTENT);
  }

  @Test
  void everyOfflineDimensionHasAQuestionThatPractisesIt() {
    QuestionBank bank = QuestionBank.builtIn();
    for (Dimension d : Dimension.offline()) {
      assertThat(
              bank.questions().stream()
                  .anyMatch(q -> q.needs().filter(("weak:" + d.wireName())::equals).isPresent()))
          .as(d.wireName())
          .isTrue();
    }
  }
}
