package dev.rehearse.core.interview;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/** The offline interviewer's questions, read from {@code question-bank.json} in this package. */
public record QuestionBank(List<Question> questions) {

  public QuestionBank {
    questions = List.copyOf(questions);
  }

  /** The bank shipped with Rehearse. */
  public static QuestionBank builtIn() {
    ObjectMapper mapper = Json.newMapper();
    try (InputStream in = QuestionBank.class.getResourceAsStream("question-bank.json")) {
      Objects.requireNonNull(in, "question-bank.json is missing from the classpath");
      return new QuestionBank(mapper.readValue(in, new TypeReference<List<Question>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the question bank", e);
    }
  }

  /** The questions of a type; a mixed interview draws from every type. */
  public List<Question> ofType(InterviewType type) {
    if (type == InterviewType.MIXED) {
      return questions;
    }
    return questions.stream().filter(q -> q.type() == type).toList();
  }
}
