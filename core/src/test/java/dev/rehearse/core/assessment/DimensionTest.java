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
  void deliveryNeedsAudioAndTechnicalAccuracyTheBanksKeyPoints() {
    assertThat(DimensionGroup.DELIVERY.dimensions()).allMatch(Dimension::needsAudio);
    assertThat(Dimension.TECHNICAL_ACCURACY.signal()).isEqualTo(Dimension.Signal.KEY_POINTS);
    assertThat(Dimension.values()).noneMatch(Dimension::needsLlm);
    assertThat(Dimension.offline())
        .contains(Dimension.TECHNICAL_ACCURACY)
        .noneMatch(Dimension::needsAudio)
        .hasSize(11);
  }

  @Test
  void benchmarkedScoresLeaveOutWhatTheOfflineAssessorCannotMeasure() {
    assertThat(Scores.benchmarked())
        .startsWith("overall", "communication", "content", "behavioural")
        .doesNotContain("delivery", "vocalVariety")
        .contains("pace", "problemSolving", "technicalAccuracy");
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
