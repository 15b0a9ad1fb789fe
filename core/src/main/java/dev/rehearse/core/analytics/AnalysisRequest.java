package dev.rehearse.core.analytics;

import dev.rehearse.core.events.Answer;
import dev.rehearse.fieldnames.FieldNames;
import java.util.Optional;

/**
 * What the analysis reads: the question (if known), the answer and its language (ISO 639-1); a null
 * language is detected from the text.
 */
@FieldNames
public record AnalysisRequest(Optional<String> question, Answer answer, String language) {

  public AnalysisRequest {
    question = question == null ? Optional.empty() : question;
  }

  public static AnalysisRequest of(Answer answer) {
    return new AnalysisRequest(Optional.empty(), answer, "en");
  }
}
