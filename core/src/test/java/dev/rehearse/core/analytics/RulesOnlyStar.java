package dev.rehearse.core.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * STAR by the lexicon's rules alone, without the trained model: each clause as the analyzer cuts it
 * takes the part of its cue phrase (a task cue first, else the strongest: result, task, action,
 * situation), none without one, and none in a hypothetical sentence. The held-out report prints it
 * beside the classifier, as issue 13 asks.
 */
public final class RulesOnlyStar {

  private static final String[] PART_NAMES = {"situation", "task", "action", "result", "none"};

  private static final java.util.Map<String, StarModel> RULES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private RulesOnlyStar() {}

  /** The clauses of {@code text} with their part by the rules of {@code language}'s lexicon. */
  public static List<AnswerMetrics.Clause> clauses(String text, String language) {
    StarModel rules =
        RULES.computeIfAbsent(
            language,
            l ->
                new StarModel(
                    LinearWeights.empty(StarModel.LABELS.length),
                    new LanguageModel(Lexicon.forLanguage(l)),
                    StarModel.CueRules.TASK_AND_FILL));
    Tokens t = Tokens.of(text);
    int[] starts = StarModel.clauses(t);
    int[] labels = rules.label(t, starts);
    List<AnswerMetrics.Clause> out = new ArrayList<>(starts.length);
    for (int c = 0; c < starts.length; c++) {
      int to = c + 1 < starts.length ? starts[c + 1] : t.size;
      out.add(new AnswerMetrics.Clause(t.start[starts[c]], t.end[to - 1], PART_NAMES[labels[c]]));
    }
    return out;
  }
}
