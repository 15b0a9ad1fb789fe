package dev.rehearse.fieldnames;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule the generated constants exist for, checked over the repository's main sources: a
 * dimension's name is spelled as a string literal in {@code Dimension.java} only, and the name of a
 * field of an index document or a lake dataset in no main source file at all: the record declares
 * it and the generated {@code <Record>Fields} constant carries it. The few literals that only share
 * a spelling with such a name are listed below with what they name.
 */
class FieldNameSpellingTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** A literal that is not a field name but shares its spelling: file → literal → what it names. */
  private static final Map<String, Map<String, String>> NOT_FIELD_NAMES =
      Map.ofEntries(
          Map.entry(
              "batch-jobs/src/main/java/dev/rehearse/batch/jobs/LlmFeedback.java",
              Map.of(
                  "sessionId", "a field of the LLM's reply",
                  "scores", "a key of the feedback cache's hash input, which must not change",
                  "type", "a key of the feedback cache's hash input, which must not change",
                  "overall", "a key of the feedback cache's hash input, which must not change")),
          Map.entry(
              "batch-jobs/src/main/java/dev/rehearse/batch/transforms/Benchmarks.java",
              Map.of(
                  "type", "a group kind (a value of groupKind)",
                  "role", "a group kind",
                  "question", "a group kind")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/http/Api.java",
              Map.of(
                  "index", "the path parameter of a question's index",
                  "question", "a word of a problem's detail")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/service/S3SpeechCache.java",
              Map.of("provider", "a key of the cached object's S3 user metadata")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/lake/LakeRows.java",
              Map.of("score", "the prefix of the bronze answers' score columns (scoreDepth, …)")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/http/HttpMetrics.java",
              Map.of("status", "a tag of the request metrics")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/service/ElasticsearchSessionReader.java",
              Map.of(
                  "score", "the name of an aggregation inside one request",
                  "users", "the name of an aggregation inside one request")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/service/ProfileService.java",
              Map.of("profile", "a word of a problem's title")),
          Map.entry(
              "research/src/main/java/dev/rehearse/research/Exa.java",
              Map.of(
                  "title", "a field of Exa's reply",
                  "text", "a field of Exa's reply",
                  "type", "a field of Exa's search request")),
          Map.entry(
              "research/src/main/java/dev/rehearse/research/Tavily.java",
              Map.of("title", "a field of Tavily's reply", "content", "a field of Tavily's reply")),
          Map.entry(
              "research/src/main/java/dev/rehearse/research/Serper.java",
              Map.of("title", "a field of Serper's reply")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/events/SessionEvent.java",
              Map.of("type", "the JSON property of an event's subtype")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/events/SessionCommand.java",
              Map.of("type", "the JSON property of a command's subtype")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/interview/InterviewStateMachine.java",
              Map.of(
                  "answer", "a kind of event id",
                  "question", "a kind of event id",
                  "completed", "a kind of event id")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/analytics/AnalyzeCommand.java",
              Map.of("file", "the command's FILE argument")),
          Map.entry(
              "stream-jobs/src/main/java/dev/rehearse/stream/Checkpoints.java",
              Map.of("file", "a URI scheme")),
          Map.entry(
              "search/src/main/java/dev/rehearse/search/Indices.java",
              Map.of("sessions", "an index name")),
          Map.entry(
              "deploy/launcher/src/main/java/dev/rehearse/deploy/cli/Demo.java",
              Map.of(
                  "answer", "a step of the demo, in its error messages",
                  "completed", "a session status value")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/assessment/DimensionGroup.java",
              Map.of(
                  "communication", "a dimension group's name, its definition",
                  "content", "a dimension group's name, its definition",
                  "behavioural", "a dimension group's name, its definition",
                  "delivery", "a dimension group's name, its definition")),
          Map.entry(
              "core/src/main/java/dev/rehearse/core/assessment/Scores.java",
              Map.of("overall", "the overall score's name, its definition")),
          Map.entry(
              "search/src/main/java/dev/rehearse/search/documents/SessionDocument.java",
              Map.of("completed", "the status value of a completed session")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/http/Requests.java",
              Map.of("completed", "a session status value of the status filter")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/service/SessionService.java",
              Map.of("completed", "a session status value")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/service/AnalyticsQuery.java",
              Map.of("day", "a trend interval of the query parameter")),
          Map.entry(
              "ingest-api/src/main/java/dev/rehearse/api/service/ElasticsearchSessionStatistics.java",
              Map.of("day", "a trend interval of the query parameter")),
          Map.entry(
              "batch-jobs/src/main/java/dev/rehearse/batch/transforms/CohortReport.java",
              Map.of("day", "a computed column of the report's trend, never stored")),
          Map.entry(
              "batch-jobs/src/main/java/dev/rehearse/batch/jobs/CohortReportJob.java",
              Map.of("day", "the computed column of the report's trend, never stored")),
          Map.entry(
              "batch-jobs/src/main/java/dev/rehearse/batch/transforms/PdfReport.java",
              Map.of("sessions", "a table heading")));

  /** Where the records of index documents and lake rows are, and the dimensions. */
  private static final List<String> CONTRACTS =
      List.of(
          "search/src/main/java/dev/rehearse/search/documents/",
          "core/src/main/java/dev/rehearse/core/lake/");

  private static final Path DIMENSIONS =
      ROOT.resolve("core/src/main/java/dev/rehearse/core/assessment/Dimension.java");

  private static final Pattern DIMENSION =
      Pattern.compile("^\\s+[A-Z_]+\\(\\s*\"(\\w+)\"", Pattern.MULTILINE);

  private static final Pattern INTERFACE_ACCESSOR =
      Pattern.compile("^\\s+(?:[\\w<>,.?\\[\\] ]+)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);

  @Test
  void noDimensionOrFieldNameIsSpelledOutsideItsDefinition() throws IOException {
    List<Path> sources = mainSources();
    Set<String> names = new TreeSet<>();
    for (Path source : sources) {
      String file = ROOT.relativize(source).toString();
      if (CONTRACTS.stream().anyMatch(file::startsWith)) {
        names.addAll(fieldNames(Files.readString(source)));
      }
    }
    assertThat(names).as("document and lake field names").hasSizeGreaterThan(100);
    Matcher dimensions = DIMENSION.matcher(Files.readString(DIMENSIONS));
    Set<String> dimensionNames = new TreeSet<>();
    while (dimensions.find()) {
      dimensionNames.add(dimensions.group(1));
    }
    assertThat(dimensionNames).as("dimensions found in Dimension.java").hasSize(14);
    names.addAll(dimensionNames);

    Map<String, Set<String>> spelledIn = new TreeMap<>();
    for (Path source : sources) {
      String file = ROOT.relativize(source).toString();
      String text = Files.readString(source);
      for (String name : names) {
        boolean definition = source.equals(DIMENSIONS) && dimensionNames.contains(name);
        if (text.contains("\"" + name + "\"")
            && !definition
            && !NOT_FIELD_NAMES.getOrDefault(file, Map.of()).containsKey(name)) {
          spelledIn.computeIfAbsent(name, n -> new TreeSet<>()).add(file);
        }
      }
    }

    assertThat(spelledIn)
        .as("dimension or field names spelled as literals; use Dimension or <Record>Fields")
        .isEmpty();
  }

  @Test
  void theScannerFindsTheComponentsOfRecordsAndTheAccessorsOfInterfaces() {
    String record =
        """
        @FieldNames
        public record Doc(
            Optional<String> sessionId, @Field(Kind.TEXT) Optional<String> title, Map<String, Double> scores) {
          public record Part(int answerCount) {}
        }
        """;
    String family =
        """
        @FieldNames
        public sealed interface Event {
          int schemaVersion();
          String sessionId();
          default boolean endsReply() { return true; }
          record Started(String eventId) implements Event {}
        }
        """;

    assertThat(fieldNames(record))
        .containsExactlyInAnyOrder("sessionId", "title", "scores", "answerCount");
    assertThat(fieldNames(family))
        .containsExactlyInAnyOrder("schemaVersion", "sessionId", "eventId");
  }

  /** The component names of the marked records in a source, and of their nested records. */
  static Set<String> fieldNames(String source) {
    Set<String> names = new TreeSet<>();
    if (!source.contains("@FieldNames")) {
      return names;
    }
    String plain = source.replaceAll("@\\w+(\\([^()]*\\))?", "");
    Matcher records =
        Pattern.compile("record\\s+\\w+\\s*(?:<[^>]*>)?\\s*\\(([^)]*)\\)", Pattern.DOTALL)
            .matcher(plain);
    while (records.find()) {
      names.addAll(components(records.group(1)));
    }
    if (source.matches("(?s).*@FieldNames\\s+(?:public\\s+)?(?:sealed\\s+)?interface.*")) {
      Matcher accessors = INTERFACE_ACCESSOR.matcher(plain);
      while (accessors.find()) {
        names.add(accessors.group(1));
      }
    }
    return names;
  }

  private static List<String> components(String list) {
    StringBuilder current = new StringBuilder();
    List<String> parts = new java.util.ArrayList<>();
    int depth = 0;
    for (char c : list.toCharArray()) {
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts.stream()
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .map(p -> p.substring(p.lastIndexOf(' ') + 1))
        .filter(n -> n.matches("\\w+"))
        .toList();
  }

  private static List<Path> mainSources() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .filter(p -> !p.toString().contains("/node_modules/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
