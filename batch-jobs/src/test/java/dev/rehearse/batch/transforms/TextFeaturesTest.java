package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {

  @Test
  void countsTheQuestionsContentWordsTheAnswerUsesOnceEach() {
    TextFeatures.Features f =
        TextFeatures.of(
            "Tell me about a time you improved a slow data pipeline.",
            "The pipeline was slow; I improved the PIPELINE's batching, and the data flowed.");

    // the question's words of four letters or more: tell, about, time, improved, slow, data,
    // pipeline ("me", "a", "you" are too short)
    assertThat(f.questionWords()).isEqualTo(7);
    // slow, improved, data and pipeline, each once; "pipeline's" is another word
    assertThat(f.sharedWords()).isEqualTo(4);
  }

  @Test
  void countsFirstPersonSingularAndPluralWithCurlyApostrophes() {
    TextFeatures.Features f =
        TextFeatures.of("Why?", "I’m proud: my fix, our team's review, and we shipped; I did it.");

    assertThat(f.singular()).isEqualTo(3); // i'm, my, i
    assertThat(f.plural()).isEqualTo(2); // our, we
    assertThat(f.questionWords()).isZero();
  }

  @Test
  void absentTextHasNoFeatures() {
    assertThat(TextFeatures.of(null, null)).isEqualTo(new TextFeatures.Features(0, 0, 0, 0));
  }
}
