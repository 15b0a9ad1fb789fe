package dev.rehearse.core.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.WordTiming;
import dev.rehearse.core.json.Json;
import dev.rehearse.fieldnames.FieldNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rehearse analyze [--pretty] [FILE]}: reads one answer as JSON (standard input, or FILE)
 * and writes its metrics as JSON on standard output. Invalid input exits with status 2 and a
 * one-line JSON error on standard error naming the bad field.
 */
public final class AnalyzeCommand {

  /** The input document; only {@code text} is required. */
  @FieldNames
  record AnalyzeInput(
      String question,
      String text,
      Long durationMs,
      String language,
      List<Word> words,
      Long questionAskedAtMs,
      Long answerStartedAtMs,
      String audioRef) {}

  /** One word timing of the input. */
  record Word(String word, Long startMs, Long endMs) {}

  /** Bad input, with the field at fault. */
  static final class InvalidInput extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    InvalidInput(String field, String detail) {
      super(detail, null, false, false);
      this.field = field;
    }
  }

  public static final int OK = 0;
  public static final int INVALID = 2;
  static final long MAX_INPUT_BYTES = 16L * 1024 * 1024;

  private final AnswerAnalyzer analyzer;
  private final ObjectMapper mapper = Json.newMapper();

  public AnalyzeCommand(AnswerAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  public int run(List<String> args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    boolean pretty = args.contains("--pretty");
    List<String> files = args.stream().filter(a -> !a.equals("--pretty")).toList();
    try {
      if (files.size() > 1 || files.stream().anyMatch(a -> a.startsWith("-"))) {
        throw new InvalidInput("arguments", "usage: analyze [--pretty] [FILE]");
      }
      byte[] bytes = files.isEmpty() ? read(stdin) : read(Path.of(files.get(0)));
      AnswerMetrics metrics = analyze(parse(bytes));
      ObjectMapper writer = mapper.copy();
      if (pretty) {
        writer.enable(SerializationFeature.INDENT_OUTPUT);
      }
      stdout.println(writer.writeValueAsString(metrics));
      stdout.flush();
      return OK;
    } catch (InvalidInput e) {
      Map<String, String> error = new LinkedHashMap<>();
      error.put("error", "invalid input");
      error.put("field", e.field);
      error.put("detail", e.getMessage());
      stderr.println(
          new String(Json.toBytes(mapper, error), java.nio.charset.StandardCharsets.UTF_8));
      stderr.flush();
      return INVALID;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write metrics", e);
    }
  }

  private static byte[] read(InputStream in) throws InvalidInput {
    try {
      byte[] bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
      if (bytes.length > MAX_INPUT_BYTES) {
        throw new InvalidInput("input", "larger than " + MAX_INPUT_BYTES / (1024 * 1024) + " MB");
      }
      return bytes;
    } catch (IOException e) {
      throw new InvalidInput("input", "cannot read standard input");
    }
  }

  private static byte[] read(Path file) throws InvalidInput {
    try {
      if (Files.size(file) > MAX_INPUT_BYTES) {
        throw new InvalidInput("file", "larger than " + MAX_INPUT_BYTES / (1024 * 1024) + " MB");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInput("file", "cannot read " + file);
    }
  }

  private AnalyzeInput parse(byte[] bytes) throws InvalidInput {
    if (bytes.length == 0) {
      throw new InvalidInput(
          "input",
          "empty: expected a JSON object with at least \"" + AnalyzeInputFields.TEXT + "\"");
    }
    try {
      AnalyzeInput input = mapper.readValue(bytes, AnalyzeInput.class);
      if (input == null) {
        throw new InvalidInput("input", "expected a JSON object");
      }
      return input;
    } catch (JsonMappingException e) {
      String field = Json.fieldPath(e);
      throw new InvalidInput(
          field.isEmpty() ? "input" : field,
          field.isEmpty() ? "expected a JSON object" : "unknown field or wrong type");
    } catch (IOException e) {
      throw new InvalidInput("input", "malformed JSON (or not UTF-8)");
    }
  }

  private AnswerMetrics analyze(AnalyzeInput in) throws InvalidInput {
    if (in.text() == null) {
      throw new InvalidInput(AnalyzeInputFields.TEXT, "is required");
    }
    if (in.language() != null && !in.language().matches("[a-z]{2}")) {
      throw new InvalidInput(
          AnalyzeInputFields.LANGUAGE, "must be a two-letter ISO 639-1 code such as en");
    }
    List<WordTiming> words = new ArrayList<>();
    if (in.words() != null) {
      for (int i = 0; i < in.words().size(); i++) {
        Word w = in.words().get(i);
        String field = "words[" + i + "]";
        if (w == null || w.word() == null || w.startMs() == null || w.endMs() == null) {
          throw new InvalidInput(field, "needs word, startMs and endMs");
        }
        words.add(new WordTiming(w.word(), w.startMs(), w.endMs()));
      }
    }
    Answer answer =
        new Answer(
            in.text(),
            Optional.ofNullable(in.durationMs()),
            words,
            Optional.ofNullable(in.audioRef()),
            Optional.ofNullable(in.questionAskedAtMs()),
            Optional.ofNullable(in.answerStartedAtMs()));
    try {
      return analyzer.analyze(
          new AnalysisRequest(Optional.ofNullable(in.question()), answer, in.language()));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int colon = message.indexOf(": ");
      throw colon > 0
          ? new InvalidInput(message.substring(0, colon), message.substring(colon + 2))
          : new InvalidInput("input", message);
    }
  }
}
