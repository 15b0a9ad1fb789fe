package dev.rehearse.batch.transforms;

import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.search.documents.AssessmentFeedback;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline assessor's feedback, built from the scores alone: 3–5 strengths (the best dimensions
 * at 70 or above, or the three best), 3–5 improvements (the weakest below 70, or the three weakest;
 * none of them a strength when there are six dimensions or more), a narrative, next steps and
 * topics to practise. Pure.
 */
public final class Feedback {

  private Feedback() {}

  private static final Map<String, String[]> WORDS = words();

  // dimension → {what is good, what to improve, next step, topic}
  private static Map<String, String[]> words() {
    Map<String, String[]> w = new LinkedHashMap<>();
    w.put(
        Dimension.CLARITY.wireName(),
        new String[] {
          "Varied, precise wording",
          "Say each point once, in plain words",
          "Rehearse answers aloud and cut repeated phrases",
          "Clear explanations"
        });
    w.put(
        Dimension.CONCISENESS.wireName(),
        new String[] {
          "Answers of the right length",
          "Keep answers between one and two minutes",
          "Time yourself: aim for 80–250 words an answer",
          "Concise answers"
        });
    w.put(
        Dimension.PACE.wireName(),
        new String[] {
          "A comfortable speaking pace",
          "Aim for 120–160 words a minute",
          "Record yourself and compare your pace with the target",
          "Pacing"
        });
    w.put(
        Dimension.FLUENCY.wireName(),
        new String[] {
          "Few filler words",
          "Replace fillers with a short pause",
          "Practise pausing silently instead of saying um or like",
          "Filler words"
        });
    w.put(
        Dimension.RELEVANCE.wireName(),
        new String[] {
          "Answers that address the question",
          "Answer the question that was asked, in its own terms",
          "Restate the question in your first sentence",
          "Answering the question"
        });
    w.put(
        Dimension.DEPTH.wireName(),
        new String[] {
          "Specific answers: numbers, named systems, reasons",
          "Be specific: give the numbers, name the systems, say why and at what cost",
          "Prepare two concrete examples per skill on your resume, with their figures",
          "Depth of examples"
        });
    w.put(
        Dimension.STRUCTURE.wireName(),
        new String[] {
          "Well-structured answers",
          "Signpost your answers: first, then, finally, and a one-line conclusion",
          "Before answering, say how many points you will make, then take them in order",
          "Structuring an answer"
        });
    w.put(
        Dimension.TECHNICAL_ACCURACY.wireName(),
        new String[] {
          "Technically accurate answers",
          "Cover the key points the question expects, and avoid common misconceptions",
          "Review the fundamentals behind the questions you found hard",
          "Technical fundamentals"
        });
    w.put(
        Dimension.STAR_ADHERENCE.wireName(),
        new String[] {
          "Stories told in STAR form",
          "Tell behavioural stories in STAR form",
          "Write down the result of each story you plan to tell",
          "Behavioural stories"
        });
    w.put(
        Dimension.OWNERSHIP.wireName(),
        new String[] {
          "Clear personal ownership",
          "Say what you did yourself: 'I', not only 'we'",
          "For each story, name the decision that was yours",
          "Ownership"
        });
    w.put(
        Dimension.PROBLEM_SOLVING.wireName(),
        new String[] {
          "Methodical problem solving",
          "Show how you found the cause, which options you weighed, and how you checked the fix",
          "For each story, note the root cause, the alternative you rejected and how you verified",
          "Problem solving"
        });
    // delivery: scored only for spoken answers
    w.put(
        Dimension.VOCAL_VARIETY.wireName(),
        new String[] {
          "A lively voice that varies in pitch and loudness",
          "Vary your pitch and stress the words that matter",
          "Read an answer aloud and mark the words to stress",
          "Vocal variety"
        });
    w.put(
        Dimension.COMPOSURE.wireName(),
        new String[] {
          "A calm, steady delivery",
          "Keep long silences and swings in speed to a minimum",
          "Outline each answer first, so you do not stall mid-sentence",
          "Composure under questioning"
        });
    w.put(
        Dimension.ENGAGEMENT.wireName(),
        new String[] {
          "An engaged, energetic voice",
          "Speak out at a lively pace, in a full voice",
          "Record yourself and listen for a flat or rushed delivery",
          "Energy and engagement"
        });
    return w;
  }

  public static AssessmentFeedback of(Map<String, Double> scores, Double overall) {
    List<Map.Entry<String, Double>> known = new ArrayList<>();
    scores.forEach(
        (k, v) -> {
          if (v != null && WORDS.containsKey(k)) {
            known.add(Map.entry(k, v));
          }
        });
    known.sort(
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    // the dimensions at 70 or above, else the best three: a weak session has relative strengths
    List<String> strong = new ArrayList<>();
    for (Map.Entry<String, Double> e : known) {
      if ((e.getValue() >= 70 && strong.size() < 5) || strong.size() < 3) {
        strong.add(e.getKey());
      }
    }
    List<String> strengths = strong.stream().map(k -> WORDS.get(k)[0]).toList();
    // an improvement is never also named a strength, when there are dimensions enough for both
    boolean disjoint = known.size() - strong.size() >= 3;
    List<Map.Entry<String, Double>> weakest = new ArrayList<>(known);
    weakest.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue())
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> improvements = new ArrayList<>();
    List<String> nextSteps = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    for (Map.Entry<String, Double> e : weakest) {
      if (disjoint && strong.contains(e.getKey())) {
        continue;
      }
      boolean below = e.getValue() < 70;
      if ((below && improvements.size() < 5) || improvements.size() < 3) {
        String[] w = WORDS.get(e.getKey());
        improvements.add(w[1]);
        nextSteps.add(w[2]);
        topics.add(w[3]);
      }
    }
    String narrative =
        overall == null
            ? "Not enough was measured to give an overall score."
            : String.format(
                java.util.Locale.ROOT,
                "Overall %.0f out of 100. %s%s",
                overall,
                strengths.isEmpty()
                    ? ""
                    : "Strongest: " + strengths.get(0).toLowerCase(java.util.Locale.ROOT) + ". ",
                improvements.isEmpty()
                    ? ""
                    : "Work on this first: "
                        + improvements.get(0).toLowerCase(java.util.Locale.ROOT)
                        + ".");
    return new AssessmentFeedback(
        List.copyOf(strengths),
        List.copyOf(improvements),
        narrative,
        List.copyOf(nextSteps.subList(0, Math.min(3, nextSteps.size()))),
        List.copyOf(topics));
  }
}
