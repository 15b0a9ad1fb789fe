package dev.rehearse.core.analytics;

/**
 * Sentiment in -1..1 as the mean over sentences, so that saying the same thing twice does not make
 * it stronger: each sentence gives a feature vector, the answer's vector is their mean, a
 * multinomial logistic regression gives the probabilities of a negative, a neutral and a positive
 * answer, and the score says the most probable of the three by its band: below -1/3 negative, above
 * 1/3 positive, neutral between; inside its band it moves with P(positive) - P(negative).
 *
 * <p>A sentence's features: the sum of its lexicon scores, and each of its words, both signed —
 * flipped after a negator within three words ("not good"), raised after an intensifier, lowered
 * after a diminisher; the part after a contrast word weighs three times the part before it ("it was
 * hard, but we shipped"), and a sentence that opens with one ("But the fix held.") weighs as that
 * part does; whether the sentence leans positive or negative, so that the answer's mean carries the
 * share of sentences leaning each way; in a sentence with a sarcasm marker ("Oh great, another
 * outage") positive words count as negative. When a later sentence tells that a problem was solved
 * ("fixed", "resolved"), the problem's negative words before it are damped: a success story is not
 * a complaint. The word weights are trained by the build on the corpus's dev split only; the
 * lexicon's own scores carry the language's sentiment where the dev split has no example.
 */
final class SentimentModel {

  private static final float NEGATION = -0.74f;
  private static final float INTENSIFY = 1.3f;
  private static final float DIMINISH = 0.7f;
  private static final float BEFORE_CONTRAST = 0.5f;
  private static final float AFTER_CONTRAST = 1.5f;
  private static final float SOLVED_PROBLEM = 0.25f;
  private static final float SARCASM = 2f;

  /** The features that, averaged over an answer, give the share of sentences leaning each way. */
  static final java.util.Set<String> SENTENCE_SHARES =
      java.util.Set.of("x:positive-sentence", "x:negative-sentence");

  /** A sink for the features of one sentence, with their values. */
  interface Features {
    void add(String kind, String key, float value);
  }

  private final LinearWeights weights;
  private final LanguageModel language;

  SentimentModel(LinearWeights weights, LanguageModel language) {
    this.weights = weights;
    this.language = language;
  }

  /** The index of the last sentence that tells a problem was solved, or -1. */
  static int lastSolved(Tokens t, LanguageModel model) {
    int last = -1;
    for (int i = 0; i < t.size; i++) {
      if (t.word[i] && model.word(t, i).resolution()) {
        last = t.sentence[i];
      }
    }
    return last;
  }

  /** The features of the sentence of tokens {@code [from, to)}. */
  static void features(
      Tokens t, LanguageModel model, int lastSolved, int from, int to, Features out) {
    int s = t.sentence[from];
    LanguageModel.WordInfo[] info = new LanguageModel.WordInfo[to - from];
    boolean sarcastic = false;
    boolean number = false;
    int contrastAt = -1;
    boolean opensWithContrast = false;
    for (int i = from; i < to; i++) {
      if (!t.word[i]) {
        continue;
      }
      LanguageModel.WordInfo w = model.word(t, i);
      info[i - from] = w;
      if (w.opensSarcasm() && !model.sarcasm.at(t, i).isEmpty()) {
        sarcastic = true;
      }
      if (w.contrast() && i > from) {
        contrastAt = i;
      }
      if (w.contrast() && i == from) {
        opensWithContrast = true;
      }
      number |= Character.isDigit(t.text[i].charAt(0));
    }
    if (sarcastic) {
      out.add("x", "sarcasm", 1);
    }
    if (model.hypothetical(t, s)) {
      out.add("x", "hypothetical", 1);
    }
    if (number) {
      out.add("x", "number", 1);
    }
    float lex = 0;
    // a negator counts for the three words after it, up to punctuation
    int negatorWithin3 = 0;
    LanguageModel.WordInfo previous = null;
    for (int i = from; i < to; i++) {
      LanguageModel.WordInfo w = info[i - from];
      if (w == null) {
        negatorWithin3 = 0;
        previous = null;
        continue;
      }
      if (previous != null && previous.negator()) {
        negatorWithin3 = 3;
      }
      float sign = 1;
      if (previous != null && previous.intensifier()) {
        sign *= INTENSIFY;
      } else if (previous != null && previous.diminisher()) {
        sign *= DIMINISH;
      }
      if (negatorWithin3 > 0) {
        sign *= NEGATION;
      }
      if (contrastAt >= 0) {
        sign *= i > contrastAt ? AFTER_CONTRAST : BEFORE_CONTRAST;
      }
      if (opensWithContrast) {
        sign *= AFTER_CONTRAST;
      }
      Double score = w.sentiment();
      float value = score == null ? 0 : (float) (double) score;
      if (sarcastic && value > 0) {
        sign = -Math.abs(sign);
      }
      if (value < 0 && s < lastSolved) {
        sign *= SOLVED_PROBLEM;
      }
      lex += sign * value;

      negatorWithin3 = Math.max(0, negatorWithin3 - 1);
      previous = w;
      // a word no map knows (see Tokens#canonicalize) has no weight
      if (!sarcastic && score == null && !w.stopword() && t.mayBeKnown(i)) {
        out.add("w", t.text[i], sign);
      }
    }
    // a sarcastic sentence is negative whatever its words: its praise is mockery
    float sentence = sarcastic ? -Math.abs(lex) - SARCASM : lex;
    out.add("x", "lexicon", sentence);
    // over the answer, the share of its sentences that lean each way
    if (sentence > 0) {
      out.add("x", "positive-sentence", 1);
    } else if (sentence < 0) {
      out.add("x", "negative-sentence", 1);
    }

    if (lastSolved >= 0 && s >= lastSolved) {
      out.add("x", "solved", 1);
    }
  }

  /** The model's outputs, in the order of the weights' rows. */
  static final String[] LABELS = {"negative", "neutral", "positive"};

  /** The kinds of features whose key is one token. */
  static final String[] TOKEN_KINDS = {"w"};

  /**
   * The answer's sentiment, -1..1, in the band of its most probable direction (negative below -1/3,
   * neutral from -1/3 to 1/3, positive above 1/3), placed inside the band by P(positive) -
   * P(negative).
   */
  double score(Tokens t) {
    double[] p = probabilities(t);
    double balance = p[2] - p[0];
    if (p[2] > p[1] && p[2] > p[0]) {
      return (1 + 2 * balance) / 3;
    }
    if (p[0] > p[1] && p[0] >= p[2]) {
      return (-1 + 2 * balance) / 3;
    }
    return 2 * balance / 3;
  }

  /** The probabilities of {@link #LABELS} for the answer; neutral without words. */
  double[] probabilities(Tokens t) {
    if (t.size == 0) {
      return new double[] {0, 1, 0};
    }
    double[] sum = new double[LABELS.length];
    Features add =
        (kind, key, value) -> {
          float[] w = weights.get(kind, key);
          if (w != null) {
            for (int k = 0; k < sum.length; k++) {
              sum[k] += w[k] * value;
            }
          }
        };
    int solved = lastSolved(t, language);
    for (int from = 0; from < t.size; ) {
      int to = from + 1;
      while (to < t.size && t.sentence[to] == t.sentence[from]) {
        to++;
      }
      features(t, language, solved, from, to, add);
      from = to;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < sum.length; k++) {
      sum[k] = weights.bias[k] + sum[k] / t.sentences;
      max = Math.max(max, sum[k]);
    }
    double total = 0;
    for (int k = 0; k < sum.length; k++) {
      sum[k] = Math.exp(sum[k] - max);
      total += sum[k];
    }
    for (int k = 0; k < sum.length; k++) {
      sum[k] /= total;
    }
    return sum;
  }
}
