package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbedderTest {

  private static final Embedder EMBEDDER = Embedder.shared();

  /**
   * Texts like our chunks (short sections, résumé paragraphs, one past 128 word pieces) and some
   * that test the tokenizer: accents, ideographs, emoji, punctuation.
   */
  private static final List<String> TEXTS =
      List.of(
          "Target role: Data Engineer. Seniority: mid. Years of experience: 5.",
          "Technical skills: Spark, Kafka, Airflow. Soft skills: mentoring.",
          "Led the migration of our billing pipeline from nightly batches to Kafka Streams; the"
              + " finance team now sees invoices within a minute instead of the next morning.",
          "日本語のテキスト、中文文本 and 한국어 with an emoji 🚀, tabs\tand C++/C#, e.g. U.S.A. $5.00",
          "Résumé: naïve café façade — Zürich, São Paulo; 40% faster p99 (from 800 ms to 480 ms)"
              + " after we moved the cache in front of the replicas.",
          ("Designed and built the event pipeline that feeds the fraud models: Kafka, Flink and"
                  + " a feature store on Redis, with exactly-once delivery and replay from S3. ")
              .repeat(8));

  @Test
  void vectorsAreTheOnesLangchain4jComputesFromTheSameModel() {
    EmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
    for (String text : TEXTS) {
      float[] expected = reference.embed(text).content().vector();

      float[] actual = EMBEDDER.embed(text);

      assertThat(actual).hasSize(Embedder.DIMENSIONS);
      assertThat(dot(actual, expected)).as(text).isGreaterThan(0.9999);
    }
  }

  @Test
  void wordPiecesAreTheOnesOfTheTokenizerTheModelShipsWith() throws Exception {
    try (InputStream json = getClass().getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
        HuggingFaceTokenizer reference =
            HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false"))) {
      for (String text : TEXTS) {
        assertThat(EMBEDDER.ids(text)).as(text).containsExactly(reference.encode(text).getIds());
      }
    }
  }

  @Test
  void vectorsHaveLengthOne() {
    for (String text : TEXTS) {
      float[] vector = EMBEDDER.embed(text);
      assertThat(dot(vector, vector))
          .as(text)
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void aRelatedQueryIsCloserThanAnUnrelatedOne() {
    float[] chunk = EMBEDDER.embed(TEXTS.get(2));

    double related = dot(chunk, EMBEDDER.embed("streaming migration with Kafka"));
    double unrelated = dot(chunk, EMBEDDER.embed("I enjoy baking sourdough bread"));

    assertThat(related).isGreaterThan(unrelated + 0.2);
  }

  @Test
  void blankTextIsRefused() {
    assertThatThrownBy(() -> EMBEDDER.embed("  \n")).isInstanceOf(IllegalArgumentException.class);
  }

  private static double dot(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot;
  }
}
