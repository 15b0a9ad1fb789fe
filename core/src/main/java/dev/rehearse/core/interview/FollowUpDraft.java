package dev.rehearse.core.interview;

/**
 * A follow-up the rules ({@link FollowUps}) just asked, with what an LLM needs to word it for the
 * answer it follows: the question answered, the candidate's answer (their own words, untrusted),
 * and what the answer left out. The rule's text is the question asked when nothing better comes.
 *
 * @param questionId the follow-up's id, as its {@code question-asked} event names it
 * @param ruleText the rule's wording of the follow-up
 * @param reason what the answer left out
 * @param question the text of the question the candidate answered
 * @param answer the candidate's answer
 * @param language the session's language code
 */
public record FollowUpDraft(
    String questionId,
    String ruleText,
    FollowUps.Reason reason,
    String question,
    String answer,
    String language) {}
