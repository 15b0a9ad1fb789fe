package dev.rehearse.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfflineInterviewerTest {

  private static final QuestionBank BANK = QuestionBank.builtIn();
  private final OfflineInterviewer interviewer = new OfflineInterviewer(BANK);

  private static InterviewSpec spec(InterviewType type, String role, String seniority, int count) {
    return new InterviewSpec(
        type, role, seniority, Optional.of("Acme"), "en", count, Optional.empty());
  }

  @Test
  void theBankHasAtLeast150QuestionsOverEveryTypeWithUniqueIds() {
    List<Question> questions = BANK.questions();
    assertThat(questions.stream().filter(q -> q.needs().isEmpty()))
        .hasSizeGreaterThanOrEqualTo(150);
    assertThat(questions.stream().map(Question::id).distinct()).hasSize(questions.size());
    for (InterviewType type :
        List.of(
            InterviewType.BEHAVIORAL,
            InterviewType.TECHNICAL,
            InterviewType.SYSTEM_DESIGN,
            InterviewType.CASE)) {
      assertThat(BANK.ofType(type)).as(type.wireName()).hasSizeGreaterThanOrEqualTo(20);
    }
    assertThat(questions.stream().filter(q -> q.levels().contains("junior"))).isNotEmpty();
    assertThat(questions.stream().filter(q -> q.levels().contains("senior"))).isNotEmpty();
    assertThat(questions.stream().filter(q -> q.roles().contains("data"))).hasSizeGreaterThan(10);
  }

  @Test
  void aTechnicalInterviewOpensWithTheCandidatesMostRelevantSkill() {
    ProfileContext context = new ProfileContext(List.of("Kafka", "PostgreSQL"), List.of());

    List<PlannedQuestion> plan =
        interviewer.plan(
            "s1", spec(InterviewType.TECHNICAL, "Backend Engineer", "mid", 4), context);

    assertThat(plan).hasSize(4);
    assertThat(plan.get(0).text()).contains("Kafka");
    assertThat(plan.get(0).questionId()).startsWith("prof-");
    assertThat(plan).allSatisfy(q -> assertThat(q.text()).doesNotContain("{", "}"));
  }

  @Test
  void aBehaviouralInterviewQuotesAPassageOfTheResume() {
    ProfileContext context =
        new ProfileContext(
            List.of("Kafka"),
            List.of("Led the migration of billing to \"event sourcing\". It took a year.\nMore."));

    PlannedQuestion first =
        interviewer
            .plan("s1", spec(InterviewType.BEHAVIORAL, "Engineer", "mid", 3), context)
            .get(0);

    assertThat(first.text())
        .contains("Led the migration of billing to event sourcing.")
        .doesNotContain("It took a year", "Kafka");
  }

  @Test
  void withoutAProfileThePlanComesFromTheBankAlone() {
    List<PlannedQuestion> plan =
        interviewer.plan(
            "s1", spec(InterviewType.TECHNICAL, "Engineer", "mid", 5), ProfileContext.EMPTY);

    assertThat(plan).hasSize(5).noneMatch(q -> q.questionId().startsWith("prof-"));
    assertThat(plan).extracting(PlannedQuestion::questionId).doesNotHaveDuplicates();
  }

  @Test
  void questionsSuitTheRoleFamilyAndLevel() {
    List<PlannedQuestion> junior =
        interviewer.plan(
            "s2",
            spec(InterviewType.BEHAVIORAL, "Data Analyst", "junior", 20),
            ProfileContext.EMPTY);
    List<String> seniorOnly =
        BANK.questions().stream()
            .filter(q -> q.levels().equals(List.of("senior")))
            .map(Question::id)
            .toList();
    assertThat(junior)
        .extracting(PlannedQuestion::questionId)
        .doesNotContainAnyElementsOf(seniorOnly);

    List<PlannedQuestion> data =
        interviewer.plan(
            "s3", spec(InterviewType.TECHNICAL, "Data Scientist", "mid", 6), ProfileContext.EMPTY);
    List<String> dataIds =
        BANK.questions().stream()
            .filter(q -> q.roles().contains("data"))
            .map(Question::id)
            .toList();
    assertThat(data).extracting(PlannedQuestion::questionId).containsAnyElementsOf(dataIds);
    List<String> productOnly =
        BANK.questions().stream()
            .filter(q -> q.roles().equals(List.of("product")))
            .map(Question::id)
            .toList();
    assertThat(data)
        .extracting(PlannedQuestion::questionId)
        .doesNotContainAnyElementsOf(productOnly);
  }

  @Test
  void anEngineerWhoManagesNobodyIsNotAskedAHiringManagersQuestions() {
    List<String> managersOnly =
        BANK.questions().stream()
            .filter(
                q ->
                    q.type() == InterviewType.BEHAVIORAL && q.roles().equals(List.of("management")))
            .map(Question::id)
            .toList();
    assertThat(managersOnly).isNotEmpty();
    for (int i = 0; i < 200; i++) {
      assertThat(
              interviewer.plan(
                  "s-" + i,
                  spec(InterviewType.BEHAVIORAL, "Backend Engineer", "senior", 5),
                  ProfileContext.EMPTY))
          .extracting(PlannedQuestion::questionId)
          .doesNotContainAnyElementsOf(managersOnly);
    }
    List<String> forAManager =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(
                i ->
                    interviewer.plan(
                        "s-" + i,
                        spec(InterviewType.BEHAVIORAL, "Engineering Manager", "senior", 5),
                        ProfileContext.EMPTY))
            .flatMap(List::stream)
            .map(PlannedQuestion::questionId)
            .toList();
    assertThat(forAManager).containsAll(managersOnly);
  }

  @Test
  void theSamePlanForTheSameSessionAndADifferentOneForAnother() {
    InterviewSpec spec = spec(InterviewType.MIXED, "Engineer", "mid", 5);
    assertThat(interviewer.plan("a", spec, ProfileContext.EMPTY))
        .isEqualTo(interviewer.plan("a", spec, ProfileContext.EMPTY));
    assertThat(interviewer.plan("a", spec, ProfileContext.EMPTY))
        .isNotEqualTo(interviewer.plan("b", spec, ProfileContext.EMPTY));
  }

  @Test
  void longPassagesAreCutAtAWord() {
    String quoted = OfflineInterviewer.quote("word ".repeat(100));
    assertThat(quoted).hasSizeLessThanOrEqualTo(OfflineInterviewer.MAX_PASSAGE_CHARS).endsWith("…");
  }

  @Test
  void roleFamiliesAndLevelsAreReadFromFreeText() {
    assertThat(RoleFamily.of("Senior Data Engineer")).contains("engineering", "data");
    assertThat(RoleFamily.of("Product Manager")).contains("product", "management");
    assertThat(RoleFamily.level("Intern")).isEqualTo("junior");
    assertThat(RoleFamily.level("Staff")).isEqualTo("senior");
    assertThat(RoleFamily.level("mid")).isEqualTo("mid");
  }

  @Test
  void aCandidateWeakInAnAreaIsAskedAQuestionThatPractisesIt() {
    ProfileContext weak =
        new ProfileContext(List.of("Kafka"), List.of(), List.of("structure", "depth"));

    List<PlannedQuestion> plan =
        interviewer.plan(
            "s-weak", spec(InterviewType.TECHNICAL, "Backend Engineer", "mid", 5), weak);

    assertThat(plan).hasSize(5);
    assertThat(plan.get(0).text()).contains("Kafka");
    assertThat(plan.get(1).questionId()).isEqualTo("weak-structure");
    assertThat(plan.get(1).text()).contains("end with the result");
    assertThat(plan.stream().map(PlannedQuestion::questionId).distinct()).hasSize(5);
    // without weak areas, no focus question
    assertThat(
            interviewer.plan(
                "s-weak",
                spec(InterviewType.TECHNICAL, "Backend Engineer", "mid", 5),
                new ProfileContext(List.of("Kafka"), List.of())))
        .noneMatch(q -> q.questionId().startsWith("weak-"));
  }

  @Test
  void everyWeakAreaHasAFocusQuestion() {
    for (String area : WeakAreas.DIMENSIONS) {
      assertThat(BANK.questions())
          .as(area)
          .anyMatch(q -> q.needs().equals(Optional.of("weak:" + area)));
    }
  }
}
