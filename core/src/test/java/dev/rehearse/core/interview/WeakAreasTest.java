package dev.rehearse.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeakAreasTest {

  private static Map<String, Double> scores(Object... pairs) {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return m;
  }

  @Test
  void theLowestMeansBelowTheThresholdWeakestFirstAtMostTwo() {
    List<String> weak =
        WeakAreas.of(
            List.of(
                scores("structure", 20.0, "depth", 50.0, "pace", 55.0, "clarity", 90.0),
                scores("structure", 40.0, "depth", 60.0, "pace", 50.0, "clarity", 30.0)));

    // means: structure 30, clarity 60 (not below), depth 55, pace 52.5
    assertThat(weak).containsExactly("structure", "pace");
  }

  @Test
  void notAssessedDimensionsAndUnknownNamesAreLeftOut() {
    assertThat(WeakAreas.of(List.of(scores("pace", null, "overall", 10.0, "depth", 59.0))))
        .containsExactly("depth");
    assertThat(WeakAreas.of(List.of())).isEmpty();
  }
}
