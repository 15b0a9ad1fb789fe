package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The interviewer that needs no network. It plans a session from the question bank —
 * deterministically for a session id — preferring questions written for the candidate's role family
 * and level, and opens with questions built on the candidate's profile when the session has one: a
 * technical interview asks about their most relevant skill, a behavioural one about a passage of
 * their resume. A candidate whose latest sessions were weak in an area is then asked a question
 * that practises it. When research on the target company exists, one question is grounded in a fact
 * it states ({@link ResearchQuestioner}) and carries its source and URL.
 */
public final class OfflineInterviewer implements Interviewer {

  /** The longest resume passage quoted in a question. */
  static final int MAX_PASSAGE_CHARS = 160;

  /** The id of the question grounded in research. */
  public static final String RESEARCH_QUESTION_ID = "research-0";

  private final QuestionBank bank;
  private final ResearchQuestioner research;

  /** An interviewer that asks no research question. */
  public OfflineInterviewer(QuestionBank bank) {
    this(bank, ResearchQuestioner.NONE);
  }

  /**
   * @param research writes the question grounded in research, when the context has some
   */
  public OfflineInterviewer(QuestionBank bank, ResearchQuestioner research) {
    this.bank = bank;
    this.research = research;
  }

  /** The plan without profile context. */
  public List<PlannedQuestion> plan(String sessionId, InterviewSpec spec) {
    return plan(sessionId, spec, ProfileContext.EMPTY);
  }

  /**
   * The questions of a session, in the order they are asked. The same session id, spec and context
   * always give the same plan; different sessions start at different places in the bank.
   */
  @Override
  public List<PlannedQuestion> plan(String sessionId, InterviewSpec spec, ProfileContext context) {
    Set<String> families = RoleFamily.of(spec.role());
    String level = RoleFamily.level(spec.seniority());
    List<Question> pool =
        bank.ofType(spec.type()).stream()
            .filter(q -> q.needs().isEmpty() && q.suits(families, level))
            .toList();
    if (pool.isEmpty()) {
      throw new IllegalStateException("the question bank has no " + spec.type() + " questions");
    }
    int offset = Math.floorMod(sessionId.hashCode(), pool.size());
    List<Question> specific = new ArrayList<>();
    List<Question> general = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      Question q = pool.get((offset + i) % pool.size());
      (q.specific() ? specific : general).add(q);
    }
    List<PlannedQuestion> plan = new ArrayList<>();
    profileQuestion(spec, context, "skill").ifPresent(plan::add);
    profileQuestion(spec, context, "passage").ifPresent(plan::add);
    focusQuestion(context).ifPresent(plan::add);
    // second (first in a one-question plan), so the cut to the question count never drops it
    researchQuestion(spec, context)
        .ifPresent(
            q ->
                plan.add(
                    Math.max(0, Math.min(1, Math.min(plan.size(), spec.questionCount() - 1))), q));
    // specific and general questions in turn, so a session is tailored but not narrow
    int s = 0;
    int g = 0;
    while (plan.size() < spec.questionCount() && (s < specific.size() || g < general.size())) {
      boolean takeSpecific = (plan.size() % 2 == 0 && s < specific.size()) || g >= general.size();
      Question q = takeSpecific ? specific.get(s++) : general.get(g++);
      plan.add(new PlannedQuestion(q.id(), q.type(), fill(q.text(), spec, "", ""), false));
    }
    return List.copyOf(plan.subList(0, Math.min(plan.size(), spec.questionCount())));
  }

  /** The question on the candidate's first skill or passage, when the interview type takes one. */
  private Optional<PlannedQuestion> profileQuestion(
      InterviewSpec spec, ProfileContext context, String needs) {
    List<String> facts = needs.equals("skill") ? context.skills() : context.passages();
    if (facts.isEmpty()) {
      return Optional.empty();
    }
    List<InterviewType> types =
        needs.equals("skill")
            ? List.of(InterviewType.TECHNICAL, InterviewType.SYSTEM_DESIGN)
            : List.of(InterviewType.BEHAVIORAL, InterviewType.CASE);
    InterviewType type = spec.type() == InterviewType.MIXED ? types.get(0) : spec.type();
    if (!types.contains(type)) {
      return Optional.empty();
    }
    List<Question> templates =
        bank.ofType(type).stream().filter(q -> q.needs().equals(Optional.of(needs))).toList();
    if (templates.isEmpty()) {
      return Optional.empty();
    }
    String fact = needs.equals("skill") ? facts.get(0) : quote(facts.get(0));
    Question q = templates.get(Math.floorMod(fact.hashCode(), templates.size()));
    return Optional.of(
        new PlannedQuestion(
            q.id(),
            q.type(),
            fill(
                q.text(),
                spec,
                needs.equals("skill") ? fact : "",
                needs.equals("passage") ? fact : ""),
            false));
  }

  /**
   * The question grounded in research on the company the session is for: the notes of that company
   * (of the profile's company when the session names none), in the order stored.
   */
  private Optional<PlannedQuestion> researchQuestion(InterviewSpec spec, ProfileContext context) {
    if (context.research().isEmpty()) {
      return Optional.empty();
    }
    String company = spec.company().orElse(context.research().get(0).company()).strip();
    List<ResearchNote> notes =
        context.research().stream()
            .filter(n -> n.company().strip().equalsIgnoreCase(company))
            .toList();
    if (notes.isEmpty()) {
      return Optional.empty();
    }
    InterviewType type =
        spec.type() == InterviewType.MIXED ? InterviewType.BEHAVIORAL : spec.type();
    return research
        .question(company, spec.role(), notes)
        .map(
            g ->
                new PlannedQuestion(
                    RESEARCH_QUESTION_ID,
                    type,
                    g.text(),
                    false,
                    Optional.of(ResearchQuestioner.SOURCE),
                    Optional.of(g.url())));
  }

  /** A question that practises the candidate's weakest area of their latest sessions, if any. */
  private Optional<PlannedQuestion> focusQuestion(ProfileContext context) {
    for (String area : context.weakAreas()) {
      Optional<Question> template =
          bank.questions().stream()
              .filter(q -> q.needs().equals(Optional.of("weak:" + area)))
              .findFirst();
      if (template.isPresent()) {
        Question q = template.get();
        return Optional.of(new PlannedQuestion(q.id(), q.type(), q.text(), false));
      }
    }
    return Optional.empty();
  }

  /** The first sentence of a passage, on one line, without quotes, cut at a word. */
  static String quote(String passage) {
    String text =
        passage
            .replaceAll("[\\p{Cntrl}\\s]+", " ")
            .replace("\"", "")
            .replace("“", "")
            .replace("”", "")
            .strip();
    int end = text.indexOf(". ");
    if (end > 0) {
      text = text.substring(0, end + 1);
    }
    if (text.length() > MAX_PASSAGE_CHARS) {
      int cut = text.lastIndexOf(' ', MAX_PASSAGE_CHARS - 1);
      text = text.substring(0, cut > 40 ? cut : MAX_PASSAGE_CHARS - 1) + "…";
    }
    return text;
  }

  private static String fill(String template, InterviewSpec spec, String skill, String passage) {
    return template
        .replace("{role}", spec.role())
        .replace("{company}", spec.company().orElse("the company"))
        .replace("{skill}", skill)
        .replace("{passage}", passage);
  }
}
